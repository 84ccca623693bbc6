import { usageByKey, usageByModel } from '../stats/breakdown';
import { BreakdownInput, SeriesInput } from '../stats/stats-inputs';
import { usageSeries } from '../stats/series';
import { usageSummary } from '../stats/summary';
import { adminProcedure, router } from '../trpc';

/**
 * Usage from the request logs: every upstream attempt is one call (retries included); a failure is
 * an attempt whose outcome is not ok. Exact, and fast at any volume: read from per-minute, -hour and
 * -day sums kept with the logs (db/logs/rollup.ts).
 */
export const statsRouter = router({
  /** { at, lastMinute, lastHour, lastDay, last30Days }, each { calls, failures, promptTokens, completionTokens }. */
  summary: adminProcedure.query(({ ctx }) => usageSummary(ctx.deps)),
  /** { period: '1h'|'24h'|'7d'|'30d', utcOffsetMinutes? } → { period, bucketMs, buckets: [{ at, calls, … }] }. */
  series: adminProcedure.input(SeriesInput).query(({ ctx, input }) => usageSeries(ctx.deps, input)),
  /** { period, limit? } → the top keys: [{ keyId, masked, calls, failures, promptTokens, completionTokens }]. */
  byKey: adminProcedure.input(BreakdownInput).query(({ ctx, input }) => usageByKey(ctx.deps, input)),
  /** { period, limit? } → the top models: [{ model, calls, … }]. */
  byModel: adminProcedure.input(BreakdownInput).query(({ ctx, input }) => usageByModel(ctx.deps, input)),
});
