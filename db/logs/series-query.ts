import type { UsageTotals } from './log-types';
import { GRAIN_MS, type Grain } from './rollup';
import { num, type SqlRow, type SqlRunner, type Statement } from './sql-runner';

const HOUR = GRAIN_MS.hour;

/** One SELECT per range: SQLite answers an OR of ranges by reading every sum of the grain. */
const totalsIn = (grain: Grain, ranges: readonly (readonly [number, number])[]): Statement => ({
  sql: ranges
    .map(() => "SELECT bucket, calls, failures, prompt_tokens AS p, completion_tokens AS c FROM request_stats WHERE dimension = 'total' AND grain = ? AND bucket >= ? AND bucket < ?")
    .join(' UNION ALL '),
  args: ranges.flatMap(([from, to]) => [grain, from, to]),
});

interface SeriesPlan {
  readonly hours: Statement | null;
  readonly minutes: Statement | null;
  /** Hours a bucket boundary cuts: read as minutes, their hourly sums skipped. */
  readonly cut: ReadonlySet<number>;
}

/**
 * Hourly sums for whole hours, minute sums where a bucket needs them: 15-minute buckets, and the
 * hours a boundary cuts (day buckets in a UTC+5:30 zone: 31 hours). 30 days then read ~2,600 sums
 * instead of 43,200.
 */
function planSeries(start: number, bucketMs: number, count: number): SeriesPlan {
  if (start % GRAIN_MS.minute !== 0 || bucketMs % GRAIN_MS.minute !== 0) {
    throw new Error(`A series bucket must be whole minutes from a whole minute (start ${start}, size ${bucketMs}).`);
  }
  const end = start + bucketMs * count;
  if (bucketMs % HOUR !== 0) return { hours: null, minutes: totalsIn('minute', [[start, end]]), cut: new Set() };
  if (start % HOUR === 0) return { hours: totalsIn('hour', [[start, end]]), minutes: null, cut: new Set() };
  const cut = new Set(Array.from({ length: count + 1 }, (_, i) => Math.floor((start + i * bucketMs) / HOUR) * HOUR));
  // Hour buckets off the hour: every hour is cut; one range of minutes says it shorter.
  if (cut.size * HOUR >= end - start) return { hours: null, minutes: totalsIn('minute', [[start, end]]), cut: new Set() };
  const ranges = [...cut].map((h) => [Math.max(h, start), Math.min(h + HOUR, end)] as const);
  return { hours: totalsIn('hour', [[start, end]]), minutes: totalsIn('minute', ranges), cut };
}

/** Totals in `count` buckets of `bucketMs` from `start` (whole minutes), oldest first, zeros included. */
export async function seriesOf(run: SqlRunner, start: number, bucketMs: number, count: number): Promise<UsageTotals[]> {
  const plan = planSeries(start, bucketMs, count);
  const sums = Array.from({ length: count }, () => ({ calls: 0, failures: 0, promptTokens: 0, completionTokens: 0 }));
  // Bucketed here, not in SQL: libsql binds numbers as floats, so SQLite's (bucket - ?) / n would not divide integers.
  const add = (r: SqlRow) => {
    const sum = sums[Math.floor((num(r.bucket) - start) / bucketMs)];
    if (!sum) return;
    sum.calls += num(r.calls);
    sum.failures += num(r.failures);
    sum.promptTokens += num(r.p);
    sum.completionTokens += num(r.c);
  };
  if (plan.minutes) for (const r of await run.query(plan.minutes)) add(r);
  if (plan.hours) for (const r of await run.query(plan.hours)) if (!plan.cut.has(num(r.bucket))) add(r);
  return sums;
}
