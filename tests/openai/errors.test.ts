import { describe, expect, test } from 'bun:test';
import { AuthenticationError, BadRequestError, InternalServerError, NotFoundError, RateLimitError } from 'openai';
import { CLIENT_TOKEN } from '../helpers/proxy-app';
import { proxyWithFake } from '../helpers/proxy-with-fake';
import { unknownModel } from '../helpers/fake-upstream/replies';
import { caught, expectNoSecrets, FLASH, gkey, keysSeen, rawChat, sdk, UNARY_TEXT } from './support';

// What an OpenAI client sees when something goes wrong: typed SDK errors, OpenAI's error shape, no secrets.
const [A, B] = [gkey('A'), gkey('B')];
const h = proxyWithFake();
const hi = { model: FLASH, messages: [{ role: 'user' as const, content: 'hi' }] };

type Fetch = (request: Request) => Promise<Response>;
/**
 * The fake answers any model name on POST; Google answers 404 for a model it does not have. This
 * wrapper gives that recorded 404 for UNKNOWN and counts the calls.
 */
const UNKNOWN = 'gemini-9-ultra';
function withUnknownModel(calls: string[]) {
  return (real: Fetch): Fetch =>
    async (request) => {
      if (!request.url.includes(`/models/${UNKNOWN}:`)) return real(request);
      calls.push(request.headers.get('x-goog-api-key') ?? '');
      return unknownModel(UNKNOWN, 'v1beta');
    };
}

/** Every error the client sees: the SDK's status, OpenAI's error fields, and nothing secret in it. */
function expectOpenAIError(error: any, status: number, keys: readonly string[]) {
  expect(error.status).toBe(status);
  expect(typeof error.error?.message).toBe('string');
  expect(typeof error.type).toBe('string');
  expectNoSecrets(JSON.stringify(error.error ?? {}) + String(error.message), keys);
}

describe('errors through the openai SDK', () => {
  test('a wrong access token: AuthenticationError 401, Google never called', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } });
    const error = await caught(() => sdk(p, '/v1', 'sk-not-a-token').chat.completions.create(hi));
    expect(error).toBeInstanceOf(AuthenticationError);
    expectOpenAIError(error, 401, [A]);
    expect(error.code).toBe('invalid_api_key');
    expect(String(error.message)).not.toContain('sk-not-a-token');
    expect(f.requests).toHaveLength(0);
  });

  test('no token at all: 401 in OpenAI shape', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } });
    const res = await fetch(`${p.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(hi) });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
    expect(f.requests).toHaveLength(0);
  });

  test('a body that is not JSON: 400 with {error:{message,type,code,param}}', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } });
    const res = await rawChat(p, '{"model": "gemini-2.5-flash", "messages": [');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
    expect(body.error.type).toBe('invalid_request_error');
    expect(String(body.error.message)).toMatch(/not valid JSON/);
    expect(f.requests).toHaveLength(0);
  });

  test('messages missing: BadRequestError 400 naming param messages', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } });
    const error = await caught(() => sdk(p).chat.completions.create({ model: FLASH } as never));
    expect(error).toBeInstanceOf(BadRequestError);
    expectOpenAIError(error, 400, [A]);
    expect(error.param).toBe('messages');
    expect(String(error.message)).toContain('messages');
    expect(f.requests).toHaveLength(0);
  });

  test('an unknown model: NotFoundError 404 with Google\'s message, tried on one key only', async () => {
    const calls: string[] = [];
    const { p } = await h.setup({ [A]: { kind: 'ok' }, [B]: { kind: 'ok' } }, {}, withUnknownModel(calls));
    const error = await caught(() => sdk(p).chat.completions.create({ ...hi, model: UNKNOWN }));
    expect(error).toBeInstanceOf(NotFoundError);
    expectOpenAIError(error, 404, [A, B]);
    expect(String(error.message)).toContain(`models/${UNKNOWN} is not found for API version v1beta`);
    expect(error.code).toBe('not_found');
    expect(calls).toHaveLength(1);
  });

  test('an unknown model while streaming: the same 404 before any chunk', async () => {
    const calls: string[] = [];
    const { p } = await h.setup({ [A]: { kind: 'ok' } }, {}, withUnknownModel(calls));
    const error = await caught(() => sdk(p).chat.completions.create({ ...hi, model: UNKNOWN, stream: true }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(String(error.message)).toContain(`models/${UNKNOWN} is not found`);
    expect(calls).toEqual([A]);
  });

  test('every key rate-limited: 429 RateLimitError with Retry-After; the next call gets 503 with Retry-After', async () => {
    const limited = { kind: 'rate-limited', retryDelay: '41s' } as const;
    const { f, p } = await h.setup({ [A]: limited, [B]: limited });
    const error = await caught(() => sdk(p).chat.completions.create(hi));
    expect(error).toBeInstanceOf(RateLimitError);
    expectOpenAIError(error, 429, [A, B]);
    expect(error.headers.get('retry-after')).toBe('41');
    expect(new Set(keysSeen(f))).toEqual(new Set([A, B]));

    const again = await caught(() => sdk(p).chat.completions.create(hi));
    expect([429, 503]).toContain(again.status);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(again.headers.get('retry-after'))).toBeLessThanOrEqual(41);
    expectOpenAIError(again, again.status, [A, B]);
    expect(f.requests).toHaveLength(2);
  });

  test('an invalid key next to a healthy one: the answer comes from the healthy key', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'invalid-key' }, [B]: { kind: 'ok' } });
    const r = await sdk(p).chat.completions.create(hi);
    expect(r.choices[0]?.message.content).toBe(UNARY_TEXT);
    expect(keysSeen(f)).toEqual([A, B]);
    const again = await sdk(p).chat.completions.create(hi);
    expect(again.choices[0]?.message.content).toBe(UNARY_TEXT);
    expect(keysSeen(f).slice(2)).toEqual([B]);
  });

  test('only an invalid key: a 503 that names neither the key nor Google\'s "API key not valid"', async () => {
    const { p } = await h.setup({ [A]: { kind: 'invalid-key' } });
    const error = await caught(() => sdk(p).chat.completions.create(hi));
    expect(error).toBeInstanceOf(InternalServerError);
    expectOpenAIError(error, 503, [A]);
    expect(String(error.message)).not.toMatch(/API key not valid/i);
    expect(p.logs.join('\n')).not.toContain(A);
  });

  test('a Google 400 that quotes the key: the client gets the message with the key masked', async () => {
    const quoting = (real: Fetch): Fetch => async (request) => {
      const key = request.headers.get('x-goog-api-key') ?? '';
      if (!request.url.includes(':generateContent')) return real(request);
      const error = { code: 400, message: `Request contains an invalid argument for key ${key}.`, status: 'INVALID_ARGUMENT' };
      return Response.json({ error }, { status: 400 });
    };
    const { p } = await h.setup({ [A]: { kind: 'ok' } }, {}, quoting);
    const error = await caught(() => sdk(p).chat.completions.create(hi));
    expect(error).toBeInstanceOf(BadRequestError);
    expectOpenAIError(error, 400, [A]);
    expect(String(error.message)).toContain('Request contains an invalid argument');
  });

  test('Google overloaded on the only key: its 503 and message reach the client', async () => {
    const { p } = await h.setup({ [A]: { kind: 'server-error', status: 503 } });
    const error = await caught(() => sdk(p).chat.completions.create(hi));
    expect(error).toBeInstanceOf(InternalServerError);
    expectOpenAIError(error, 503, [A]);
    expect(String(error.message)).toContain('The model is overloaded');
  });

  test('a model hidden by FILTERED_MODELS is refused without calling Google', async () => {
    // catalog-models.ts describes FILTERED_MODELS as "Models hidden from model lists and refused";
    // gemini-balance refuses them in chat (ModelService.check_model_support).
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } }, { FILTERED_MODELS: 'gemini-2.5-pro' });
    const error = await caught(() => sdk(p).chat.completions.create({ ...hi, model: 'gemini-2.5-pro' }));
    expect([400, 403, 404]).toContain(error.status);
    expect(f.requests).toHaveLength(0);
  });
});

describe('helpful 404s for wrong base URLs', () => {
  test.each([
    ['no /v1', ''],
    ['a doubled /v1', '/v1/v1'],
  ])('base URL with %s: NotFoundError naming the right base URL', async (_, base) => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } });
    const error = await caught(() => sdk(p, base).chat.completions.create(hi));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(String(error.message)).toContain(`${p.url}/v1 `);
    expect(f.requests).toHaveLength(0);
  });

  test('the legacy /v1/completions: a 404 that points to chat completions', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } });
    const error = await caught(() => sdk(p).completions.create({ model: FLASH, prompt: 'hi' }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(String(error.message)).toMatch(/chat completions/i);
    expect(String(error.message)).toContain(`${p.url}/v1`);
    expect(f.requests).toHaveLength(0);
  });

  test('the client token is never echoed in a 404', async () => {
    const { p } = await h.setup({ [A]: { kind: 'ok' } });
    const error = await caught(() => sdk(p, '/v1/v1').models.list());
    expect(error.status).toBe(404);
    expect(JSON.stringify(error.error)).not.toContain(CLIENT_TOKEN);
  });
});
