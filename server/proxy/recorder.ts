import type { NewErrorLog, NewRequestLog, Repository } from '../../db/repository';
import type { Logger } from '../log';

export interface RecorderOptions {
  readonly intervalMs: number;
  /** Rows kept while the database is down; beyond this the oldest are dropped (and counted). */
  readonly maxBuffered: number;
}

// Small, frequent batches: SQLite writes run on the event loop, so a big batch is a visible stall.
const DEFAULTS: RecorderOptions = { intervalMs: 200, maxBuffered: 200_000 };

/** One buffer per table; rows leave it only once the database has them. */
function createBuffer<T>(name: string, write: (rows: T[]) => Promise<void>, options: RecorderOptions, log: Logger) {
  let rows: T[] = [];
  let dropped = 0;
  let failing = false;
  return {
    push(row: T) {
      rows.push(row);
      if (rows.length > options.maxBuffered) {
        rows.shift();
        dropped++;
      }
    },
    depth: () => rows.length,
    async flush() {
      if (rows.length === 0) return;
      const batch = rows;
      rows = [];
      try {
        await write(batch);
        if (failing) log.info(`${name}: the database answers again; ${batch.length} buffered rows written`);
        failing = false;
      } catch (error) {
        rows = batch.concat(rows).slice(-options.maxBuffered);
        if (!failing) log.warn(`${name}: cannot write to the database (${error instanceof Error ? error.message : String(error)}); keeping rows in memory and retrying`);
        failing = true;
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
export function createRecorder(repo: Repository, log: Logger, options: Partial<RecorderOptions> = {}) {
  const o = { ...DEFAULTS, ...options };
  const requests = createBuffer<NewRequestLog>('request log', (rows) => repo.insertRequestLogs(rows), o, log);
  const errors = createBuffer<NewErrorLog>('error log', (rows) => repo.insertErrorLogs(rows), o, log);
  let running: Promise<void> = Promise.resolve();
  const flush = () => {
    running = running.then(() => Promise.all([requests.flush(), errors.flush()])).then(() => undefined);
    return running;
  };
  const timer = setInterval(() => void flush(), o.intervalMs);
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
