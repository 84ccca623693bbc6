import { readFileSync } from 'node:fs';
import type { Subprocess } from 'bun';
import { serverEnv } from '../../tests/helpers/server-process';

/** Peak (VmHWM) or current (VmRSS) resident memory of a process in MB, from /proc. */
export function rssMb(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** A child process that printed `listening on http://HOST:PORT`. */
export interface Listening {
  readonly url: string;
  readonly pid: number;
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(): Promise<void>;
}

/** Sends SIGTERM and waits; a process still there after `graceMs` is killed. */
export async function stopWithin(proc: Subprocess, graceMs = 5000): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  proc.kill('SIGTERM');
  const exited = await Promise.race([proc.exited.then(() => true), Bun.sleep(graceMs).then(() => false)]);
  if (!exited) {
    proc.kill('SIGKILL');
    await proc.exited;
  }
}

function collect(stream: ReadableStream<Uint8Array>, sink: string[]) {
  void (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) sink.push(decoder.decode(chunk, { stream: true }));
  })();
}

/** Runs `[...prefix] bun <script>` with PORT=0 and `env`, and waits until it says where it listens. */
export async function spawnListening(script: string, env: Record<string, string>, prefix: string[] = []): Promise<Listening> {
  const out: string[] = [];
  const proc = Bun.spawn([...prefix, 'bun', script], { env: serverEnv(env), stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
  collect(proc.stdout, out);
  collect(proc.stderr, out);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && proc.exitCode === null) {
    const match = /listening on (http:\/\/[^\s]+:\d+)/.exec(out.join(''));
    if (match?.[1]) {
      return { url: match[1], pid: proc.pid, output: () => out.join(''), stop: () => stopWithin(proc) };
    }
    await Bun.sleep(25);
  }
  await stopWithin(proc, 1000);
  throw new Error(`${script} did not start:\n${out.join('')}`);
}

/** Things to undo, undone last-first; one failing does not keep the others from running. */
export class Cleanup {
  private readonly steps: Array<() => unknown> = [];
  private running: Promise<void> | undefined;

  add<T>(value: T, undo: (value: T) => unknown): T {
    this.steps.push(() => undo(value));
    return value;
  }

  /** Runs the steps once; a second call (a signal during `finally`) waits for the same run. */
  run(): Promise<void> {
    this.running ??= this.undoAll();
    return this.running;
  }

  private async undoAll(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        console.error(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
