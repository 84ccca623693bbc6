import { readFileSync } from 'node:fs';

/**
 * Where the benchmark's processes run. On a small machine three busy processes (load generator,
 * fake upstream, proxy) fight over the cores and the ratio naive/ours swings by ±25 % from run to
 * run; giving the proxy under test a core of its own brings that to about ±10 %.
 */
export interface CpuPlan {
  /** `taskset` argument for the proxy under test (naive and ours take turns on it). */
  readonly proxy: string;
  /** The load generator (this process) and the fake upstream. */
  readonly rest: string;
  /** What this process had before pinning, to give it back. */
  readonly all: string;
}

/** The CPUs this process may use, from /proc (e.g. `0-3,6` → [0, 1, 2, 3, 6]). */
function allowedCpus(): number[] {
  const line = /Cpus_allowed_list:\s*(\S+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '';
  return line.split(',').flatMap((part) => {
    const [from, to = from] = part.split('-').map(Number);
    if (from === undefined || to === undefined || Number.isNaN(from) || Number.isNaN(to)) return [];
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  });
}

/** A plan when `taskset` is there and there are at least two CPUs; otherwise nothing is pinned. */
export function cpuPlan(): CpuPlan | undefined {
  if (process.platform !== 'linux' || Bun.which('taskset') === null) return undefined;
  let cpus: number[];
  try {
    cpus = allowedCpus();
  } catch {
    return undefined;
  }
  const proxy = cpus.at(-1);
  if (proxy === undefined || cpus.length < 2) return undefined;
  return { proxy: String(proxy), rest: cpus.slice(0, -1).join(','), all: cpus.join(',') };
}

/** Every thread of this process onto `cpus` (threads started later inherit it). */
export function pinSelf(cpus: string): boolean {
  const result = Bun.spawnSync(['taskset', '-a', '-p', '-c', cpus, String(process.pid)], { stdout: 'ignore', stderr: 'ignore' });
  return result.exitCode === 0;
}

/** The command prefix that runs a child on `cpus`, or none. */
export const pinned = (cpus: string | undefined): string[] => (cpus === undefined ? [] : ['taskset', '-c', cpus]);

export function describePlan(plan: CpuPlan | undefined): string {
  return plan === undefined
    ? 'processes not pinned (needs Linux, taskset and 2 CPUs)'
    : `proxy under test on CPU ${plan.proxy}, load generator and fake Gemini on CPU ${plan.rest}`;
}
