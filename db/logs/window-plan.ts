import { GRAIN_MS, type Grain } from './rollup';

/** A signed part of a time window read from one source: the sums of one grain, or (grain null) the log rows. */
export interface WindowPiece {
  readonly grain: Grain | null;
  readonly from: number;
  /** Exclusive; null = open-ended. */
  readonly to: number | null;
  /** -1: a part counted by a coarser bucket that lies outside the window, taken back out. */
  readonly sign: 1 | -1;
}

/**
 * Splits [from, to) into the fewest rows to read: whole buckets of the coarsest grain, and the ragged
 * start in finer grains and finally log rows. A ragged start is read forward, or as the whole bucket
 * minus its part before `from`, whichever is shorter ("the last 30 days" of keys: ≤ 12 hours of
 * rows and 31 daily sums; of totals: under a minute of rows, ≤ 30 minute and 720 hour sums). With `to`
 * null (a window ending now) the last bucket is simply still filling; `now` says where rows stop.
 */
export function planWindow(from: number, to: number | null, grains: readonly Grain[], now: number, sign: 1 | -1 = 1): WindowPiece[] {
  if (to !== null && from >= to) return [];
  const [grain, ...finer] = grains;
  if (grain === undefined) return [{ grain: null, from, to, sign }];
  const size = GRAIN_MS[grain];
  const first = Math.ceil(from / size) * size;
  const last = to === null ? null : Math.floor(to / size) * size;
  if (last !== null && first >= last) return planWindow(from, to, finer, now, sign);
  const tail = last === null || to === null ? [] : planWindow(last, to, finer, now, sign);
  return [...raggedStart(from, first, grain, finer, now, sign), { grain, from: first, to: last, sign }, ...tail];
}

function raggedStart(from: number, first: number, grain: Grain, finer: readonly Grain[], now: number, sign: 1 | -1): WindowPiece[] {
  if (from === first) return [];
  const bucket = first - GRAIN_MS[grain];
  const forward = Math.min(first, now) - from;
  if (forward <= from - bucket) return planWindow(from, first, finer, now, sign);
  const outside = planWindow(bucket, from, finer, now, sign === 1 ? -1 : 1);
  return [{ grain, from: bucket, to: first, sign }, ...outside];
}
