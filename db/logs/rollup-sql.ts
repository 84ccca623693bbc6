import type { Dialect } from '../repository';
import { addOnConflict, bucketSql, GRAIN_MS, ROLLUP_PAIRS, statsInsertHead, valueSql } from './rollup';
import type { Statement } from './sql-runner';

/**
 * Takes the request_logs rows matching `where` out of the sums. Runs in the same transaction as,
 * and before, the DELETE of those rows; computed by the database, so it subtracts exactly what is
 * there (a row another admin deleted a moment ago is not subtracted twice).
 */
export function subtractStatements(dialect: Dialect, where: Statement): Statement[] {
  return ROLLUP_PAIRS.map(({ dimension, grain }) => {
    const bucket = bucketSql(dialect, grain);
    const value = valueSql(dialect, dimension);
    const group = dimension === 'total' ? bucket : `${bucket}, ${value}`;
    return {
      sql:
        `${statsInsertHead} SELECT '${dimension}', '${grain}', ${bucket}, ${value}, -COUNT(*), ` +
        "-SUM(CASE WHEN outcome <> 'ok' THEN 1 ELSE 0 END), -COALESCE(SUM(prompt_tokens), 0), -COALESCE(SUM(completion_tokens), 0) " +
        `FROM request_logs WHERE ${where.sql} GROUP BY ${group} ${addOnConflict(dialect)}`,
      args: where.args,
    };
  });
}

/** Drops the sums of buckets that end at or before `before` (their rows are gone; they are zero). */
export function dropBucketsStatements(before: number): Statement[] {
  return ROLLUP_PAIRS.map(({ dimension, grain }) => ({
    sql: 'DELETE FROM request_stats WHERE dimension = ? AND grain = ? AND bucket <= ?',
    args: [dimension, grain, before - GRAIN_MS[grain]],
  }));
}
