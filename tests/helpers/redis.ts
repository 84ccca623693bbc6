import { RedisClient } from 'bun';

/** Where the Redis tests connect; TEST_REDIS_URL overrides the machine's default. */
export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function probe(): Promise<string | undefined> {
  const client = new RedisClient(redisUrl, { connectionTimeout: 2000, autoReconnect: false });
  try {
    await client.ping();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    client.close();
  }
}

const problem = await probe();

/** Like the MySQL suites: under CI they always run (no server fails them); locally skipped loudly. */
export const redisAvailable: boolean = (() => {
  if (problem === undefined || process.env.CI) return true;
  console.warn(`\n!!! Redis tests SKIPPED: no server at ${redisUrl} (${problem}).\n!!! Start redis-server or set TEST_REDIS_URL. CI never skips them.\n`);
  return false;
})();

/** What a running server's /health says of its Redis connection. */
export async function redisState(url: string): Promise<string | undefined> {
  return ((await (await fetch(`${url}/health`)).json()) as { redis?: string }).redis;
}
