import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { classifyFailure, classifyResponse, retryAfterMs } from '../../server/proxy/outcome';

const fixture = (name: string) => Bun.file(join(import.meta.dir, '..', 'fixtures', 'gemini', name)).text();
const MODEL = 'gemini-2.5-flash';

describe('what an upstream answer says about the key (recorded Google bodies)', () => {
  test('400 API_KEY_INVALID disables the key, with the reason', async () => {
    const outcome = classifyResponse(400, await fixture('unary-failure-api-key.json'), MODEL, null);
    expect(outcome).toEqual({ kind: 'key-invalid', reason: 'API_KEY_INVALID: API key not valid. Please pass a valid API key.' });
  });

  test('403 PERMISSION_DENIED (service disabled for the key’s project) disables the key', async () => {
    const outcome = classifyResponse(403, await fixture('unary-failure-generativelanguage-api-not-enabled.json'), MODEL, null);
    expect(outcome.kind).toBe('key-invalid');
    expect(outcome.kind === 'key-invalid' && outcome.reason.startsWith('SERVICE_DISABLED: Generative Language API')).toBe(true);
  });

  test('429 RESOURCE_EXHAUSTED cools the key for that model until RetryInfo.retryDelay', async () => {
    expect(classifyResponse(429, await fixture('google-429-retry-info.json'), MODEL, null)).toEqual({
      kind: 'rate-limited',
      model: MODEL,
      retryAfterMs: 34_400,
    });
  });

  test('404 for an unknown model is the client’s mistake, not the key’s', async () => {
    expect(classifyResponse(404, await fixture('unary-failure-unknown-model.json'), MODEL, null)).toEqual({ kind: 'client-error' });
  });

  test('5xx and 408 are transient; the reason keeps Google’s message', () => {
    const body = '{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}';
    expect(classifyResponse(503, body, MODEL, null)).toEqual({ kind: 'transient', reason: '503: The model is overloaded. Please try again later.' });
    expect(classifyResponse(500, '<html>oops</html>', MODEL, null)).toEqual({ kind: 'transient', reason: '500: <html>oops</html>' });
    expect(classifyResponse(408, '', MODEL, null).kind).toBe('transient');
  });

  test('400 INVALID_ARGUMENT (a bad request) and a location refusal are not the key’s fault', () => {
    const bad = '{"error":{"code":400,"message":"* GenerateContentRequest.contents: contents is not specified","status":"INVALID_ARGUMENT"}}';
    const location = '{"error":{"code":400,"message":"User location is not supported for the API use.","status":"FAILED_PRECONDITION"}}';
    expect(classifyResponse(400, bad, MODEL, null)).toEqual({ kind: 'client-error' });
    expect(classifyResponse(400, location, MODEL, null)).toEqual({ kind: 'client-error' });
  });

  test('400 "API key expired" without details still disables the key', () => {
    const body = '{"error":{"code":400,"message":"API key expired. Please renew the API key.","status":"INVALID_ARGUMENT"}}';
    expect(classifyResponse(400, body, MODEL, null).kind).toBe('key-invalid');
  });

  test('a 403 about another key’s uploaded file is the request’s problem, not this key’s', () => {
    const body = '{"error":{"code":403,"message":"You do not have permission to access the File abc or it may not exist.","status":"PERMISSION_DENIED"}}';
    expect(classifyResponse(403, body, MODEL, null)).toEqual({ kind: 'client-error' });
  });

  test('an error wrapped in a JSON array (streaming framing) is read too', async () => {
    const wrapped = `[${await fixture('unary-failure-api-key.json')}]`;
    expect(classifyResponse(400, wrapped, MODEL, null).kind).toBe('key-invalid');
  });

  test('2xx is ok for the model', () => {
    expect(classifyResponse(200, '{}', MODEL, null)).toEqual({ kind: 'ok', model: MODEL });
  });
});

describe('retry delay of a 429', () => {
  test('from "Please retry in 41.06s." in the message when RetryInfo is missing', () => {
    const body = '{"error":{"code":429,"message":"You exceeded your current quota. Please retry in 41.06s.","status":"RESOURCE_EXHAUSTED"}}';
    expect(retryAfterMs(body, null)).toBe(41_060);
  });

  test('from the Retry-After header, else unknown', () => {
    expect(retryAfterMs('not json', '7')).toBe(7000);
    expect(retryAfterMs('{"error":{"code":429,"message":"slow down"}}', null)).toBeNull();
  });
});

describe('transport failures', () => {
  test('the client going away is nobody’s fault; anything else is transient', () => {
    expect(classifyFailure(new Error('aborted'), true)).toEqual({ kind: 'cancelled' });
    expect(classifyFailure(new TypeError('fetch failed'), false)).toEqual({ kind: 'transient', reason: 'TypeError: fetch failed' });
  });

  test('a 401/403 that is not Google\'s JSON (a proxy or gateway page) and a 407 are transient, never a disabled key', () => {
    expect(classifyResponse(403, '<h1>Access Denied</h1>', MODEL, null).kind).toBe('transient');
    expect(classifyResponse(401, 'Unauthorized', MODEL, null).kind).toBe('transient');
    expect(classifyResponse(407, '', MODEL, null).kind).toBe('transient');
  });
});
