/**
 * The chart's arithmetic, kept apart from the drawing: a rounded top for the y axis and which
 * buckets get an x label, so the axes read "0 · 50 · 100" rather than "0 · 43.5 · 87".
 */

/** 1, 2, 5, 10, 20, 50… the smallest of them that is at least `value`. */
function niceStep(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 5, 10]) if (m * power >= value) return m * power;
  return 10 * power;
}

/** Ticks from 0 to a round top above `max`, at most `count` steps; whole numbers (calls are counts). */
export function yTicks(max: number, count = 4): number[] {
  if (max <= 0) return [0, 1];
  const step = Math.max(1, niceStep(max / count));
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  return ticks;
}

/** Indexes of the buckets that get an x label: evenly spread, the last one always (it is "now"). */
export function xLabelIndexes(buckets: number, width: number, minGap = 80): number[] {
  if (buckets === 0) return [];
  const wanted = Math.max(2, Math.min(7, Math.floor(width / minGap)));
  if (buckets <= wanted) return Array.from({ length: buckets }, (_, i) => i);
  const step = (buckets - 1) / (wanted - 1);
  return Array.from({ length: wanted }, (_, i) => Math.round(i * step));
}
