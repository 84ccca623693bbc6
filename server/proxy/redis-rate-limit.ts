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
import { answerWithin } from '../sync/answer-within';
import { createRateLimiter, RATE_WINDOW_MS, type RateLimiter } from './rate-limit';

const ANSWER_MS = 250;
const RETRY_MS = 10_000;

// TIME before a write needs effects replication, the default only from Redis 5 on.
const SCRIPT = `
if redis.replicate_commands then redis.replicate_commands() end
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

interface Connection {
  readonly client: RedisClient;
  readonly ready: Promise<void>;
  /** Closed, or never opened: the next count opens a fresh one first. */
  closed: boolean;
}

/** No offline queue and no reconnecting of its own: a count waiting for a connection is worse than a local one. */
function connect(url: string): Connection {
  const client = new RedisClient(url, { connectionTimeout: 2_000, enableOfflineQueue: false, autoReconnect: false });
  const connection: Connection = { client, ready: client.connect(), closed: false };
  client.onclose = () => {
    connection.closed = true;
  };
  connection.ready.catch(() => {
    connection.closed = true;
  });
  return connection;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createRedisRateLimiter(url: string, log: Logger, windowMs: number = RATE_WINDOW_MS): RateLimiter & { close(): void } {
  let redis = connect(url);
  const local = createRateLimiter(windowMs);
  const instance = randomUUID();
  let sequence = 0;
  let downUntil = 0;

  /** A fresh connection in place of `used` — once, however many requests saw it fail. */
  const replace = (used: Connection) => {
    if (redis !== used) return;
    used.client.close();
    redis = connect(url);
  };

  const count = async (name: string, limit: number): Promise<number | null> => {
    if (redis.closed) replace(redis);
    const used = redis;
    // Unique across instances (and several in one process): a repeated member would not count.
    const member = `${instance}-${sequence++}`;
    const call = used.ready.then(() => used.client.send('EVAL', [SCRIPT, '1', `gemini-balance:rate:${name}`, String(windowMs), String(limit), member]));
    try {
      const result = Number(await answerWithin(call, ANSWER_MS));
      return result < 0 ? null : result;
    } catch (error) {
      // A slow or broken connection is not used again; a script error (an old Redis) keeps it.
      if (used.closed || /no answer/.test(message(error))) replace(used);
      throw error;
    }
  };

  return {
    async admit(subject, limit, now, name) {
      if (Date.now() < downUntil) return local.admit(subject, limit, now, name);
      try {
        const wait = await count(name ?? `id-${subject}`, limit);
        if (downUntil !== 0) log.info('Redis answers again: per-token limits are shared between instances again.');
        downUntil = 0;
        return wait;
      } catch (error) {
        if (downUntil === 0) log.warn(`Redis (REDIS_URL) could not count a request (${message(error)}); per-token limits are counted by each instance alone for now.`);
        downUntil = Date.now() + RETRY_MS;
        return local.admit(subject, limit, now, name);
      }
    },
    retain(keep) {
      local.retain(keep);
    },
    close: () => redis.client.close(),
  };
}
