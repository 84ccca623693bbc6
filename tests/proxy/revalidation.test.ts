import { afterEach, describe, expect, test } from 'bun:test';
import type { KeyState } from '../../server/keypool/machine';
import { revalidateKeys } from '../../server/keypool/revalidate';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream/server';
import { CLIENT_TOKEN, type RunningProxy, startProxy } from '../helpers/proxy-app';

// The re-check: disabled keys are probed with TEST_MODEL and come back when Google accepts them again.
const FLASH = 'gemini-2.5-flash';
const TEST_MODEL = 'gemini-2.5-flash-lite';
const key = (c: string) => `AIzaSy${c.repeat(33)}`;
const [A, B, C, D] = [key('A'), key('B'), key('C'), key('D')];

let t = 1_000_000;
let fake: FakeUpstream | undefined;
let proxy: RunningProxy | undefined;
afterEach(async () => {
  await proxy?.stop();
  await fake?.stop();
  proxy = undefined;
  fake = undefined;
});

const generate = (p: RunningProxy, model = FLASH) =>
  fetch(`${p.url}/v1beta/models/${model}:generateContent`, {
    method: 'POST',
    headers: { 'x-goog-api-key': CLIENT_TOKEN, 'content-type': 'application/json' },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hello' }] }] }),
  });

const state = (p: RunningProxy, k: string): KeyState => {
  const found = p.deps.pool.snapshot().find((s) => s.key === k);
  if (!found) throw new Error('key not in the pool');
  return found;
};

/** A, B and C are disabled by a first call (400 API_KEY_INVALID each); D answers it. */
async function threeDisabledKeys() {
  t = 1_000_000;
  const f = await startFakeUpstream();
  fake = f;
  for (const k of [A, B, C]) f.setKey(k, { kind: 'invalid-key' });
  f.setKey(D, { kind: 'ok' });
  const p = await startProxy({ upstreamUrl: f.url, keys: [A, B, C, D], env: { TEST_MODEL }, now: () => t });
  proxy = p;
  expect((await generate(p)).status).toBe(200);
  expect(p.deps.pool.snapshot().map((k) => k.status)).toEqual(['disabled', 'disabled', 'disabled', 'active']);
  f.requests.length = 0;
  return { f, p };
}

describe('revalidateKeys', () => {
  test('probes only the keys out of service, with TEST_MODEL:generateContent', async () => {
    const { f, p } = await threeDisabledKeys();
    const result = await revalidateKeys(p.deps);
    expect(result.checked).toBe(3);
    expect(f.requests.map((r) => r.key).sort()).toEqual([A, B, C]);
    for (const r of f.requests) expect(`${r.method} ${r.path}`).toBe(`POST /v1beta/models/${TEST_MODEL}:generateContent`);
  });

  test('a disabled key Google accepts again is back in service and serves clients', async () => {
    const { f, p } = await threeDisabledKeys();
    f.setKey(A, { kind: 'ok' });
    expect(await revalidateKeys(p.deps)).toEqual({ checked: 3, recovered: 1 });
    expect(state(p, A)).toMatchObject({ status: 'active', failures: 0, disabledReason: null });
    f.requests.length = 0;
    for (let i = 0; i < 4; i++) expect((await generate(p)).status).toBe(200);
    expect(f.requests.map((r) => r.key)).toContain(A);
  });

  test('a key Google still rejects stays disabled with its reason', async () => {
    const { f, p } = await threeDisabledKeys();
    f.setKey(A, { kind: 'ok' });
    await revalidateKeys(p.deps);
    expect(state(p, B).status).toBe('disabled');
    expect(state(p, B).disabledReason ?? '').toContain('API_KEY_INVALID');
    f.requests.length = 0;
    for (let i = 0; i < 4; i++) expect((await generate(p)).status).toBe(200);
    expect(f.requests.map((r) => r.key)).not.toContain(B);
  });

  test('a disabled key that now answers 429 is valid: re-enabled, resting for the test model only', async () => {
    const { f, p } = await threeDisabledKeys();
    f.setKey(C, { kind: 'rate-limited', retryDelay: '20s', models: [TEST_MODEL] });
    expect(await revalidateKeys(p.deps)).toEqual({ checked: 3, recovered: 1 });
    expect(state(p, C)).toMatchObject({ status: 'active', disabledReason: null, failures: 0, modelCooldowns: { [TEST_MODEL]: t + 20_000 } });
    f.requests.length = 0;
    for (let i = 0; i < 4; i++) expect((await generate(p, TEST_MODEL)).status).toBe(200);
    expect(f.requests.map((r) => r.key)).not.toContain(C);
    for (let i = 0; i < 4; i++) expect((await generate(p, FLASH)).status).toBe(200);
    expect(f.requests.map((r) => r.key)).toContain(C);
  });

  test('with every key active nothing is probed', async () => {
    const f = await startFakeUpstream();
    fake = f;
    f.setDefault({ kind: 'ok' });
    const p = await startProxy({ upstreamUrl: f.url, keys: [A, B], env: { TEST_MODEL }, now: () => t });
    proxy = p;
    expect(await revalidateKeys(p.deps)).toEqual({ checked: 0, recovered: 0 });
    expect(f.requests).toHaveLength(0);
  });
});
