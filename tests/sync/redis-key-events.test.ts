import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { fingerprint } from '../../server/keypool/keys';
import { loggedInAdmin, trpcData } from '../helpers/admin-client';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream/server';
import { CLIENT_TOKEN, type RunningProxy, startProxy } from '../helpers/proxy-app';
import { redisAvailable, redisUrl } from '../helpers/redis';

// REDIS_URL: a key state change on one instance reaches the others at once (no database in common
// here: each instance has its own SQLite file, so only Redis can carry it).
const K1 = `AIza${'5'.repeat(35)}`;
const K2 = `AIza${'6'.repeat(35)}`;

async function within(ms: number, check: () => boolean, what: string) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await Bun.sleep(10);
  }
}

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
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await fake?.stop();
  });

  test('a 429 cooldown on one instance and a key disabled there reach the other within half a second', async () => {
    await fetch(`${a.url}/v1beta/models/gemini-2.5-pro:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': CLIENT_TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ parts: [{ text: 'hi' }] }] }),
    });
    await within(500, () => (b.deps.pool.snapshot().find((k) => k.key === K1)?.modelCooldowns['gemini-2.5-pro'] ?? 0) > Date.now(), 'K1 cooling on B');

    const admin = await loggedInAdmin(a);
    await trpcData(await admin.mutate('keys.disable', { ids: [fingerprint(K2)], reason: 'off on A' }));
    await within(500, () => b.deps.pool.snapshot().find((k) => k.key === K2)?.status === 'disabled', 'K2 disabled on B');
    expect(b.deps.pool.snapshot().find((k) => k.key === K2)?.disabledReason).toBe('off on A');
  });
});
