import { describe, expect, test } from 'bun:test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectDatabase } from '../../db/connect';
import type { ErrorLogRow, RequestLogRow } from '../../db/schema';
import { createApp } from '../../server/app';
import { assembleDeps, flushDeps } from '../../server/assemble';
import { createLogger } from '../../server/log';
import { parseEnv } from '../../server/settings/from-env';
import { loadSettings } from '../../server/settings/load';
import { startFakeUpstream } from '../helpers/fake-upstream/server';
import { freshMysqlDatabase, mysqlAvailable, mysqlServer } from '../helpers/mysql';
import { ADMIN_TOKEN, CLIENT_TOKEN, type RunningProxy } from '../helpers/proxy-app';
import { proxyWithFake } from '../helpers/proxy-with-fake';
import { mysqlConfigVia } from '../helpers/repositories';
import { startForwarder } from '../helpers/tcp-forwarder';

// Request and error logs: one row per upstream attempt, token counts, Google's errors, never a secret.
const FLASH = 'gemini-2.5-flash';
const BODY = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hello' }] }] });
const key = (c: string) => `AIzaSy${c.repeat(33)}`;
const [A, B, C, D] = [key('A'), key('B'), key('C'), key('D')];
const sha16 = (k: string) => createHash('sha256').update(k).digest('hex').slice(0, 16);

const { setup } = proxyWithFake();
type Fetch = (request: Request) => Promise<Response>;

const call = (url: string, path: string, body = BODY) =>
  fetch(`${url}/v1beta/models/${path}`, { method: 'POST', headers: { 'x-goog-api-key': CLIENT_TOKEN, 'content-type': 'application/json' }, body });

async function poll<T>(read: () => Promise<T[]>, count: number, ms = 2000): Promise<T[]> {
  const deadline = Date.now() + ms;
  let rows = await read();
  while (rows.length < count && Date.now() < deadline) {
    await Bun.sleep(20);
    rows = await read();
  }
  expect(rows).toHaveLength(count);
  return rows;
}
const requestRows = (p: RunningProxy, n: number) => poll<RequestLogRow>(() => p.repo.listRequestLogs(100), n);
const errorRows = (p: RunningProxy, n: number) => poll<ErrorLogRow>(() => p.repo.listErrorLogs(100), n);

/** Rewrites Google's answers as they pass (a thinking model, a DebugInfo quoting the key it was sent). */
const rewriting = (edit: (text: string, request: Request, status: number) => string) => (real: Fetch) => async (request: Request) => {
  const res = await real(request);
  const headers = new Headers(res.headers);
  headers.delete('content-length');
  return new Response(edit(await res.text(), request, res.status), { status: res.status, headers });
};

const fixture = (name: string) => readFileSync(join(import.meta.dir, '..', 'fixtures', 'gemini', name), 'utf8');
interface UsageMetadata {
  promptTokenCount: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
}
const tokens = (u: UsageMetadata, thoughts = 0) => ({
  promptTokens: u.promptTokenCount,
  completionTokens: (u.candidatesTokenCount ?? 0) + (u.thoughtsTokenCount ?? 0) + thoughts,
});
const UNARY = (JSON.parse(fixture('unary-success-basic-reply-short.json')) as { usageMetadata: UsageMetadata }).usageMetadata;
const lastEvent = fixture('streaming-success-basic-reply-short.txt').trim().split('\r\n\r\n').at(-1)?.slice('data: '.length) ?? '';
const STREAM = (JSON.parse(lastEvent) as { usageMetadata: UsageMetadata }).usageMetadata;

describe('request and error logs', () => {
  test('each upstream attempt writes its own row: key fingerprint, model, endpoint, token label, latency', async () => {
    const { p } = await setup({ [A]: { kind: 'server-error', status: 500 }, [B]: { kind: 'ok' } });
    expect((await call(p.url, `${FLASH}:generateContent`)).status).toBe(200);
    const rows = (await requestRows(p, 2)).sort((x, y) => x.attempt - y.attempt);
    const common = { model: FLASH, endpoint: 'generateContent', tokenLabel: 'ALLOWED_TOKENS' };
    expect(rows[0]).toMatchObject({ ...common, attempt: 1, status: 500, outcome: 'transient', keyFingerprint: sha16(A) });
    expect(rows[1]).toMatchObject({ ...common, attempt: 2, status: 200, outcome: 'ok', keyFingerprint: sha16(B), ...tokens(UNARY) });
    for (const row of rows) expect(row.latencyMs).toBeGreaterThanOrEqual(0);
  });

  test.each([
    ['unary', `${FLASH}:generateContent`, UNARY],
    ['SSE stream', `${FLASH}:streamGenerateContent?alt=sse`, STREAM],
    ['JSON-array stream', `${FLASH}:streamGenerateContent`, STREAM],
  ])('prompt and completion tokens of a %s come from usageMetadata', async (_, path, usage) => {
    const { p } = await setup({ [A]: { kind: 'ok' } });
    const res = await call(p.url, path);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('usageMetadata');
    expect((await requestRows(p, 1))[0]).toMatchObject({ outcome: 'ok', ...tokens(usage) });
  });

  test('a thinking model’s thought tokens count as completion tokens', async () => {
    const thinking = rewriting((text) => text.replaceAll(/"candidatesTokenCount":\s*(\d+)/g, '"candidatesTokenCount": $1, "thoughtsTokenCount": 13'));
    const { p } = await setup({ [A]: { kind: 'ok' } }, {}, thinking);
    expect((await call(p.url, `${FLASH}:streamGenerateContent?alt=sse`)).status).toBe(200);
    expect((await requestRows(p, 1))[0]).toMatchObject(tokens(STREAM, 13));
  });

  // FAQ 11/13/29 ("answers are truncated", "no assistant message"): the log says why Google ended.
  const openai = (url: string, stream: boolean) =>
    fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CLIENT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: FLASH, messages: [{ role: 'user', content: 'hello' }], stream }),
    });
  test.each([
    ['native unary', (url: string) => call(url, `${FLASH}:generateContent`)],
    ['native SSE', (url: string) => call(url, `${FLASH}:streamGenerateContent?alt=sse`)],
    ['native JSON-array stream', (url: string) => call(url, `${FLASH}:streamGenerateContent`)],
    ['OpenAI chat', (url: string) => openai(url, false)],
    ['OpenAI chat stream', (url: string) => openai(url, true)],
  ])('the request log keeps why Google ended the answer (%s): STOP, or MAX_TOKENS when it was cut off', async (_, ask) => {
    const { p } = await setup({ [A]: { kind: 'ok' } });
    expect((await ask(p.url)).status).toBe(200);
    expect((await requestRows(p, 1))[0]?.finishReason).toBe('STOP');
    const cut = rewriting((text) => text.replaceAll(/"finishReason":\s*"STOP"/g, '"finishReason": "MAX_TOKENS"'));
    const { p: q } = await setup({ [A]: { kind: 'ok' } }, {}, cut);
    const res = await ask(q.url);
    expect(res.status).toBe(200);
    await res.text();
    expect((await requestRows(q, 1))[0]?.finishReason).toBe('MAX_TOKENS');
  });

  test('a prompt Google refused (recorded answer) is logged as blocked, with the reason', async () => {
    const blocked = rewriting((text, _request, status) => (status === 200 ? fixture('issue-19758-prompt-block.json') : text));
    const { p } = await setup({ [A]: { kind: 'ok' } }, {}, blocked);
    expect((await call(p.url, `${FLASH}:generateContent`)).status).toBe(200);
    expect((await requestRows(p, 1))[0]?.finishReason).toBe('blocked: PROHIBITED_CONTENT');
  });

  test.each([
    ['false', null],
    ['true', BODY],
  ])('a failure writes Google’s error to the error log; the request body only with ERROR_LOG_RECORD_REQUEST_BODY=%s', async (flag, stored) => {
    const { p } = await setup({ [A]: { kind: 'server-error', status: 500 }, [B]: { kind: 'ok' } }, { ERROR_LOG_RECORD_REQUEST_BODY: flag });
    expect((await call(p.url, `${FLASH}:generateContent`)).status).toBe(200);
    const [row] = await errorRows(p, 1);
    expect(row).toMatchObject({ status: 500, model: FLASH, keyFingerprint: sha16(A), requestBody: stored });
    expect(JSON.parse(row?.message ?? '')).toMatchObject({ error: { code: 500, status: 'INTERNAL' } });
  });

  test('no key and no client token ever reaches a log line, a response or a log row', async () => {
    // Google's DebugInfo quotes the key it was given; make the fake do so with the real key.
    const quoting = rewriting((text, request) => text.replace('key1234', request.headers.get('x-goog-api-key') ?? ''));
    const keys = { [A]: { kind: 'invalid-key' }, [B]: { kind: 'permission-denied' }, [C]: { kind: 'ok' }, [D]: { kind: 'drop' } } as const;
    // MAX_RETRIES=0: one attempt per call, so each key's answer is seen (the client gets a 503 for
    // rejected keys, the error log keeps Google's body, which quotes the key).
    const { f, p } = await setup(keys, { ERROR_LOG_RECORD_REQUEST_BODY: 'true', MAX_RETRIES: '0' }, quoting);
    const viaQuery = () => fetch(`${p.url}/v1beta/models/${FLASH}:generateContent?key=${CLIENT_TOKEN}`, { method: 'POST', body: BODY });
    const responses = [
      await call(p.url, `${FLASH}:generateContent`),
      await call(p.url, `${FLASH}:generateContent`),
      await call(p.url, `${FLASH}:streamGenerateContent?alt=sse`),
      await viaQuery(),
      await viaQuery(),
    ];
    expect(responses.map((r) => r.status)).toEqual([503, 503, 200, 502, 200]);
    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(p.deps.pool.snapshot().map((k) => k.status)).toEqual(['disabled', 'disabled', 'active', 'active']);
    const rows = [...(await requestRows(p, 5)), ...(await errorRows(p, 3))];
    const seenByGoogle = f.requests.map((r) => JSON.stringify([r.path, r.query, r.headers]));
    const everything = [...p.logs, ...bodies, ...rows.map((r) => JSON.stringify(r)), p.deps.pool.snapshot().map((k) => k.disabledReason).join()].join('\n');
    expect(everything).toContain('AIzaSyAA…AAAA');
    for (const secret of [A, B, C, D, CLIENT_TOKEN]) expect(everything).not.toContain(secret);
    expect(seenByGoogle.join()).not.toContain(CLIENT_TOKEN);
  });
});

describe.if(mysqlAvailable)('request log on MariaDB', () => {
  test('a database outage fails no client request and loses no row', async () => {
    const db = await freshMysqlDatabase();
    const forwarder = await startForwarder(mysqlServer.host, mysqlServer.port);
    const f = await startFakeUpstream();
    f.setKey(A, { kind: 'ok' });
    const repo = await connectDatabase(mysqlConfigVia(db.name, forwarder.port));
    const logs: string[] = [];
    const log = createLogger('DEBUG', (line) => logs.push(line));
    const env = parseEnv({ BASE_URL: `${f.url}/v1beta`, API_KEYS: A, ALLOWED_TOKENS: CLIENT_TOKEN, AUTH_TOKEN: ADMIN_TOKEN, CONFIG_SOURCE: 'env' });
    const loaded = await loadSettings(repo, env.values, { configSource: 'env', now: Date.now(), log, randomToken: () => 'unused', announce: log.warn });
    const deps = await assembleDeps(repo, loaded, log, 'test', { persistMs: 25, recorderIntervalMs: 25 });
    const app = createApp(deps).listen({ port: 0, hostname: '127.0.0.1' });
    const url = `http://127.0.0.1:${app.server?.port}`;
    const count = async () => [...((await db.query('SELECT id FROM request_logs')) as unknown[])];
    try {
      forwarder.cut();
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await call(url, `${FLASH}:generateContent`)).status);
      expect(statuses).toEqual(Array.from({ length: 20 }, () => 200));
      const deadline = Date.now() + 5000;
      while (!logs.some((l) => l.includes('cannot write')) && Date.now() < deadline) await Bun.sleep(20);
      expect(logs.some((l) => l.includes('cannot write'))).toBe(true);
      expect(await count()).toHaveLength(0);
      forwarder.restore();
      await poll(count, 20, 10_000);
    } finally {
      forwarder.restore();
      await app.stop(true);
      await flushDeps(deps);
      await repo.close();
      await f.stop();
      forwarder.stop();
      await db.drop();
    }
  }, 20_000);
});
