import { describe, expect, test } from 'bun:test';
import type { NewRequestLog } from '../../db/repository';
import type { KeyShare, ModelShare } from '../../server/admin/stats/breakdown';
import type { UsageSeries } from '../../server/admin/stats/series';
import type { UsageSummary } from '../../server/admin/stats/summary';
import { fingerprint, maskKey } from '../../server/keypool/keys';
import { adminCaller, adminClient, loggedInAdmin, trpcData } from '../helpers/admin-client';
import { sampleRequestLogs, sharesOf, sumRows } from '../helpers/log-rows';
import { CLIENT_TOKEN, type RunningProxy } from '../helpers/proxy-app';
import { proxyWithFake } from '../helpers/proxy-with-fake';

// The stats router over real HTTP and through createCaller; every number is checked against the rows.
const h = proxyWithFake();
const key = (c: string) => `AIzaSy${c.repeat(33)}`;
const [A, B] = [key('A'), key('B')] as [string, string];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const caller = adminCaller;

const loggedIn = loggedInAdmin;

const generate = (p: RunningProxy, model: string) =>
  fetch(`${p.url}/v1beta/models/${model}:generateContent`, {
    method: 'POST',
    headers: { 'x-goog-api-key': CLIENT_TOKEN, 'content-type': 'application/json' },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hello' }] }] }),
  });

/** A proxy whose clock stands 60 days after the epoch start, with `rows` (made relative to it) stored. */
async function withRows(count: number, spanMs: number) {
  const { p } = await h.setup({ [A]: { kind: 'ok' } });
  h.clock.t = 60 * DAY + 12_345_678; // ragged: not on a minute, hour or day
  const rows = sampleRequestLogs(count, h.clock.t, spanMs, 11);
  await p.repo.insertRequestLogs(rows);
  return { p, rows, now: h.clock.t };
}

describe('stats: sessions and input', () => {
  test('no session → 401 over HTTP and UNAUTHORIZED through createCaller', async () => {
    const { p } = await h.setup({ [A]: { kind: 'ok' } });
    const anonymous = adminClient(p);
    for (const [path, input] of [['stats.summary', undefined], ['stats.series', { period: '1h' }], ['stats.byKey', { period: '1h' }], ['stats.byModel', { period: '1h' }]] as const) {
      expect((await anonymous.query(path, input)).status).toBe(401);
    }
    await expect(caller(p.deps, null).stats.summary()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  test('an unknown period, a bad limit or offset is a 400 naming it', async () => {
    const { p } = await h.setup({ [A]: { kind: 'ok' } });
    const admin = await loggedIn(p);
    const bad: [string, object, string][] = [
      ['stats.series', { period: '2h' }, 'period is one of 1h, 24h, 7d, 30d'],
      ['stats.series', { period: '1h', utcOffsetMinutes: 1000 }, 'utcOffsetMinutes is -720 to 840'],
      ['stats.byKey', { period: '7d', limit: 0 }, 'limit is at least 1'],
      ['stats.byModel', {}, 'period'],
      ['stats.byModel', { period: '1h', top: 3 }, 'top'],
    ];
    for (const [path, input, message] of bad) {
      const res = await admin.query(path, input);
      expect(`${path} ${res.status}`).toBe(`${path} 400`);
      expect(JSON.stringify(await res.json())).toContain(message);
    }
  });
});

describe('stats from real proxy traffic, over HTTP', () => {
  test('summary, byKey and byModel count every attempt the proxy logged, with its tokens', async () => {
    const { p } = await h.setup({ [A]: { kind: 'server-error', status: 503 }, [B]: { kind: 'ok' } });
    for (const model of ['gemini-2.5-flash', 'gemini-2.5-flash', 'gemini-2.5-pro']) expect((await generate(p, model)).status).toBe(200);
    let logged = await p.repo.listRequestLogs(100);
    for (let i = 0; i < 100 && logged.length < 6; i++) logged = await Bun.sleep(20).then(() => p.repo.listRequestLogs(100));
    expect(logged.length).toBe(6);
    const admin = await loggedIn(p);
    const summary = await trpcData<UsageSummary>(await admin.query('stats.summary'));
    for (const window of [summary.lastMinute, summary.lastHour, summary.lastDay, summary.last30Days]) expect(window).toEqual(sumRows(logged));
    expect(summary.lastMinute).toMatchObject({ calls: 6, failures: 3 });
    expect(summary.lastMinute.promptTokens).toBeGreaterThan(0);
    const byKey = await trpcData<KeyShare[]>(await admin.query('stats.byKey', { period: '1h' }));
    // Equal calls: ties go by key id.
    const expected = [[fingerprint(A), maskKey(A), 3, 3], [fingerprint(B), maskKey(B), 3, 0]].sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    expect(byKey.map((k) => [k.keyId, k.masked, k.calls, k.failures])).toEqual(expected);
    const byModel = await trpcData<ModelShare[]>(await admin.query('stats.byModel', { period: '24h', limit: 1 }));
    expect(byModel).toEqual([{ model: 'gemini-2.5-flash', ...sumRows(logged.filter((r) => r.model === 'gemini-2.5-flash')) }]);
    const series = await trpcData<UsageSeries>(await admin.query('stats.series', { period: '1h' }));
    expect(series.buckets.at(-1)).toMatchObject(sumRows(logged));
  });
});

describe('stats through createCaller, against stored rows', () => {
  test('the summary windows end now and start exactly a minute, hour, day and 30 days back', async () => {
    const { p, rows, now } = await withRows(4000, 40 * DAY);
    // Rows right at the edges of the last minute.
    const edge = { ...rows[0], keyFingerprint: 'edge' } as NewRequestLog;
    const extra = [{ ...edge, at: now - MINUTE }, { ...edge, at: now - MINUTE - 1 }, { ...edge, at: now }];
    await p.repo.insertRequestLogs(extra);
    rows.push(...extra);
    const summary = await caller(p.deps).stats.summary();
    const since = (span: number) => sumRows(rows.filter((r) => r.at >= now - span));
    expect(summary).toEqual({ at: now, lastMinute: since(MINUTE), lastHour: since(HOUR), lastDay: since(DAY), last30Days: since(30 * DAY) });
  });

  test('series: 60 minutes, 96 quarter hours, 168 hours, 30 local days, each bucket the sum of its rows', async () => {
    const { p, rows, now } = await withRows(5000, 31 * DAY);
    const expected = [['1h', 60, MINUTE], ['24h', 96, 15 * MINUTE], ['7d', 168, HOUR], ['30d', 30, DAY]] as const;
    for (const [period, count, size] of expected) {
      for (const utcOffsetMinutes of [0, 480, -330]) {
        const series = await caller(p.deps).stats.series({ period, utcOffsetMinutes });
        expect(series.buckets.length).toBe(count);
        const last = series.buckets.at(-1)?.at ?? 0;
        expect(now >= last && now < last + size).toBe(true);
        expect((last + utcOffsetMinutes * MINUTE) % size).toBe(0);
        const inBucket = (at: number) => rows.filter((r) => r.at >= at && r.at < at + size);
        expect(series.buckets).toEqual(series.buckets.map((b) => ({ at: b.at, ...sumRows(inBucket(b.at)) })));
      }
    }
  });

  test('byKey and byModel: the top N of each period, exact', async () => {
    const { p, rows, now } = await withRows(4000, 35 * DAY);
    for (const [period, span] of [['1h', HOUR], ['24h', DAY], ['7d', 7 * DAY], ['30d', 30 * DAY]] as const) {
      const recent = rows.filter((r) => r.at >= now - span);
      const byKey = await caller(p.deps).stats.byKey({ period, limit: 3 });
      expect(byKey).toEqual(sharesOf(recent, (r) => r.keyFingerprint, 3).map(({ value, ...t }) => ({ keyId: value, masked: null, ...t })));
      const byModel = await caller(p.deps).stats.byModel({ period });
      expect(byModel).toEqual(sharesOf(recent, (r) => r.model, 10).map(({ value, ...t }) => ({ model: value, ...t })));
    }
  });
});
