import { readFileSync } from 'node:fs';

export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  /** Failures during the warm-up (not in `errors`): the soak run counts every failure a client saw. */
  readonly warmupErrors: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** CPU time the server process spent per request, µs (from /proc, user + system). */
  readonly cpuUsPerRequest: number | undefined;
}

const TICKS_PER_SECOND = 100;

/** utime + stime of a process in µs, from /proc (Linux); undefined elsewhere. */
export function processCpuUs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1e6;
  } catch {
    return undefined;
  }
}

/** Peak resident memory of a process in MB (VmHWM). */
export function peakRssMb(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/**
 * Sends `makeRequest()` with `concurrency` requests in flight for `seconds` (after a short warm-up)
 * and reads each body to the end, as a client would.
 */
export async function runLoad(options: {
  makeRequest: () => Request;
  concurrency: number;
  seconds: number;
  serverPid?: number;
  /** When given, a 200 whose body fails it counts as an error too (an SSE error event, an empty answer). */
  isAnswer?: (body: string) => boolean;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const one = async () => {
    const started = performance.now();
    try {
      const response = await fetch(options.makeRequest());
      const answered = options.isAnswer === undefined ? (await response.arrayBuffer(), true) : options.isAnswer(await response.text());
      if (!response.ok || !answered) errors++;
    } catch {
      errors++;
    }
    return performance.now() - started;
  };
  const warmUntil = performance.now() + 500;
  await Promise.all(Array.from({ length: options.concurrency }, async () => {
    while (performance.now() < warmUntil) await one();
  }));
  const warmupErrors = errors;
  errors = 0;
  const cpuBefore = options.serverPid === undefined ? undefined : processCpuUs(options.serverPid);
  const started = performance.now();
  const until = started + options.seconds * 1000;
  await Promise.all(Array.from({ length: options.concurrency }, async () => {
    while (performance.now() < until) latencies.push(await one());
  }));
  const elapsed = (performance.now() - started) / 1000;
  const cpuAfter = options.serverPid === undefined ? undefined : processCpuUs(options.serverPid);
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    warmupErrors,
    perSecond: latencies.length / elapsed,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    cpuUsPerRequest:
      cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / latencies.length,
  };
}

export function formatLoad(name: string, r: LoadResult): string {
  const cpu = r.cpuUsPerRequest === undefined ? 'n/a' : `${r.cpuUsPerRequest.toFixed(0)} µs`;
  return (
    `${name.padEnd(34)} ${r.perSecond.toFixed(0).padStart(7)} req/s  p50 ${r.p50Ms.toFixed(2)} ms  ` +
    `p99 ${r.p99Ms.toFixed(2)} ms  cpu/req ${cpu}  errors ${r.errors}${r.warmupErrors > 0 ? ` (+${r.warmupErrors} in warm-up)` : ''}`
  );
}
