import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { fingerprint } from '../../server/keypool/keys';
import { loggedInAdmin, trpcData } from '../helpers/admin-client';
import { eventually } from '../helpers/eventually';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream/server';
import { CLIENT_TOKEN, generate, type RunningProxy, startProxy } from '../helpers/proxy-app';
import { redisAvailable, redisState, redisUrl } from '../helpers/redis';
import { startForwarder } from '../helpers/tcp-forwarder';

// REDIS_URL: a key state change on one instance reaches the others at once (no database in common
// here: each instance has its own SQLite file, so only Redis can carry it).
const K1 = `AIza${'5'.repeat(35)}`;
const K2 = `AIza${'6'.repeat(35)}`;

describe.if(redisAvailable)('key states through Redis', () => {
  let fake: FakeUpstream;
  let a: RunningProxy;
  let b: RunningProxy;
  beforeAll(async () => {
    fake = await startFakeUpstream();
    fake.setKey(K1, { kind: 'rate-limited', retryDelay: '60s', models: ['gemini-2.5-pro'] });
    fake.setKey(K2, { kind: 'ok' });
    a = await startProxy({ upstreamUrl: fake.url, keys: [K1, K2], redisUrl });
    b = await startProxy({ upstreamUrl: fake.url, keys: [K1, K2], redisUrl });
    // The connection is made in the background (a Redis away must not hold the start up).
    for (const p of [a, b]) await eventually(async () => (await redisState(p.url)) === 'connected', 'Redis connected', 5_000);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await fake?.stop();
  });

  test('a 429 cooldown on one instance and a key disabled there reach the other within half a second', async () => {
    await generate(a.url, CLIENT_TOKEN, 'gemini-2.5-pro');
    await eventually(() => (b.deps.pool.snapshot().find((k) => k.key === K1)?.modelCooldowns['gemini-2.5-pro'] ?? 0) > Date.now(), 'K1 cooling on B', 500, 10);

    const admin = await loggedInAdmin(a);
    await trpcData(await admin.mutate('keys.disable', { ids: [fingerprint(K2)], reason: 'off on A' }));
    await eventually(() => b.deps.pool.snapshot().find((k) => k.key === K2)?.status === 'disabled', 'K2 disabled on B', 500, 10);
    expect(b.deps.pool.snapshot().find((k) => k.key === K2)?.disabledReason).toBe('off on A');
  });
});

describe('key states when Redis is away', () => {
  test('the start is not held up, calls are answered, and /health says Redis is away (still 200)', async () => {
    const fake = await startFakeUpstream();
    fake.setKey(K2, { kind: 'ok' });
    // Accepts connections and never answers: a hung Redis.
    const hung = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } });
    const started = performance.now();
    const p = await startProxy({ upstreamUrl: fake.url, keys: [K2], redisUrl: `redis://127.0.0.1:${hung.port}` });
    try {
      expect(performance.now() - started).toBeLessThan(3_000);
      expect((await generate(p.url)).status).toBe(200);
      const health = await fetch(`${p.url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', redis: 'away' });
    } finally {
      await p.stop();
      hung.stop(true);
      await fake.stop();
    }
  });
});

describe.if(redisAvailable)('key states when Redis goes away and comes back', () => {
  test('a hung Redis and a gone one are noticed; when it is back the instances rejoin within the retry time and changes travel at once again', async () => {
    const target = new URL(redisUrl);
    const forwarder = await startForwarder(target.hostname, Number(target.port || 6379));
    const fake = await startFakeUpstream();
    fake.setKey(K1, { kind: 'ok' });
    fake.setKey(K2, { kind: 'ok' });
    const viaForwarder = `redis://127.0.0.1:${forwarder.port}`;
    const a = await startProxy({ upstreamUrl: fake.url, keys: [K1, K2], redisUrl: viaForwarder });
    const b = await startProxy({ upstreamUrl: fake.url, keys: [K1, K2], redisUrl: viaForwarder });
    const says = async (want: string, ms: number) => {
      for (const p of [a, b]) await eventually(async () => (await redisState(p.url)) === want, `/health says redis ${want}`, ms, 50);
    };
    try {
      await says('connected', 5_000);
      // Hung: connections stay open and nothing is answered; the pings notice (every 5 s, 2.5 s each).
      forwarder.freeze();
      await says('away', 10_000);
      forwarder.thaw();
      await says('connected', 15_000);
      // Gone: connections closed and refused.
      forwarder.cut();
      await says('away', 2_000);
      forwarder.restore();
      // Retried every 10 s.
      await says('connected', 15_000);
      const admin = await loggedInAdmin(a);
      await trpcData(await admin.mutate('keys.disable', { ids: [fingerprint(K2)], reason: 'after the outage' }));
      await eventually(() => b.deps.pool.snapshot().find((k) => k.key === K2)?.status === 'disabled', 'K2 disabled on B', 500, 10);
    } finally {
      await a.stop();
      await b.stop();
      await fake.stop();
      forwarder.stop();
    }
  }, 60_000);
});

