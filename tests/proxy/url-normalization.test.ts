import { describe, expect, test } from 'bun:test';
import { normalizedPath } from '../../server/proxy/normalize-path';
import { CLIENT_TOKEN } from '../helpers/proxy-app';
import { proxyWithFake } from '../helpers/proxy-with-fake';

const A = `AIza${'A'.repeat(35)}`;
const h = proxyWithFake();

const ask = (url: string, path: string) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${CLIENT_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }], contents: [{ parts: [{ text: 'hi' }] }] }),
  });

describe('normalizedPath (URL_NORMALIZATION_ENABLED)', () => {
  const cases: [method: string, path: string, query: string, meant: string | undefined][] = [
    ['POST', '/v1beta/models/gemini-2.5-flash:generateContent', '', undefined],
    ['POST', '/gemini/v1beta/models/gemini-2.5-flash:streamGenerateContent', '', undefined],
    ['GET', '/v1beta/models', '', undefined],
    ['POST', '/v1/chat/completions', '', undefined],
    ['POST', '/hf/v1/audio/speech', '', undefined],
    // A slash instead of the colon, a doubled prefix, a prefix pasted into the base URL.
    ['POST', '/v1beta/models/gemini-2.5-flash/generateContent', '', '/v1beta/models/gemini-2.5-flash:generateContent'],
    ['POST', '/api/v1beta/models/gemini-2.5-pro:streamGenerateContent', 'alt=sse', '/v1beta/models/gemini-2.5-pro:streamGenerateContent'],
    ['POST', '/v1beta/v1beta/models/gemini-2.5-flash:generateContent', '', '/v1beta/models/gemini-2.5-flash:generateContent'],
    ['POST', '/x/generatecontent', 'model=gemini-2.5-flash&stream=true', '/v1beta/models/gemini-2.5-flash:streamGenerateContent'],
    // Kept, unlike gemini-balance: the action asked for, and the /gemini and /vertex-express prefixes.
    ['POST', '/gemini/v1beta/models/gemini-2.5-flash/countTokens', '', '/gemini/v1beta/models/gemini-2.5-flash:countTokens'],
    ['POST', '/vertex-express/api/v1beta/models/gemini-2.5-flash:generateContent', '', '/vertex-express/v1beta/models/gemini-2.5-flash:generateContent'],
    ['GET', '/api/v1beta/models/', '', '/v1beta/models'],
    ['POST', '/v1beta/models', '', undefined],
    // OpenAI paths.
    ['POST', '/v1/v1/chat/completions', '', '/v1/chat/completions'],
    ['POST', '/api/openai/chat/completion', '', '/openai/v1/chat/completions'],
    ['POST', '/hf/v1/embedding', '', '/hf/v1/embeddings'],
    ['GET', '/v1/v1/models', '', '/v1/models'],
    ['POST', '/openai/v1/audio/speech', '', '/v1/audio/speech'],
    ['POST', '/chat/completions', '', '/v1/chat/completions'],
    // Everything else stays: the dashboard, the admin API, files, uploads, health.
    ['GET', '/keys', '', undefined],
    ['POST', '/api/trpc/keys.list', '', undefined],
    ['GET', '/v1beta/files', '', undefined],
    ['POST', '/upload/v1beta/files', '', undefined],
    ['GET', '/health', '', undefined],
  ];
  test.each(cases)('%s %s ?%s → %s', (method, path, query, meant) => {
    expect(normalizedPath(method, path, new URLSearchParams(query))).toBe(meant);
  });
});

describe('smart routing over HTTP', () => {
  test('on: a mistyped path reaches the route it meant, body, query and token intact', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } }, { URL_NORMALIZATION_ENABLED: 'true' });
    expect((await ask(p.url, '/v1/v1/chat/completions')).status).toBe(200);
    const native = await ask(p.url, '/v1beta/models/gemini-2.5-flash/streamGenerateContent?alt=sse');
    expect(native.status).toBe(200);
    expect(native.headers.get('content-type')).toContain('text/event-stream');
    expect(f.requests.map((r) => [r.path, r.query.alt])).toEqual([
      ['/v1beta/models/gemini-2.5-flash:generateContent', undefined],
      ['/v1beta/models/gemini-2.5-flash:streamGenerateContent', 'sse'],
    ]);
  });

  test('off (the default): the same paths are a 404 that names the right base URL', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } });
    expect((await ask(p.url, '/v1/v1/chat/completions')).status).toBe(404);
    expect(f.requests).toHaveLength(0);
  });
});

describe('CUSTOM_HEADERS', () => {
  test('go with every upstream call (native, OpenAI, speech), never the client\'s own headers', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } }, { CUSTOM_HEADERS: '{"X-Relay-Team":"gb-1","X-Trace":"on"}' });
    await ask(p.url, '/v1beta/models/gemini-2.5-flash:generateContent');
    await ask(p.url, '/v1/chat/completions');
    await fetch(`${p.url}/v1/audio/speech`, { method: 'POST', headers: { authorization: `Bearer ${CLIENT_TOKEN}`, 'x-client-secret': 'no' }, body: JSON.stringify({ input: 'hi', voice: 'alloy' }) });
    expect(f.requests).toHaveLength(3);
    for (const r of f.requests) {
      expect(r.headers['x-relay-team']).toBe('gb-1');
      expect(r.headers['x-trace']).toBe('on');
      expect(r.headers['x-client-secret']).toBeUndefined();
    }
  });
});
