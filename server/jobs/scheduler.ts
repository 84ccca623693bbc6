import type { Deps } from '../deps';
import type { StoredSettings } from '../settings/schema';

/** A background job. Its interval is read from the settings at every tick, so a saved change applies within a minute. */
export interface JobDef {
  readonly name: string;
  readonly description: string;
  /** ms between runs, or null while the job is switched off. */
  interval(s: StoredSettings): number | null;
  /** Does the work; returns one line for the dashboard ("3 keys probed, 1 back"). */
  run(deps: Deps): Promise<string>;
}

export interface LastRun {
  readonly at: number;
  readonly durationMs: number;
  readonly ok: boolean;
  readonly summary: string;
}

export interface JobStatus {
  readonly name: string;
  readonly description: string;
  readonly enabled: boolean;
  readonly running: boolean;
  readonly lastRun: LastRun | null;
  readonly nextRun: number | null;
}

const TICK_MS = 60_000;
/** Settings-table rows (not settings) that remember each job's last run across restarts. */
const LAST_RUN_ROW = 'JOB_LAST_RUN:';

/**
 * Runs due jobs once a minute; one run of a job at a time; a failing job is logged and tried again
 * next time. `depsOf` because the scheduler is itself part of the dependencies it hands to jobs.
 */
export function createScheduler(jobs: readonly JobDef[], depsOf: () => Deps, startedAt: number) {
  const last = new Map<string, LastRun>();
  const running = new Map<string, Promise<LastRun>>();
  let timer: Timer | undefined;

  const nextRun = (job: JobDef): number | null => {
    const interval = job.interval(depsOf().settings.current);
    return interval === null ? null : (last.get(job.name)?.at ?? startedAt) + interval;
  };
  const status = (job: JobDef): JobStatus => ({
    name: job.name,
    description: job.description,
    enabled: job.interval(depsOf().settings.current) !== null,
    running: running.has(job.name),
    lastRun: last.get(job.name) ?? null,
    nextRun: nextRun(job),
  });
  const execute = (job: JobDef): Promise<LastRun> => {
    const pending = running.get(job.name);
    if (pending) return pending;
    const deps = depsOf();
    const at = deps.now();
    const done = job
      .run(deps)
      .then((summary) => ({ at, durationMs: deps.now() - at, ok: true, summary }))
      .catch((error: unknown) => {
        deps.log.error(`job ${job.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        return { at, durationMs: deps.now() - at, ok: false, summary: error instanceof Error ? error.message : String(error) };
      })
      .then((run) => {
        last.set(job.name, run);
        running.delete(job.name);
        // A free PaaS may restart more often than a job's interval: the next start must know it ran.
        void deps.repo.writeSettings([{ key: `${LAST_RUN_ROW}${job.name}`, value: JSON.stringify(run) }], deps.now()).catch(() => undefined);
        return run;
      });
    running.set(job.name, done);
    return done;
  };
  const tick = async () => {
    const now = depsOf().now();
    const due = jobs.filter((job) => {
      const at = nextRun(job);
      return at !== null && at <= now;
    });
    await Promise.all(due.map(execute));
  };
  const find = (name: string) => jobs.find((job) => job.name === name);
  /** The last runs saved by earlier processes: a job overdue since then runs at the first tick. */
  const restore = async () => {
    for (const row of await depsOf().repo.readSettings()) {
      if (!row.key.startsWith(LAST_RUN_ROW)) continue;
      try {
        last.set(row.key.slice(LAST_RUN_ROW.length), JSON.parse(row.value) as LastRun);
      } catch {
        // A damaged row only means the job runs one interval after this start.
      }
    }
  };
  return {
    async start() {
      await restore().catch((error: unknown) => depsOf().log.warn(`jobs: last runs not read (${String(error)}); counting from now`));
      timer = setInterval(() => void tick(), TICK_MS);
      timer.unref?.();
    },
    tick,
    list: (): JobStatus[] => jobs.map(status),
    /** Runs a job now (the dashboard's "run now"); undefined for an unknown name. */
    async runNow(name: string): Promise<JobStatus | undefined> {
      const job = find(name);
      if (!job) return undefined;
      await execute(job);
      return status(job);
    },
    /** Stops the timer. A run in progress is not awaited: a shutdown must not wait for 30 s probes. */
    stop() {
      clearInterval(timer);
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
