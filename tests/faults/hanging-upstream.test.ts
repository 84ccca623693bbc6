import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream/server';
import { CLIENT_TOKEN, type RunningProxy, startProxy } from '../helpers/proxy-app';

// Issue 9 (point 2, part): Google accepting calls and never answering. TIME_OUT bounds every
// call, and nothing stays open afterwards (no connection leak), over 1,000 calls.
// One key and a high MAX_FAILURES: the key never rests and the breaker (3 keys) never opens, so every call waits.
const KEYS = [`AIza${'A'.repeat(35)}`];
let fake: FakeUpstream;
let proxy: RunningProxy;
beforeAll(async () => {
  fake = await startFakeUpstream();
  for (const key of KEYS) fake.setKey(key, { kind: 'hang' });
  proxy = await startProxy({ upstreamUrl: fake.url, keys: KEYS, env: { TIME_OUT: '1', MAX_RETRIES: '0', MAX_FAILURES: '1000' } });
});
afterAll(async () => {
  await proxy.stop();
  await fake.stop();
});

describe('an upstream that hangs', () => {
  test('1,000 calls: each ends with a 504 within TIME_OUT, and no upstream connection is left open', async () => {
    const statuses = new Map<number, number>();
    let slowest = 0;
    for (let round = 0; round < 5; round++) {
      await Promise.all(
        Array.from({ length: 200 }, async (_, i) => {
          const started = performance.now();
          const stream = (round + i) % 2 === 0;
          const response = await fetch(`${proxy.url}/v1beta/models/gemini-2.5-flash:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`, {
            method: 'POST',
            headers: { 'x-goog-api-key': CLIENT_TOKEN, 'content-type': 'application/json' },
            body: JSON.stringify({ contents: [{ parts: [{ text: 'hi' }] }] }),
          });
          await response.text();
          slowest = Math.max(slowest, performance.now() - started);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        }),
      );
    }
    expect([...statuses.entries()]).toEqual([[504, 1000]]);
    expect(slowest).toBeLessThan(2_500);
    const deadline = Date.now() + 3_000;
    while (fake.openRequests() > 0 && Date.now() < deadline) await Bun.sleep(50);
    expect(fake.openRequests()).toBe(0);
  }, 60_000);
});
