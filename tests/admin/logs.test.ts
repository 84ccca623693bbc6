import { describe, expect, test } from 'bun:test';
import type { ErrorLogSummary, LogPage } from '../../db/logs/log-types';
import type { ErrorLogRow, RequestLogRow } from '../../db/schema';
import { runLogRetention } from '../../server/jobs/log-retention';
import { fingerprint } from '../../server/keypool/keys';
import { adminCaller, adminClient, loggedInAdmin, trpcData } from '../helpers/admin-client';
import { sampleRequestLogs } from '../helpers/log-rows';
import { CLIENT_TOKEN, type RunningProxy } from '../helpers/proxy-app';
import { proxyWithFake } from '../helpers/proxy-with-fake';

// The logs router over real HTTP with a session cookie and through createCaller, and the retention job.
const h = proxyWithFake();
const key = (c: string) => `AIzaSy${c.repeat(33)}`;
const [A, B] = [key('A'), key('B')] as [string, string];
const FLASH = 'gemini-2.5-flash';
const BODY = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'a secret prompt' }] }] });
const DAY = 86_400_000;

const caller = adminCaller;

const loggedIn = loggedInAdmin;

const generate = (p: RunningProxy) =>
  fetch(`${p.url}/v1beta/models/${FLASH}:generateContent`, { method: 'POST', headers: { 'x-goog-api-key': CLIENT_TOKEN, 'content-type': 'application/json' }, body: BODY });

/** Waits until the recorder has written `n` request-log rows. */
async function requestRows(p: RunningProxy, n: number): Promise<RequestLogRow[]> {
  for (let i = 0; i < 100; i++) {
    const rows = await p.repo.listRequestLogs(1000);
    if (rows.length >= n) return rows;
    await Bun.sleep(20);
  }
  throw new Error(`expected ${n} request-log rows`);
}

/** Traffic through the proxy: A answers 500, B answers; so 2 requests → 2 failed attempts on A, 2 good on B. */
async function withTraffic() {
  const { p } = await h.setup({ [A]: { kind: 'server-error', status: 500 }, [B]: { kind: 'ok' } }, { ERROR_LOG_RECORD_REQUEST_BODY: 'true' });
  for (let i = 0; i < 2; i++) expect((await generate(p)).status).toBe(200);
  await requestRows(p, 4);
  return { p, admin: await loggedIn(p) };
}

describe('logs: sessions', () => {
  test('no session → 401 over HTTP and UNAUTHORIZED through createCaller; nothing is deleted', async () => {
    const { p } = await withTraffic();
    const anonymous = adminClient(p);
    expect((await anonymous.query('logs.listRequests', {})).status).toBe(401);
    expect((await anonymous.query('logs.listErrors', {})).status).toBe(401);
    expect((await anonymous.query('logs.errorDetail', { id: 1 })).status).toBe(401);
    expect((await anonymous.mutate('logs.deleteRequests', { ids: [1] })).status).toBe(401);
    expect((await anonymous.mutate('logs.deleteAll', { kind: 'requests' })).status).toBe(401);
    await expect(caller(p.deps, null).logs.deleteAll({ kind: 'errors' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await p.repo.listRequestLogs(10)).length).toBe(4);
    expect((await p.repo.listErrorLogs(10)).length).toBe(2);
  });
});

describe('logs over HTTP, from real proxy traffic', () => {
  test('listRequests: newest first, filtered by full key or fingerprint, status, outcome, model', async () => {
    const { admin } = await withTraffic();
    const list = async (input: object) => trpcData<LogPage<RequestLogRow>>(await admin.query('logs.listRequests', input));
    const all = await list({});
    expect(all).toMatchObject({ total: 4, totalCapped: false, nextCursor: null });
    expect(all.items.map((r) => r.id)).toEqual([4, 3, 2, 1]);
    const byKey = await list({ key: A });
    expect(byKey.items.map((r) => [r.keyFingerprint, r.status, r.outcome])).toEqual([[fingerprint(A), 500, 'transient'], [fingerprint(A), 500, 'transient']]);
    expect((await list({ key: fingerprint(B), outcome: 'ok' })).total).toBe(2);
    expect((await list({ status: 500, model: FLASH })).total).toBe(2);
    expect((await list({ outcome: 'rate-limited' })).total).toBe(0);
    expect((await list({ model: 'gemini-2.5-pro' })).items).toEqual([]);
  });

  test('listErrors and errorDetail: a preview in the list, the whole message and body in the detail, never a key', async () => {
    const { admin } = await withTraffic();
    const res = await admin.query('logs.listErrors', { key: A, status: 500 });
    const text = await res.clone().text();
    const page = await trpcData<LogPage<ErrorLogSummary>>(res);
    expect(page.total).toBe(2);
    const [first] = page.items;
    expect(first).toMatchObject({ keyFingerprint: fingerprint(A), model: FLASH, status: 500, errorType: 'gemini-generateContent' });
    const detail = await trpcData<ErrorLogRow>(await admin.query('logs.errorDetail', { id: first?.id }));
    expect(detail.message.startsWith(first?.messagePreview ?? 'x')).toBe(true);
    expect(JSON.parse(detail.message)).toMatchObject({ error: { code: 500 } });
    expect(detail.requestBody).toBe(BODY);
    for (const body of [text, JSON.stringify(detail)]) for (const k of [A, B, CLIENT_TOKEN]) expect(body).not.toContain(k);
    const missing = await admin.query('logs.errorDetail', { id: 999 });
    expect(missing.status).toBe(404);
  });

  test('deleteRequests, deleteErrors, deleteAll answer how many rows went; the stats lose them too', async () => {
    const { p, admin } = await withTraffic();
    const deleted = async (path: string, input: object) => (await trpcData<{ deleted: number }>(await admin.mutate(path, input))).deleted;
    expect(await deleted('logs.deleteRequests', { ids: [1] })).toBe(1);
    expect(await deleted('logs.deleteRequests', { ids: [2, 3, 77] })).toBe(2);
    expect((await p.repo.listRequestLogs(10)).map((r) => r.id)).toEqual([4]);
    expect((await caller(p.deps).stats.summary()).lastHour.calls).toBe(1);
    const [error] = await p.repo.listErrorLogs(10);
    expect(await deleted('logs.deleteErrors', { ids: [error?.id] })).toBe(1);
    expect(await deleted('logs.deleteAll', { kind: 'errors' })).toBe(1);
    expect(await deleted('logs.deleteAll', { kind: 'requests' })).toBe(1);
    expect((await caller(p.deps).stats.summary()).last30Days.calls).toBe(0);
    expect((await admin.mutate('logs.deleteAll', { kind: 'requests' }, { origin: 'https://evil.example' })).status).toBe(403);
  });
});

describe('logs through createCaller: paging and validation', () => {
  test('cursor paging walks 120 rows in pages of 50 without gaps; from/to bound the range', async () => {
    const { p } = await h.setup({ [A]: { kind: 'ok' } });
    const now = h.clock.t + 60 * DAY;
    await p.repo.insertRequestLogs(sampleRequestLogs(120, now, DAY));
    const logs = caller(p.deps).logs;
    const ids: number[] = [];
    let page = await logs.listRequests({});
    expect(page.total).toBe(120);
    while (true) {
      ids.push(...page.items.map((r) => r.id));
      if (!page.nextCursor) break;
      page = await logs.listRequests({ cursor: page.nextCursor });
    }
    expect(ids.length).toBe(120);
    expect(new Set(ids).size).toBe(120);
    const ats = (await p.repo.listRequestLogs(200)).map((r) => r.at);
    const [from, to] = [now - DAY / 2, now - DAY / 4];
    expect((await logs.listRequests({ from, to, limit: 500 })).items.map((r) => r.at)).toEqual(ats.filter((at) => at >= from && at <= to));
  });

  test('bad input is a 400 naming the problem, and nothing is deleted', async () => {
    const { p } = await withTraffic();
    const admin = await loggedIn(p);
    const bad: [string, 'query' | 'mutate', object, string][] = [
      ['logs.listRequests', 'query', { from: 10, to: 5 }, 'from is after to'],
      ['logs.listRequests', 'query', { limit: -1 }, 'limit is at least 1'],
      ['logs.listRequests', 'query', { outcome: 'great' }, 'outcome is one of'],
      ['logs.listRequests', 'query', { cursor: { at: 1 } }, 'cursor'],
      ['logs.listErrors', 'query', { modle: FLASH }, 'modle'],
      ['logs.listErrors', 'query', { status: 999 }, 'status is 100–599'],
      ['logs.errorDetail', 'query', { id: 0 }, 'A log id is at least 1'],
      ['logs.deleteRequests', 'mutate', { ids: [] }, 'Give at least one log id'],
      ['logs.deleteErrors', 'mutate', { ids: [1.5] }, 'whole number'],
      ['logs.deleteAll', 'mutate', { kind: 'everything' }, 'kind is requests or errors'],
    ];
    for (const [path, method, input, message] of bad) {
      const res = await admin[method](path, input);
      expect(`${path} ${res.status}`).toBe(`${path} 400`);
      expect(JSON.stringify(await res.json())).toContain(message);
    }
    expect((await p.repo.listRequestLogs(10)).length).toBe(4);
    expect((await p.repo.listErrorLogs(10)).length).toBe(2);
  });
});

describe('log retention', () => {
  test('deletes only rows older than the configured days, each log only while its setting is on', async () => {
    const { p } = await h.setup({ [A]: { kind: 'ok' } }, { AUTO_DELETE_ERROR_LOGS_DAYS: '7' });
    h.clock.t += 100 * DAY;
    const now = h.clock.t;
    const ages = [40 * DAY, 30 * DAY + 1, 30 * DAY - 1, 8 * DAY, 6 * DAY, 60_000];
    await p.repo.insertRequestLogs(ages.map((age) => ({ ...sampleRequestLogs(1, now, 1)[0], at: now - age }) as RequestLogRow));
    await p.repo.insertErrorLogs(ages.map((age) => ({ at: now - age, keyFingerprint: 'fp', model: FLASH, status: 500, errorType: 'x', message: 'm', requestBody: null })));
    // Defaults: error logs after 7 days; request logs kept (AUTO_DELETE_REQUEST_LOGS_ENABLED=false).
    expect(await runLogRetention(p.deps)).toEqual({ requestRows: 0, errorRows: 4 });
    expect((await p.repo.listErrorLogs(10)).map((e) => now - e.at)).toEqual([60_000, 6 * DAY]);
    p.deps.settings.current = { ...p.deps.settings.current, AUTO_DELETE_REQUEST_LOGS_ENABLED: true, AUTO_DELETE_ERROR_LOGS_ENABLED: false };
    expect(await runLogRetention(p.deps)).toEqual({ requestRows: 2, errorRows: 0 });
    expect((await p.repo.listRequestLogs(10)).map((r) => now - r.at)).toEqual([60_000, 6 * DAY, 8 * DAY, 30 * DAY - 1]);
    expect((await caller(p.deps).stats.summary()).last30Days.calls).toBe(4);
    expect(await runLogRetention(p.deps)).toEqual({ requestRows: 0, errorRows: 0 });
  });
});
