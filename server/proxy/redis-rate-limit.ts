/**
 * REDIS_URL: the per-token limits counted in Redis, so several instances share one count. The
 * same sliding-window log as rate-limit.ts (a sorted set of admission times per token, trimmed
 * and checked in one atomic script, on Redis's own clock so instances' clocks do not matter).
 * A limit is never a reason to stall or refuse service: a count that takes longer than
 * ANSWER_MS, or a Redis that is away, falls back to this instance's own count, and Redis is tried
 * again RETRY_MS later on a fresh connection.
 */
import { randomUUID } from 'node:crypto';
import { RedisClient } from 'bun';
import type { Logger } from '../log';
import { createRateLimiter, RATE_WINDOW_MS, type RateLimiter } from './rate-limit';

const ANSWER_MS = 250;
const RETRY_MS = 10_000;

const SCRIPT = `
local key, window, limit, member = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
if count < limit then
  redis.call('ZADD', key, now, member)
  redis.call('PEXPIRE', key, window)
  return -1
end
local oldest = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

/** No offline queue: a count waiting for a connection that may never come is worse than a local one. */
function connect(url: string): { client: RedisClient; ready: Promise<void> } {
  const client = new RedisClient(url, { connectionTimeout: 2_000, enableOfflineQueue: false, autoReconnect: false });
  const ready = client.connect();
  // Seen by the count that waits on it; unobserved it would be an unhandled rejection.
  ready.catch(() => undefined);
  return { client, ready };
}

export function createRedisRateLimiter(url: string, log: Logger, windowMs: number = RATE_WINDOW_MS): RateLimiter & { close(): void } {
  let redis = connect(url);
  const local = createRateLimiter(windowMs);
  const instance = randomUUID();
  let sequence = 0;
  let downUntil = 0;

  const count = async (subject: number, limit: number): Promise<number | null> => {
    // Unique across instances (and several in one process): a repeated member would not count.
    const member = `${instance}-${sequence++}`;
    const call = redis.ready.then(() => redis.client.send('EVAL', [SCRIPT, '1', `gemini-balance:rate:${subject}`, String(windowMs), String(limit), member]));
    const late = Bun.sleep(ANSWER_MS).then(() => {
      throw new Error(`no answer within ${ANSWER_MS} ms`);
    });
    const result = Number(await Promise.race([call, late]));
    return result < 0 ? null : result;
  };

  return {
    async admit(subject, limit, now) {
      if (Date.now() < downUntil) return local.admit(subject, limit, now);
      try {
        const wait = await count(subject, limit);
        if (downUntil !== 0) log.info('Redis answers again: per-token limits are shared between instances again.');
        downUntil = 0;
        return wait;
      } catch (error) {
        if (downUntil === 0) log.warn(`Redis (REDIS_URL) does not answer (${error instanceof Error ? error.message : String(error)}); per-token limits are counted by each instance alone until it does.`);
        downUntil = Date.now() + RETRY_MS;
        redis.client.close();
        redis = connect(url);
        return local.admit(subject, limit, now);
      }
    },
    retain(keep) {
      local.retain(keep);
    },
    close: () => redis.client.close(),
  };
}
