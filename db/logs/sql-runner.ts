import type { Dialect } from '../repository';

export type SqlArg = string | number | null;

export interface WriteOptions {
  readonly timeoutMs?: number;
}

/**
 * For the writes behind the proxy (logs, key states): a MySQL connection that stays open and
 * never answers (a partition, a failover behind the same name) would hold them until the OS gives
 * up on it, hours later; failing after this long keeps the rows buffered and retried on a fresh
 * connection. SQLite runs on the event loop and cannot hang so.
 */
export const WRITE_BEHIND_TIMEOUT_MS = 30_000;

export interface Statement {
  readonly sql: string;
  readonly args: readonly SqlArg[];
}

export type SqlRow = Readonly<Record<string, unknown>>;

/**
 * Plain SQL on one database, for the log and stats queries (db/logs/*): the same statement text
 * serves both dialects, so the two cannot drift apart, and the log write path skips drizzle's
 * query building (it runs thousands of times a second).
 */
export interface SqlRunner {
  readonly dialect: Dialect;
  query(statement: Statement): Promise<SqlRow[]>;
  /**
   * Runs the statements in order in one transaction; answers how many rows each one changed.
   * `timeoutMs` (MySQL): a statement with no answer by then fails and its connection is dropped.
   */
  write(statements: readonly Statement[], options?: WriteOptions): Promise<number[]>;
}

/** MySQL answers SUM() as a DECIMAL string and an empty SUM as NULL; SQLite answers numbers. */
export const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** Integer division of a non-negative integer expression, in the runner's dialect. */
export const intDiv = (dialect: Dialect, expression: string, divisor: number): string =>
  dialect === 'mysql' ? `(${expression}) DIV ${divisor}` : `(${expression}) / ${divisor}`;

/** api_keys.key in the runner's dialect: a reserved word in MySQL, where double quotes would make it a string. */
export const keyColumn = (dialect: Dialect): string => (dialect === 'mysql' ? '`key`' : '"key"');
