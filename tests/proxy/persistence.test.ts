import { afterEach, describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import type { KeyState } from '../../server/keypool/machine';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream/server';
import { CLIENT_TOKEN, type RunningProxy, startProxy } from '../helpers/proxy-app';
import { tempDirsRemovedAfterAll } from '../helpers/temp-dir';

// A restart must not forget what the pool learned: a disabled key stays out, a resting key keeps resting.
const FLASH = 'gemini-2.5-flash';
const key = (c: string) => `AIzaSy${c.repeat(33)}`;
const [A, B, C] = [key('A'), key('B'), key('C')];
const freshDir = tempDirsRemovedAfterAll().fresh;

let t = 1_000_000;
let fake: FakeUpstream | undefined;
const running: RunningProxy[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) await p.stop();
  await fake?.stop();
  fake = undefined;
});

async function start(upstreamUrl: string, sqlitePath: string, env: Record<string, string> = {}) {
  const p = await startProxy({ upstreamUrl, keys: [A, B, C], sqlitePath, env, now: () => t });
  running.push(p);
  return p;
}

const generate = (p: RunningProxy) =>
  fetch(`${p.url}/v1beta/models/${FLASH}:generateContent`, {
    method: 'POST',
    headers: { 'x-goog-api-key': CLIENT_TOKEN, 'content-type': 'application/json' },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hello' }] }] }),
  });

const states = (p: RunningProxy) =>
  Object.fromEntries(
    p.deps.pool.snapshot().map(({ key: k, status, failures, cooldownUntil, disabledReason, modelCooldowns }) => [
      k,
      { status, failures, cooldownUntil, disabledReason, modelCooldowns },
    ]),
  );

describe('key states across a restart', () => {
  test('a disabled key and a key resting after a 429 are still so after a restart on the same database', async () => {
    t = 1_000_000;
    const f = await startFakeUpstream();
    fake = f;
    f.setKey(A, { kind: 'invalid-key' });
    f.setKey(B, { kind: 'rate-limited', retryDelay: '41s', models: [FLASH] });
    f.setKey(C, { kind: 'ok' });
    const sqlitePath = join(freshDir(), 'proxy.db');

    const first = await start(f.url, sqlitePath);
    expect((await generate(first)).status).toBe(200);
    expect(f.requests.map((r) => r.key)).toEqual([A, B, C]);
    const learned = states(first);
    expect(learned[A]?.status).toBe('disabled');
    expect(learned[B]?.modelCooldowns).toEqual({ [FLASH]: t + 41_000 });
    await first.stop();
    running.splice(0);

    const second = await start(f.url, sqlitePath);
    expect(states(second)).toEqual(learned);
    const byKey = new Map<string, KeyState>(second.deps.pool.snapshot().map((k) => [k.key, k]));
    expect(byKey.get(A)?.disabledReason ?? '').toContain('API_KEY_INVALID');

    // A (disabled) and B (resting for this model) are skipped; only C is asked.
    f.setKey(A, { kind: 'ok' });
    f.setKey(B, { kind: 'ok' });
    const before = f.requests.length;
    for (let i = 0; i < 3; i++) expect((await generate(second)).status).toBe(200);
    expect(f.requests.slice(before).map((r) => r.key)).toEqual([C, C, C]);
  });

  test('a key resting after repeated 5xx keeps resting until its time after a restart', async () => {
    t = 1_000_000;
    const f = await startFakeUpstream();
    fake = f;
    f.setKey(A, { kind: 'server-error', status: 503 });
    f.setDefault({ kind: 'ok' });
    const sqlitePath = join(freshDir(), 'proxy.db');
    const first = await start(f.url, sqlitePath, { MAX_FAILURES: '1' });
    expect((await generate(first)).status).toBe(200);
    expect(states(first)[A]).toMatchObject({ status: 'cooling', failures: 1, cooldownUntil: t + 60_000 });
    const learned = states(first);
    await first.stop();
    running.splice(0);

    f.setKey(A, { kind: 'ok' });
    const second = await start(f.url, sqlitePath, { MAX_FAILURES: '1' });
    expect(states(second)).toEqual(learned);
    const before = f.requests.length;
    for (let i = 0; i < 3; i++) await generate(second);
    expect(f.requests.slice(before).map((r) => r.key)).not.toContain(A);
    t += 60_001;
    for (let i = 0; i < 3; i++) await generate(second);
    expect(f.requests.slice(before + 3).map((r) => r.key)).toContain(A);
  });
});
