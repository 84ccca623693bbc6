import * as v from 'valibot';
import { PERIOD_NAMES } from './periods';

const Period = v.picklist(PERIOD_NAMES, `period is one of ${PERIOD_NAMES.join(', ')}.`);

/** The most keys or models a breakdown lists. */
export const MAX_BREAKDOWN = 100;

export const SeriesInput = v.strictObject({
  period: Period,
  /**
   * The viewer's offset from UTC (UTC+8 → 480), so hour and day buckets start at local
   * boundaries; whole minutes, as every zone is.
   */
  utcOffsetMinutes: v.optional(
    v.pipe(v.number('utcOffsetMinutes is a number.'), v.integer('utcOffsetMinutes is whole minutes.'), v.minValue(-720, 'utcOffsetMinutes is -720 to 840.'), v.maxValue(840, 'utcOffsetMinutes is -720 to 840.')),
    0,
  ),
});
export type SeriesInput = v.InferOutput<typeof SeriesInput>;

export const BreakdownInput = v.strictObject({
  period: Period,
  limit: v.optional(
    v.pipe(v.number('limit is a number.'), v.integer('limit is a whole number.'), v.minValue(1, 'limit is at least 1.'), v.maxValue(MAX_BREAKDOWN, `limit is at most ${MAX_BREAKDOWN}.`)),
    10,
  ),
});
export type BreakdownInput = v.InferOutput<typeof BreakdownInput>;
