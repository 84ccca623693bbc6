import type { NewRequestLog } from '../../db/repository';
import type { UsageShare, UsageTotals } from '../../db/logs/log-types';

/** Request-log rows spread over `spanMs` before `now`, deterministic, with every kind of value (nulls too). */
export function sampleRequestLogs(count: number, now: number, spanMs: number, seed = 7): NewRequestLog[] {
  let state = seed;
  // mulberry32: a plain LCG's consecutive draws are correlated.
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const outcomes = [['ok', 200], ['ok', 200], ['ok', 200], ['rate-limited', 429], ['transient', 503], ['key-invalid', 400], ['cancelled', null]] as const;
  const models = ['gemini-2.5-flash', 'gemini-2.5-pro', 'text-embedding-004', null];
  return Array.from({ length: count }, () => {
    const [outcome, status] = outcomes[Math.floor(random() * outcomes.length)] ?? ['ok', 200];
    const tokens = outcome === 'ok';
    return {
      at: now - Math.floor(random() * spanMs),
      tokenLabel: 'env',
      keyFingerprint: random() < 0.05 ? null : `fp${Math.floor(random() * 6)}`,
      model: models[Math.floor(random() * models.length)] ?? null,
      endpoint: 'generateContent',
      status,
      outcome,
      latencyMs: 10,
      promptTokens: tokens ? Math.floor(random() * 1000) : null,
      completionTokens: tokens ? Math.floor(random() * 500) : null,
      attempt: 1,
      errorCode: null,
      finishReason: null,
    };
  });
}

/** What the stats must say about `rows`, computed the slow, obvious way. */
export function sumRows(rows: readonly NewRequestLog[]): UsageTotals {
  return {
    calls: rows.length,
    failures: rows.filter((r) => r.outcome !== 'ok').length,
    promptTokens: rows.reduce((n, r) => n + (r.promptTokens ?? 0), 0),
    completionTokens: rows.reduce((n, r) => n + (r.completionTokens ?? 0), 0),
  };
}

export function sharesOf(rows: readonly NewRequestLog[], value: (r: NewRequestLog) => string | null, limit: number): UsageShare[] {
  const groups = new Map<string, NewRequestLog[]>();
  for (const r of rows) groups.set(value(r) ?? '', [...(groups.get(value(r) ?? '') ?? []), r]);
  return [...groups]
    .map(([v, group]) => ({ value: v, ...sumRows(group) }))
    .sort((a, b) => b.calls - a.calls || (a.value < b.value ? -1 : 1))
    .slice(0, limit);
}
