import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { loggedInAdmin, trpcData } from '../helpers/admin-client';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream/server';
import { generate, type RunningProxy, startProxy } from '../helpers/proxy-app';
import { redisAvailable, redisUrl } from '../helpers/redis';

// REDIS_URL: a token's per-minute limit is one count for all instances, not one per instance.
const KEY = `AIza${'7'.repeat(35)}`;

describe.if(redisAvailable)('per-token limits through Redis', () => {
  let fake: FakeUpstream;
  let a: RunningProxy;
  let b: RunningProxy;
  // The same token (same id, same limit) on both instances, as on one shared database; a new
  // token each run: the count lives in Redis for a minute.
  const token = `sk-shared-limit-${crypto.randomUUID()}`;
  let sharedIds: (number | undefined)[] = [];
  beforeAll(async () => {
    fake = await startFakeUpstream();
    fake.setKey(KEY, { kind: 'ok' });
    a = await startProxy({ upstreamUrl: fake.url, keys: [KEY], redisUrl });
    b = await startProxy({ upstreamUrl: fake.url, keys: [KEY], redisUrl });
    const created = await Promise.all(
      [a, b].map(async (p) => trpcData<{ id: number }>(await (await loggedInAdmin(p)).mutate('tokens.create', { label: 'shared', token, rpmLimit: 5 }))),
    );
    sharedIds = created.map((c) => c.id);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await fake?.stop();
  });

  test('a token limited to 5 a minute gets 5 answers across two instances, then 429 from either', async () => {
    expect(sharedIds[0]).toBe(sharedIds[1]);
    const statuses: number[] = [];
    for (const p of [a, b, a, b, a, b, a]) statuses.push((await generate(p.url, token)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
  });

  test('the same token id on another database is another count (counts are kept by the token, not its id)', async () => {
    // The shared token's count used up (the test above did it already when run with it).
    for (let i = 0; i < 5; i++) await generate(a.url, token);
    expect((await generate(a.url, token)).status).toBe(429);
    const other = await startProxy({ upstreamUrl: fake.url, keys: [KEY], redisUrl });
    try {
      const admin = await loggedInAdmin(other);
      const mine = `sk-other-db-${crypto.randomUUID()}`;
      const created = await trpcData<{ id: number }>(await admin.mutate('tokens.create', { label: 'other', token: mine, rpmLimit: 5 }));
      // A fresh database gives its token the id the exhausted shared token has on a and b.
      expect(created.id).toBe(sharedIds[0] ?? -1);
      expect((await generate(other.url, mine)).status).toBe(200);
    } finally {
      await other.stop();
    }
  });
});

describe('per-token limits when Redis is away', () => {
  let fake: FakeUpstream;
  let proxy: RunningProxy;
  let dead: Bun.TCPSocketListener;
  beforeAll(async () => {
    fake = await startFakeUpstream();
    fake.setKey(KEY, { kind: 'ok' });
    // A port that accepts connections and never answers: the worst Redis, a hung one.
    dead = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } });
    proxy = await startProxy({ upstreamUrl: fake.url, keys: [KEY], redisUrl: `redis://127.0.0.1:${dead.port}` });
  });
  afterAll(async () => {
    await proxy?.stop();
    dead?.stop(true);
    await fake?.stop();
  });

  test('calls are still answered promptly and the limit is counted by the instance alone', async () => {
    const created = await trpcData<{ id: number }>(await (await loggedInAdmin(proxy)).mutate('tokens.create', { label: 'alone', token: 'sk-alone-limit-0001', rpmLimit: 3 }));
    expect(created.id).toBeGreaterThan(0);
    const statuses: number[] = [];
    const started = performance.now();
    for (let i = 0; i < 5; i++) {
      statuses.push((await generate(proxy.url, 'sk-alone-limit-0001')).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(proxy.logs.join('\n')).toContain('per-token limits are counted by each instance alone');
    // One wait of at most 250 ms for the first count, then Redis is left alone for 10 s.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
