import type { Dialect } from '../repository';
import { LOG_COUNT_CAP, type LogQuery } from './log-types';
import type { SqlArg, Statement } from './sql-runner';

export type LogTable = 'request_logs' | 'error_logs';

interface Clause {
  readonly sql: string;
  readonly args: readonly SqlArg[];
}

const join = (clauses: readonly Clause[]): Statement => ({
  sql: clauses.length > 0 ? `WHERE ${clauses.map((c) => c.sql).join(' AND ')}` : '',
  args: clauses.flatMap((c) => c.args),
});

/** The equality filters, most selective first: one key of many, then a status, an outcome, a model. */
function equalities(table: LogTable, q: LogQuery): [column: string, value: SqlArg][] {
  const all: [string, SqlArg | undefined][] = [
    ['key_fingerprint', q.keyFingerprint],
    ['status', q.status],
    ['outcome', table === 'request_logs' ? q.outcome : undefined],
    ['model', q.model],
  ];
  return all.filter((e): e is [string, SqlArg] => e[1] !== undefined);
}

const timeRange = (q: LogQuery): Clause[] => [
  ...(q.from === undefined ? [] : [{ sql: 'at >= ?', args: [q.from] }]),
  ...(q.to === undefined ? [] : [{ sql: 'at <= ?', args: [q.to] }]),
];

/**
 * The page's WHERE. Each filter has an index ending in `at`, so "newest first" walks one index and
 * stops after a page; SQLite is told which (a unary + hides the other columns' indexes), as without
 * statistics it guesses, and guessed a status index over a key's in the benchmark.
 */
export function pageWhere(dialect: Dialect, table: LogTable, q: LogQuery): Statement {
  const [lead, ...rest] = equalities(table, q);
  const hide = dialect === 'sqlite' ? '+' : '';
  const cursor = q.cursor
    ? // After the cursor in (at desc, id desc) order, without row values (MariaDB would not use an index range for them).
      [{ sql: 'at <= ? AND (at < ? OR id < ?)', args: [q.cursor.at, q.cursor.at, q.cursor.id] }]
    : [];
  return join([
    ...timeRange(q),
    ...cursor,
    ...(lead ? [{ sql: `${lead[0]} = ?`, args: [lead[1]] }] : []),
    ...rest.map(([column, value]) => ({ sql: `${hide}${column} = ?`, args: [value] })),
  ]);
}

/**
 * Rows a count with several filters reads (those of the first filter) to check the others on: each
 * check reads the row, and 10,000 rows spread over a table larger than MariaDB's default 128 MB
 * buffer pool took 300 ms every time; 2,000 fit and take a few ms.
 */
export const COMBINED_SCAN_CAP = 2_000;

/**
 * Counts matching rows while reading a bounded number of index entries: those of the time range and
 * the leading filter, with the other filters checked on them. `scanned` past `cap` means `n` is a
 * lower bound ("N+").
 */
export function countStatement(table: LogTable, q: LogQuery): { statement: Statement; cap: number } {
  const [lead, ...rest] = equalities(table, q);
  const inner = join([...timeRange(q), ...(lead ? [{ sql: `${lead[0]} = ?`, args: [lead[1]] }] : [])]);
  if (rest.length === 0) {
    const sql = `SELECT COUNT(*) AS n, COUNT(*) AS scanned FROM (SELECT 1 AS one FROM ${table} ${inner.sql} LIMIT ${LOG_COUNT_CAP + 1}) candidates`;
    return { statement: { sql, args: inner.args }, cap: LOG_COUNT_CAP };
  }
  const check = rest.map(([column]) => `${column} = ?`).join(' AND ');
  const columns = rest.map(([column]) => column).join(', ');
  return {
    statement: {
      sql: `SELECT SUM(CASE WHEN ${check} THEN 1 ELSE 0 END) AS n, COUNT(*) AS scanned FROM (SELECT ${columns} FROM ${table} ${inner.sql} LIMIT ${COMBINED_SCAN_CAP + 1}) candidates`,
      args: [...rest.map(([, value]) => value), ...inner.args],
    },
    cap: COMBINED_SCAN_CAP,
  };
}
