/**
 * Per-token request limits ("at most N requests in any 60 s"), in this process's memory.
 *
 * A sliding-window log: the times of the requests admitted in the last window, oldest first. It
 * is exact — no 60 s window ever holds more than the limit, unlike a fixed per-minute counter
 * (2× at a minute boundary) or a token bucket (a full bucket plus its refill) — and it tells the
 * client exactly when a slot frees. Refused requests are not counted, so a client that keeps
 * retrying is served again as soon as the window allows. Memory: at most `limit` numbers per token.
 * Several instances each count on their own, unless REDIS_URL shares the counts
 * (redis-rate-limit.ts implements this interface).
 */
export interface RateLimiter {
  /**
   * Counts one request for `subject`: null when admitted, else milliseconds until a slot frees (a
   * Promise when shared through Redis, where the count is kept under `name`: ids are per database).
   */
  admit(subject: number, limit: number, now: number, name?: string): number | null | Promise<number | null>;
  /** Drops the counts of subjects that no longer exist (deleted tokens). */
  retain(keep: (subject: number) => boolean): void;
}

export const RATE_WINDOW_MS = 60_000;

/** A queue of times; `head` advances instead of shifting the array (O(1) per request). */
interface Log {
  times: number[];
  head: number;
}

function prune(log: Log, now: number, windowMs: number): void {
  // A request at exactly `now - windowMs` is a full window old: it no longer counts.
  while (log.head < log.times.length && (log.times[log.head] ?? now) <= now - windowMs) log.head++;
  if (log.head > 64 && log.head * 2 > log.times.length) {
    log.times = log.times.slice(log.head);
    log.head = 0;
  }
}

export function createRateLimiter(windowMs: number = RATE_WINDOW_MS): RateLimiter {
  const logs = new Map<number, Log>();
  return {
    admit(subject, limit, now) {
      let log = logs.get(subject);
      if (!log) logs.set(subject, (log = { times: [], head: 0 }));
      prune(log, now, windowMs);
      const inWindow = log.times.length - log.head;
      if (inWindow < limit) {
        log.times.push(now);
        return null;
      }
      // A lowered limit may leave more than `limit` in the window: wait until enough have aged out.
      const freeing = log.times[log.head + inWindow - limit] ?? now;
      return Math.max(1, freeing + windowMs - now);
    },
    retain(keep) {
      for (const subject of logs.keys()) if (!keep(subject)) logs.delete(subject);
    },
  };
}
