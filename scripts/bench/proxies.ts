import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../../tests/helpers/server-process';
import { tempDir } from '../../tests/helpers/temp-dir';
import { type CpuPlan, pinned } from './cpus';
import { type Cleanup, type Listening, spawnListening, stopWithin } from './processes';

/** A proxy under load: where it listens, the process to measure, and the token clients send. */
export interface Target {
  readonly url: string;
  readonly pid: number;
  readonly token: string;
}

export const CLIENT_TOKEN = 'bench-token';

/** `count` keys shaped like Google's: `AIza` and 35 characters of [A-Za-z0-9_-]. */
export function benchKeys(count: number): string[] {
  return Array.from({ length: count }, () => `AIza${randomBytes(27).toString('base64url').slice(0, 35)}`);
}

/** The fake Gemini in its own process; every key is a healthy one. */
export async function startFake(cleanup: Cleanup, plan: CpuPlan | undefined, env: Record<string, string> = {}): Promise<Listening> {
  const fake = await spawnListening(join(import.meta.dir, 'fake-process.ts'), env, pinned(plan?.rest));
  return cleanup.add(fake, (f) => f.stop());
}

export async function startNaive(cleanup: Cleanup, plan: CpuPlan | undefined, fakeUrl: string, key: string): Promise<Target> {
  const env = { UPSTREAM: fakeUrl, KEY: key };
  const naive = await spawnListening(join(import.meta.dir, 'naive-proxy.ts'), env, pinned(plan?.proxy));
  cleanup.add(naive, (n) => n.stop());
  return { url: naive.url, pid: naive.pid, token: CLIENT_TOKEN };
}

/**
 * Our server on a fresh SQLite database in a temp dir. The keys go in that dir's `.env`: 10,000 of
 * them make a 400 KB value, more than Linux accepts for one environment variable (128 KB).
 * SAFETY_SETTINGS=[] so the body passes unchanged, as through the naive proxy.
 */
export async function startOurs(cleanup: Cleanup, plan: CpuPlan | undefined, fakeUrl: string, keys: readonly string[]): Promise<Target> {
  const dir = cleanup.add(tempDir('gb-bench-'), (d) => d.remove());
  writeFileSync(join(dir.path, '.env'), `API_KEYS=${keys.join(',')}\n`);
  const env = { BASE_URL: `${fakeUrl}/v1beta`, ALLOWED_TOKENS: CLIENT_TOKEN, AUTH_TOKEN: 'bench-admin', SAFETY_SETTINGS: '[]', LOG_LEVEL: 'WARNING' };
  const server = await startServer(dir.path, env, 30_000, pinned(plan?.proxy));
  if (!('proc' in server)) throw new Error(`our server did not start (exit ${server.exitCode}):\n${server.output}`);
  cleanup.add(server, (s) => stopWithin(s.proc));
  return { url: server.url, pid: server.proc.pid, token: CLIENT_TOKEN };
}
