import { join } from 'node:path';
import type { Subprocess } from 'bun';

const MAIN = join(import.meta.dir, '..', '..', 'server', 'main.ts');

export interface ServerProcess {
  readonly proc: Subprocess<'ignore', 'pipe', 'pipe'>;
  readonly url: string;
  output(): string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: 'SIGTERM' | 'SIGINT'): Promise<number>;
}

function collect(stream: ReadableStream<Uint8Array>, sink: string[]) {
  void (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) sink.push(decoder.decode(chunk, { stream: true }));
  })();
}

/** The environment a spawned server gets: nothing from the test runner's own environment. */
export function serverEnv(extra: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', PORT: '0', ...extra };
}

/** Runs `bun server/main.ts` in `cwd` and waits until it listens, or until it exits. */
export async function startServer(cwd: string, env: Record<string, string>, timeoutMs = 20_000, prefix: string[] = []) {
  const out: string[] = [];
  // --no-env-file, as `bun run start`: the server reads .env itself (Bun's own loading would expand $VARS in it).
  const proc = Bun.spawn([...prefix, 'bun', '--no-env-file', MAIN], { cwd, env: serverEnv(env), stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
  collect(proc.stdout, out);
  collect(proc.stderr, out);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /listening on http:\/\/[^:]+:(\d+)/.exec(out.join(''));
    if (match) {
      const server: ServerProcess = {
        proc,
        url: `http://127.0.0.1:${match[1]}`,
        output: () => out.join(''),
        async stop(signal = 'SIGTERM') {
          proc.kill(signal);
          return proc.exited;
        },
      };
      return server;
    }
    if (proc.exitCode !== null) break;
    await Bun.sleep(25);
  }
  if (proc.exitCode === null) proc.kill('SIGKILL');
  const code = await proc.exited;
  return { exitCode: code, output: out.join('') };
}

/** Runs the server expecting it to refuse to start; returns its exit code and everything it printed. */
export async function startExpectingFailure(cwd: string, env: Record<string, string>, prefix: string[] = []) {
  const result = await startServer(cwd, env, 30_000, prefix);
  if ('proc' in result) {
    await result.stop();
    throw new Error(`server started although it should not have:\n${result.output()}`);
  }
  return result;
}

export async function startOrThrow(cwd: string, env: Record<string, string>) {
  const result = await startServer(cwd, env);
  if (!('proc' in result)) throw new Error(`server did not start (exit ${result.exitCode}):\n${result.output}`);
  return result;
}
