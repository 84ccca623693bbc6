import { afterEach, describe, expect, test } from 'bun:test';
import { revalidateKeys } from '../../server/keypool/revalidate';
import { adminClient, trpcData } from '../helpers/admin-client';
import { type Behaviour, type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream/server';
import { ADMIN_TOKEN, CLIENT_TOKEN, type RunningProxy, startProxy } from '../helpers/proxy-app';

// /vertex-express: Vertex AI Express mode with VERTEX_API_KEYS, its own key pool, the same rules.
const GEMINI_KEY = `AIza${'G'.repeat(35)}`;
const V1 = `AQ.Ab8RN6${'1'.repeat(50)}`;
const V2 = `AQ.Ab8RN6${'2'.repeat(50)}`;
const MODEL = 'gemini-2.5-flash';

let running: { f: FakeUpstream; p: RunningProxy } | undefined;
afterEach(async () => {
  await running?.p.stop();
  await running?.f.stop();
  running = undefined;
});

async function setup(vertex: Record<string, Behaviour>, env: Record<string, string> = {}) {
  const f = await startFakeUpstream();
  f.setKey(GEMINI_KEY, { kind: 'ok' });
  for (const [key, behaviour] of Object.entries(vertex)) f.setKey(key, behaviour);
  const p = await startProxy({
    upstreamUrl: f.url,
    keys: [GEMINI_KEY],
    env: { VERTEX_API_KEYS: Object.keys(vertex).join(','), VERTEX_EXPRESS_BASE_URL: `${f.url}/v1beta1/publishers/google`, ...env },
  });
  running = { f, p };
  return { f, p };
}

const ask = (p: RunningProxy, action = 'generateContent', query = '') =>
  fetch(`${p.url}/vertex-express/v1beta/models/${MODEL}:${action}${query}`, {
    method: 'POST',
    headers: { 'x-goog-api-key': CLIENT_TOKEN, 'content-type': 'application/json' },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Where is Google?' }] }] }),
  });

describe('/vertex-express/v1beta', () => {
  test('generateContent and SSE streams go to VERTEX_EXPRESS_BASE_URL with a Vertex key, in turn; Google\'s answer comes back as it is', async () => {
    const { f, p } = await setup({ [V1]: { kind: 'ok' }, [V2]: { kind: 'ok' } });
    const unary = await ask(p);
    expect(unary.status).toBe(200);
    const unaryText = await unary.text();
    const stream = await ask(p, 'streamGenerateContent', '?alt=sse');
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    expect(await stream.text()).toContain('data: ');
    const sent = f.requests.filter((r) => r.path.startsWith('/v1beta1/publishers/google/'));
    expect(sent.map((r) => r.path)).toEqual([
      `/v1beta1/publishers/google/models/${MODEL}:generateContent`,
      `/v1beta1/publishers/google/models/${MODEL}:streamGenerateContent`,
    ]);
    expect(sent.map((r) => r.key)).toEqual([V1, V2]);
    expect(JSON.stringify(f.requests)).not.toContain(CLIENT_TOKEN);
    const direct = await fetch(`${f.url}/v1beta1/publishers/google/models/${MODEL}:generateContent`, { method: 'POST', headers: { 'x-goog-api-key': V1 }, body: '{}' });
    expect(unaryText).toBe(await direct.text());
  });

  test('a rate-limited Vertex key is retried on the next; an invalid one is disabled with Google\'s reason and never named to the client', async () => {
    const { f, p } = await setup({ [V1]: { kind: 'invalid-key' }, [V2]: { kind: 'rate-limited' } });
    const answer = await ask(p);
    const text = await answer.text();
    expect(answer.status).toBe(429);
    expect(text).not.toContain(V1);
    expect(text).not.toContain(V2);
    expect(f.requests.filter((r) => r.path.includes('/publishers/')).map((r) => r.key)).toEqual([V1, V2]);
    expect(p.deps.pools.vertex.snapshot().find((k) => k.key === V1)).toMatchObject({ status: 'disabled' });
    // The Gemini keys are another pool: untouched.
    expect(p.deps.pool.snapshot()).toMatchObject([{ key: GEMINI_KEY, status: 'active', failures: 0 }]);

    const admin = adminClient(p);
    expect((await admin.mutate('auth.login', { token: ADMIN_TOKEN })).status).toBe(200);
    const listed = await trpcData<{ items: { kind: string; status: string; disabledReason: string | null }[] }>(await admin.query('keys.list', { kind: 'vertex' }));
    expect(listed.items.map((k) => k.status).sort()).toEqual(['active', 'disabled']);
    expect(listed.items.find((k) => k.status === 'disabled')?.disabledReason).toContain('API_KEY_INVALID');
  });

  test('without Vertex keys: a Google-shaped 503 that says to set VERTEX_API_KEYS; no Gemini key is used for it', async () => {
    const { f, p } = await setup({});
    const answer = await ask(p);
    expect(answer.status).toBe(503);
    expect(await answer.json()).toEqual({ error: { code: 503, message: 'No Vertex Express keys are configured. Set VERTEX_API_KEYS.', status: 'UNAVAILABLE' } });
    expect(f.requests).toHaveLength(0);
  });

  test('the model list is Gemini\'s (as in gemini-balance); other actions and paths are a Google-shaped 404', async () => {
    const { f, p } = await setup({ [V1]: { kind: 'ok' } });
    const list = await fetch(`${p.url}/vertex-express/v1beta/models`, { headers: { 'x-goog-api-key': CLIENT_TOKEN } });
    expect(list.status).toBe(200);
    expect(f.requests.at(-1)).toMatchObject({ path: '/v1beta/models', key: GEMINI_KEY });
    const embed = await ask(p, 'embedContent');
    expect(embed.status).toBe(404);
    expect(((await embed.json()) as { error: { status: string } }).error.status).toBe('NOT_FOUND');
    const wrong = await fetch(`${p.url}/vertex-express/v1/chat/completions`, { method: 'POST', headers: { 'x-goog-api-key': CLIENT_TOKEN } });
    expect(wrong.status).toBe(404);
    const anonymous = await fetch(`${p.url}/vertex-express/v1beta/models/${MODEL}:generateContent`, { method: 'POST', body: '{}' });
    expect(anonymous.status).toBe(401);
  });

  test('the key re-check probes disabled Vertex keys on VERTEX_EXPRESS_BASE_URL and puts them back', async () => {
    const { f, p } = await setup({ [V1]: { kind: 'ok' } });
    p.deps.pools.vertex.update(V1, (k) => ({ ...k, status: 'disabled', disabledReason: 'test' }));
    expect(await revalidateKeys(p.deps)).toEqual({ checked: 1, recovered: 1 });
    expect(f.requests.at(-1)).toMatchObject({ path: '/v1beta1/publishers/google/models/gemini-2.5-flash-lite:generateContent', key: V1 });
    expect(p.deps.pools.vertex.snapshot()[0]?.status).toBe('active');
  });
});
