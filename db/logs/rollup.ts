import type { Dialect, NewRequestLog } from '../repository';
import { chunks } from '../repository';
import { type Statement, intDiv } from './sql-runner';

/**
 * request_stats: request_logs summed per (dimension, grain, bucket, value), written in the same
 * transaction as the log rows, so stats over 30 days read thousands of sums instead of a million
 * rows. The sums are exact: inserts add, deletes subtract what they delete (rollup-sql.ts).
 */

export const GRAIN_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
export type Grain = keyof typeof GRAIN_MS;
export type Dimension = 'total' | 'key' | 'model';

/**
 * The grains kept per dimension, coarsest first; finer grains serve the ragged start of a window
 * (window-plan.ts). Totals down to the minute (15-minute chart buckets). Keys per day only: 30 days
 * of 1,000 keys is ~30,000 sums, and an hourly grain would cost a second upsert per key on every
 * write while, with fewer rows an hour than keys, hardly summing anything.
 */
export const ROLLUPS: Readonly<Record<Dimension, readonly Grain[]>> = {
  total: ['hour', 'minute'],
  key: ['day'],
  model: ['day', 'hour'],
};

export const ROLLUP_PAIRS: readonly { dimension: Dimension; grain: Grain }[] = Object.entries(ROLLUPS).flatMap(
  ([dimension, grains]) => grains.map((grain) => ({ dimension: dimension as Dimension, grain })),
);

const STATS_COLUMNS = 'dimension, grain, bucket, value, calls, failures, prompt_tokens, completion_tokens';

/** Adds the inserted values to an existing sum (or inserts them). */
export function addOnConflict(dialect: Dialect): string {
  const sums = ['calls', 'failures', 'prompt_tokens', 'completion_tokens'];
  return dialect === 'mysql'
    ? `ON DUPLICATE KEY UPDATE ${sums.map((c) => `${c} = ${c} + VALUES(${c})`).join(', ')}`
    : `ON CONFLICT (dimension, grain, bucket, value) DO UPDATE SET ${sums.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;
}

export const statsInsertHead = `INSERT INTO request_stats (${STATS_COLUMNS})`;

/** The SQL expression of a dimension's value over request_logs (MySQL: compared as the sums' binary collation). */
export function valueSql(dialect: Dialect, dimension: Dimension): string {
  if (dimension === 'total') return "''";
  const column = dimension === 'key' ? 'key_fingerprint' : 'model';
  return dialect === 'mysql' ? `COALESCE(${column}, '') COLLATE utf8mb4_bin` : `COALESCE(${column}, '')`;
}

export const bucketSql = (dialect: Dialect, grain: Grain): string => `${intDiv(dialect, 'at', GRAIN_MS[grain])} * ${GRAIN_MS[grain]}`;

type Sums = [calls: number, failures: number, promptTokens: number, completionTokens: number];

function valueOf(row: NewRequestLog, dimension: Dimension): string {
  if (dimension === 'total') return '';
  return (dimension === 'key' ? row.keyFingerprint : row.model) ?? '';
}

/** The sums a batch of new rows adds, one entry per (dimension, grain, bucket, value), sorted (fewer lock waits on MySQL). */
export function rollupDeltas(rows: readonly NewRequestLog[]): [string, string, number, string, ...Sums][] {
  const sums = new Map<string, [string, string, number, string, ...Sums]>();
  for (const row of rows) {
    const failed = row.outcome === 'ok' ? 0 : 1;
    for (const { dimension, grain } of ROLLUP_PAIRS) {
      const bucket = Math.floor(row.at / GRAIN_MS[grain]) * GRAIN_MS[grain];
      const value = valueOf(row, dimension);
      const id = `${dimension}\u0000${grain}\u0000${bucket}\u0000${value}`;
      let entry = sums.get(id);
      if (!entry) sums.set(id, (entry = [dimension, grain, bucket, value, 0, 0, 0, 0]));
      entry[4] += 1;
      entry[5] += failed;
      entry[6] += row.promptTokens ?? 0;
      entry[7] += row.completionTokens ?? 0;
    }
  }
  return [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entry]) => entry);
}

/** Multi-row upserts adding a batch's sums. */
export function addRowsStatements(dialect: Dialect, rows: readonly NewRequestLog[]): Statement[] {
  return chunks(rollupDeltas(rows)).map((c) => ({
    sql: `${statsInsertHead} VALUES ${c.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} ${addOnConflict(dialect)}`,
    args: c.flat(),
  }));
}
