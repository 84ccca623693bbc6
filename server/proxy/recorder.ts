import type { NewErrorLog, NewRequestLog, Repository } from '../../db/repository';
import type { Logger } from '../log';
import { oneAtATime } from '../sync/one-at-a-time';

export interface RecorderOptions {
  readonly intervalMs: number;
  /** Rows kept while the database is down; beyond this the oldest are dropped (and counted). */
  readonly maxBuffered: number;
  /** Rows per write. SQLite writes run on the event loop (about 10 µs a row with the log indexes). */
  readonly sliceRows: number;
}

// At 10,000 requests/s one 200 ms batch is 2,000 rows, a 20 ms stall of every client if written at
// once; written 250 at a time with the event loop let in between, no stall passes ~3 ms.
const DEFAULTS: RecorderOptions = { intervalMs: 200, maxBuffered: 200_000, sliceRows: 250 };

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One buffer per table; rows leave it only once the database has them. */
function createBuffer<T>(name: string, write: (rows: T[]) => Promise<void>, options: RecorderOptions, log: Logger) {
  let rows: T[] = [];
  let dropped = 0;
  let failing = false;
  const writeSlice = async (): Promise<boolean> => {
    const slice = rows.slice(0, options.sliceRows);
    try {
      await write(slice);
    } catch (error) {
      if (!failing) log.warn(`${name}: cannot write to the database (${error instanceof Error ? error.message : String(error)}); keeping rows in memory and retrying`);
      failing = true;
      return false;
    }
    rows = rows.slice(slice.length);
    if (failing) log.info(`${name}: the database answers again; writing the buffered rows`);
    failing = false;
    return true;
  };
  return {
    push(row: T) {
      rows.push(row);
      // Drop in bulk, not one shift() per row: shifting a 200,000-row array on every request is quadratic.
      if (rows.length >= options.maxBuffered + Math.ceil(options.maxBuffered / 100)) {
        const excess = rows.length - options.maxBuffered;
        rows = rows.slice(excess);
        dropped += excess;
      }
    },
    depth: () => rows.length,
    /** Writes what is buffered now, a slice at a time; stops at the first failure (retried next time). */
    async flush() {
      let left = rows.length;
      while (left > 0 && (await writeSlice())) {
        left -= options.sliceRows;
        if (left > 0) await nextTurn();
      }
      if (dropped > 0) {
        log.error(`${name}: ${dropped} rows dropped because the database was unreachable for too long`);
        dropped = 0;
      }
    },
  };
}

/**
 * Write-behind request and error logs: the hot path only pushes to memory; a timer writes batches.
 * A database outage never fails a client request, and no row is lost while the buffer has room.
 */
export function createRecorder(repo: Pick<Repository, 'insertRequestLogs' | 'insertErrorLogs'>, log: Logger, options: Partial<RecorderOptions> = {}) {
  const o = { ...DEFAULTS, ...options };
  const requests = createBuffer<NewRequestLog>('request log', (rows) => repo.insertRequestLogs(rows), o, log);
  const errors = createBuffer<NewErrorLog>('error log', (rows) => repo.insertErrorLogs(rows), o, log);
  /** One flush at a time; a call during a flush waits for it and then flushes what came since. */
  const flushes = oneAtATime(async () => {
    await Promise.all([requests.flush(), errors.flush()]);
  });
  const flush = () => flushes.run();
  const timer = setInterval(() => {
    if (!flushes.busy()) void flush();
  }, o.intervalMs);
  timer.unref?.();
  return {
    request: (row: NewRequestLog) => requests.push(row),
    error: (row: NewErrorLog) => errors.push(row),
    depth: () => requests.depth() + errors.depth(),
    flush,
    async stop() {
      clearInterval(timer);
      await flush();
    },
  };
}

export type Recorder = ReturnType<typeof createRecorder>;
