import { join } from 'node:path';
import { serverEnv } from './server-process';

export interface ScriptResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/** Runs `bun scripts/<name>` in `cwd` with only `env`, as the README tells users to, and collects its output. */
export async function runScript(name: string, cwd: string, env: Record<string, string>, args: readonly string[]): Promise<ScriptResult> {
  const script = join(import.meta.dir, '..', '..', 'scripts', name);
  const proc = Bun.spawn(['bun', script, ...args], { cwd, env: serverEnv(env), stdout: 'pipe', stderr: 'pipe' });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { stdout, stderr, code };
}
