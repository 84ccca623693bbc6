import { describe, expect, test } from 'bun:test';
import type { RequestLogRow } from '../../db/schema';
import { escapeHelp, escapeLabelValue, formatMetrics, histogramSamples } from '../../server/metrics/format';
import { createMetrics, LATENCY_BUCKETS } from '../../server/metrics/registry';
import { CLIENT_TOKEN, type RunningProxy } from '../helpers/proxy-app';
import { proxyWithFake } from '../helpers/proxy-with-fake';

// GET /metrics: Prometheus text format 0.0.4, one counter per upstream attempt (request-log row).
const key = (c: string) => `AIzaSy${c.repeat(33)}`;
const [OK, BAD] = [key('M'), key('N')];
const BODY = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hello' }] }] });
const { clock, setup } = proxyWithFake();

const call = (url: string, model: string) =>
  fetch(`${url}/v1beta/models/${model}:generateContent`, { method: 'POST', headers: { 'x-goog-api-key': CLIENT_TOKEN, 'content-type': 'application/json' }, body: BODY });

interface Parsed {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}
const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL_VALUE = '"(?:[^"\\\\\\n]|\\\\[\\\\"n])*"';
const LABELS = `\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=${LABEL_VALUE}(?:,[a-zA-Z_][a-zA-Z0-9_]*=${LABEL_VALUE})*)?\\}`;
const VALUE = '(?:[+-]?(?:\\d+\\.?\\d*(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?)|[+-]Inf|NaN)';
const SAMPLE_LINE = new RegExp(`^(${NAME})(${LABELS})? (${VALUE})$`);
const COMMENT_LINE = new RegExp(`^# (?:HELP ${NAME} .*|TYPE ${NAME} (?:counter|gauge|histogram|summary|untyped))$`);
const unescape = (v: string) => v.replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));

/** Checks every line's syntax and returns the samples. */
function parse(text: string): Parsed[] {
  expect(text.endsWith('\n')).toBe(true);
  const samples: Parsed[] = [];
  for (const line of text.slice(0, -1).split('\n')) {
    if (line.startsWith('#')) {
      expect(line).toMatch(COMMENT_LINE);
      continue;
    }
    const m = SAMPLE_LINE.exec(line);
    if (!m) throw new Error(`not a valid exposition line: ${JSON.stringify(line)}`);
    const labels: Record<string, string> = {};
    for (const [, k, v] of (m[2] ?? '').matchAll(new RegExp(`([a-zA-Z_][a-zA-Z0-9_]*)=(${LABEL_VALUE})`, 'g'))) labels[k ?? ''] = unescape((v ?? '""').slice(1, -1));
    const raw = m[3] ?? '';
    samples.push({ name: m[1] ?? '', labels, value: raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : Number(raw) });
  }
  return samples;
}
const pick = (samples: Parsed[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
const one = (samples: Parsed[], name: string, labels: Record<string, string> = {}) => {
  const found = pick(samples, name, labels);
  expect(found).toHaveLength(1);
  return found[0]?.value;
};

async function rowsSettled(p: RunningProxy, count: number): Promise<RequestLogRow[]> {
  const deadline = Date.now() + 3000;
  let rows = await p.repo.listRequestLogs(1000);
  while (rows.length < count && Date.now() < deadline) {
    await Bun.sleep(20);
    rows = await p.repo.listRequestLogs(1000);
  }
  return rows;
}

describe('GET /metrics over HTTP', () => {
  test('counts every upstream attempt by route/model/status/outcome, with latency, key and buffer gauges', async () => {
    // Every upstream attempt takes 0.7 s on the test clock: all fall in the le="1" bucket.
    const { p } = await setup({ [OK]: { kind: 'ok' }, [BAD]: { kind: 'invalid-key' } }, {}, (real) => async (request) => {
      clock.t += 700;
      return real(request);
    });
    const models = ['gemini-2.5-flash', 'gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-2.5-flash'];
    for (const model of models) expect((await call(p.url, model)).status).toBe(200);

    const res = await fetch(`${p.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    const samples = parse(text);

    // The same events as the request-log rows.
    const rows = await rowsSettled(p, models.length + 1);
    const requests = pick(samples, 'gemini_balance_requests_total');
    const total = requests.reduce((n, s) => n + s.value, 0);
    expect(total).toBe(rows.length);
    expect(rows.filter((r) => r.outcome === 'ok')).toHaveLength(models.length);
    expect(rows.filter((r) => r.outcome === 'key-invalid')).toHaveLength(1);
    const tally = new Map<string, number>();
    for (const r of rows) {
      const id = `${r.endpoint}|${r.model}|${r.status}|${r.outcome}`;
      tally.set(id, (tally.get(id) ?? 0) + 1);
    }
    expect(requests).toHaveLength(tally.size);
    for (const s of requests) expect(s.value).toBe(tally.get(`${s.labels.route}|${s.labels.model}|${s.labels.status}|${s.labels.outcome}`) ?? -1);
    expect(one(samples, 'gemini_balance_requests_total', { route: 'generateContent', model: 'gemini-2.5-pro', status: '200', outcome: 'ok' })).toBe(1);
    expect(pick(samples, 'gemini_balance_requests_total', { status: '400', outcome: 'key-invalid' }).reduce((n, s) => n + s.value, 0)).toBe(1);

    // Histogram: cumulative buckets ending at +Inf = _count = attempts.
    const buckets = pick(samples, 'gemini_balance_upstream_latency_seconds_bucket');
    expect(buckets.map((b) => b.labels.le)).toEqual([...LATENCY_BUCKETS.map(String), '+Inf']);
    for (let i = 1; i < buckets.length; i++) expect(buckets[i]?.value ?? 0).toBeGreaterThanOrEqual(buckets[i - 1]?.value ?? 0);
    expect(one(samples, 'gemini_balance_upstream_latency_seconds_count')).toBe(rows.length);
    expect(buckets.at(-1)?.value).toBe(rows.length);
    expect(one(samples, 'gemini_balance_upstream_latency_seconds_bucket', { le: '0.5' })).toBe(0);
    expect(one(samples, 'gemini_balance_upstream_latency_seconds_bucket', { le: '1' })).toBe(rows.length);
    expect(one(samples, 'gemini_balance_upstream_latency_seconds_sum')).toBeCloseTo(0.7 * rows.length, 6);

    // Key gauges match the pool: the invalid key is disabled.
    const pool = p.deps.pool.snapshot();
    for (const state of ['active', 'cooling', 'disabled'] as const) {
      expect(one(samples, 'gemini_balance_keys', { kind: 'gemini', state })).toBe(pool.filter((k) => k.status === state).length);
    }
    expect(one(samples, 'gemini_balance_keys', { kind: 'gemini', state: 'active' })).toBe(1);
    expect(one(samples, 'gemini_balance_keys', { kind: 'gemini', state: 'disabled' })).toBe(1);
    // Vertex and paid pools have their own gauges (empty here).
    expect(one(samples, 'gemini_balance_keys', { kind: 'vertex', state: 'active' })).toBe(0);
    expect(one(samples, 'gemini_balance_keys', { kind: 'paid', state: 'active' })).toBe(0);

    expect(one(samples, 'gemini_balance_up')).toBe(1);
    const depth = one(samples, 'gemini_balance_log_buffer_rows') ?? -1;
    expect(Number.isInteger(depth) && depth >= 0).toBe(true);
    expect(one(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    // No secret: neither key, nor the client token.
    for (const secret of [OK, BAD, CLIENT_TOKEN, OK.slice(-12), BAD.slice(-12)]) expect(text).not.toContain(secret);
    const { HELP, TYPE } = { HELP: text.match(/^# HELP /gm)?.length, TYPE: text.match(/^# TYPE /gm)?.length };
    expect(HELP).toBe(TYPE);
  });

  test('is public (no token), not cached, and reports an idle server with zero counters', async () => {
    const { p } = await setup({ [OK]: { kind: 'ok' } });
    const res = await fetch(`${p.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const samples = parse(await res.text());
    expect(pick(samples, 'gemini_balance_requests_total')).toHaveLength(0);
    expect(one(samples, 'gemini_balance_upstream_latency_seconds_count')).toBe(0);
    expect(one(samples, 'gemini_balance_keys', { kind: 'gemini', state: 'active' })).toBe(1);
    expect(one(samples, 'gemini_balance_log_buffer_rows')).toBe(0);
  });
});

describe('exposition formatter', () => {
  test('escapes backslash, double quote and line feed in label values; HELP escapes backslash and line feed', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    expect(escapeHelp('x\\y\n"z"')).toBe('x\\\\y\\n"z"');
    const text = formatMetrics([{ name: 't_total', help: 'two\nlines', type: 'counter', samples: [{ labels: { model: 'm\\"\n' }, value: 3 }] }]);
    expect(text).toBe('# HELP t_total two\\nlines\n# TYPE t_total counter\nt_total{model="m\\\\\\"\\n"} 3\n');
    const [sample] = parse(text);
    expect(sample?.labels.model).toBe('m\\"\n');
  });

  test('formats special values and no labels; an empty exposition is empty', () => {
    const text = formatMetrics([{ name: 'g', help: 'h', type: 'gauge', samples: [{ value: Infinity }, { value: -Infinity }, { value: NaN }, { value: 0.25 }] }]);
    expect(text.split('\n').slice(2, 6)).toEqual(['g +Inf', 'g -Inf', 'g NaN', 'g 0.25']);
    expect(formatMetrics([])).toBe('');
  });

  test('histogram buckets are cumulative and end with +Inf equal to _count', () => {
    const samples = histogramSamples([1, 2], [3, 0, 2], 9.5, { route: 'x' });
    expect(samples).toEqual([
      { suffix: '_bucket', labels: { route: 'x', le: '1' }, value: 3 },
      { suffix: '_bucket', labels: { route: 'x', le: '2' }, value: 3 },
      { suffix: '_bucket', labels: { route: 'x', le: '+Inf' }, value: 5 },
      { suffix: '_sum', labels: { route: 'x' }, value: 9.5 },
      { suffix: '_count', labels: { route: 'x' }, value: 5 },
    ]);
  });
});

describe('metrics registry', () => {
  const row = (model: string | null, endpoint = 'generateContent', latencyMs = 10) => ({ model, endpoint, status: 200, outcome: 'ok', latencyMs });

  test('caps distinct model and route label values, then counts "other"', () => {
    const m = createMetrics({ maxModels: 2, maxRoutes: 1 });
    for (const model of ['a', 'b', 'c', 'd', 'a']) m.observe(row(model));
    m.observe(row('a', 'openai/anything'));
    m.observe({ model: null, endpoint: 'generateContent', status: null, outcome: 'transient', latencyMs: 120_000 });
    const samples = parse(formatMetrics(m.families()));
    expect(one(samples, 'gemini_balance_requests_total', { model: 'a', route: 'generateContent' })).toBe(2);
    expect(one(samples, 'gemini_balance_requests_total', { model: 'b' })).toBe(1);
    expect(one(samples, 'gemini_balance_requests_total', { model: 'other', route: 'generateContent', status: '200' })).toBe(2);
    expect(one(samples, 'gemini_balance_requests_total', { model: 'a', route: 'other' })).toBe(1);
    // A row with neither model nor status (a network error): "other" once the model cap is reached, status "none".
    expect(one(samples, 'gemini_balance_requests_total', { status: 'none', outcome: 'transient' })).toBe(1);
    expect(new Set(pick(samples, 'gemini_balance_requests_total').map((s) => s.labels.model))).toEqual(new Set(['a', 'b', 'other']));
    expect(one(samples, 'gemini_balance_upstream_latency_seconds_bucket', { le: '0.05' })).toBe(6);
    expect(one(samples, 'gemini_balance_upstream_latency_seconds_bucket', { le: '60' })).toBe(6);
    expect(one(samples, 'gemini_balance_upstream_latency_seconds_bucket', { le: '+Inf' })).toBe(7);
    expect(one(samples, 'gemini_balance_upstream_latency_seconds_sum')).toBeCloseTo(0.06 + 120, 6);
  });
});
