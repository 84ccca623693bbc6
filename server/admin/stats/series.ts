import type { UsageTotals } from '../../../db/logs/log-types';
import type { Deps } from '../../deps';
import { PERIODS } from './periods';
import type { SeriesInput } from './stats-inputs';

export interface UsageSeries {
  readonly period: SeriesInput['period'];
  readonly bucketMs: number;
  /** Oldest first; the last bucket holds now and is still filling. Empty buckets are zeros. */
  readonly buckets: readonly (UsageTotals & { readonly at: number })[];
}

/** Totals per bucket for a chart: 1 h by minute, 24 h by 15 minutes, 7 d by hour, 30 d by local day. */
export async function usageSeries(deps: Pick<Deps, 'repo' | 'now'>, input: SeriesInput): Promise<UsageSeries> {
  const { spanMs, bucketMs } = PERIODS[input.period];
  const count = spanMs / bucketMs;
  const offset = input.utcOffsetMinutes * 60_000;
  // The bucket that holds now, aligned to the viewer's clock (a local midnight for days).
  const current = Math.floor((deps.now() + offset) / bucketMs) * bucketMs - offset;
  const start = current - (count - 1) * bucketMs;
  const sums = await deps.repo.usageSeries(start, bucketMs, count);
  return { period: input.period, bucketMs, buckets: sums.map((s, i) => ({ at: start + i * bucketMs, ...s })) };
}
