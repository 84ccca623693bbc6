import type { Dialect } from '../repository';
import type { UsageDimension, UsageShare, UsageTotals } from './log-types';
import { type Dimension, ROLLUPS, valueSql } from './rollup';
import { num, type SqlRow, type SqlRunner, type Statement } from './sql-runner';
import { planWindow, type WindowPiece } from './window-plan';

/** Sums over the pieces' union, whose columns are v, calls, failures, p, c. */
const PIECE_SUMS = 'SUM(calls) AS calls, SUM(failures) AS failures, SUM(p) AS p, SUM(c) AS c';

function pieceSql(dialect: Dialect, dimension: Dimension, piece: WindowPiece): Statement {
  const upTo = piece.to === null ? [] : [piece.to];
  const minus = piece.sign === -1 ? '-' : '';
  if (piece.grain === null) {
    // Grouped by an expression, so SQLite reads the `at` range rather than a whole (key, at) index.
    return {
      sql:
        `SELECT ${valueSql(dialect, dimension)} AS v, ${minus}COUNT(*) AS calls, ${minus}SUM(CASE WHEN outcome <> 'ok' THEN 1 ELSE 0 END) AS failures, ` +
        `${minus}SUM(prompt_tokens) AS p, ${minus}SUM(completion_tokens) AS c FROM request_logs WHERE at >= ?${upTo.length ? ' AND at < ?' : ''} GROUP BY v`,
      args: [piece.from, ...upTo],
    };
  }
  return {
    sql:
      `SELECT value AS v, ${minus}SUM(calls) AS calls, ${minus}SUM(failures) AS failures, ${minus}SUM(prompt_tokens) AS p, ${minus}SUM(completion_tokens) AS c ` +
      `FROM request_stats WHERE dimension = ? AND grain = ? AND bucket >= ?${upTo.length ? ' AND bucket < ?' : ''} GROUP BY value`,
    args: [dimension, piece.grain, piece.from, ...upTo],
  };
}

const toTotals = (r: SqlRow | undefined): UsageTotals => ({
  calls: num(r?.calls),
  failures: num(r?.failures),
  promptTokens: num(r?.p),
  completionTokens: num(r?.c),
});

/** Sums per value of one dimension over rows at >= since, largest first. */
async function sumSince(run: SqlRunner, dimension: Dimension, since: number, now: number, limit: number): Promise<UsageShare[]> {
  const pieces = planWindow(since, null, ROLLUPS[dimension], now).map((p) => pieceSql(run.dialect, dimension, p));
  const rows = await run.query({
    // HAVING: deletes leave zero sums behind rather than scanning for them.
    sql: `SELECT v, ${PIECE_SUMS} FROM (${pieces.map((p) => p.sql).join(' UNION ALL ')}) pieces GROUP BY v HAVING SUM(calls) > 0 ORDER BY calls DESC, v LIMIT ?`,
    args: [...pieces.flatMap((p) => p.args), limit],
  });
  return rows.map((r) => ({ value: String(r.v ?? ''), ...toTotals(r) }));
}

/** Calls, failures and tokens of the rows at >= each `since`. */
export async function totalsSince(run: SqlRunner, since: readonly number[], now: number): Promise<UsageTotals[]> {
  return Promise.all(
    since.map(async (s) => {
      const [total] = await sumSince(run, 'total', s, now, 1);
      return total ? { calls: total.calls, failures: total.failures, promptTokens: total.promptTokens, completionTokens: total.completionTokens } : toTotals(undefined);
    }),
  );
}

/** The keys or models with the most calls since `since`. */
export const usageBy = (run: SqlRunner, dimension: UsageDimension, since: number, now: number, limit: number) =>
  sumSince(run, dimension, since, now, limit);
