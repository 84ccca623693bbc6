import type { AccessTokenRow, ApiKeyRow, ErrorLogRow, RequestLogRow, SettingRow } from './schema';

export type Dialect = 'sqlite' | 'mysql';

export type NewApiKey = Pick<ApiKeyRow, 'key' | 'kind'>;
/** The mutable part of a key's row: what the key pool persists after settling outcomes. */
export type ApiKeyState = Pick<
  ApiKeyRow,
  'key' | 'status' | 'failures' | 'cooldownUntil' | 'disabledReason' | 'lastUsedAt' | 'modelCooldowns'
>;
export type NewAccessToken = Omit<AccessTokenRow, 'id' | 'createdAt'>;
export type NewRequestLog = Omit<RequestLogRow, 'id'>;
export type NewErrorLog = Omit<ErrorLogRow, 'id'>;

/**
 * Everything the app stores, for both dialects. `db/sqlite/repository.ts` and
 * `db/mysql/repository.ts` implement it in the same method order; `tests/db/repository.test.ts`
 * runs one contract suite against both.
 */
export interface Repository {
  readonly dialect: Dialect;
  /**
   * Runs `work` while holding a database-wide lock of that name (MySQL GET_LOCK), so several
   * instances on one database take turns. SQLite: one server per file, so it just runs.
   */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** A cheap round trip; rejects when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;

  readSettings(): Promise<SettingRow[]>;
  /** Upserts every row in one transaction: all are written or none. `value` is JSON text. */
  writeSettings(rows: ReadonlyArray<Pick<SettingRow, 'key' | 'value'>>, now: number): Promise<void>;
  deleteSettings(keys: readonly string[]): Promise<void>;

  /** Inserts new keys as active; keys already stored are left alone. Returns how many were new. */
  insertKeys(keys: readonly NewApiKey[], now: number): Promise<number>;
  listKeys(): Promise<ApiKeyRow[]>;
  countKeys(): Promise<number>;
  deleteKeys(keys: readonly string[]): Promise<number>;
  saveKeyStates(states: readonly ApiKeyState[]): Promise<void>;

  /** Inserts tokens not stored yet (by token value). Returns how many were new. */
  insertTokens(tokens: readonly NewAccessToken[], now: number): Promise<number>;
  listTokens(): Promise<AccessTokenRow[]>;
  deleteTokens(ids: readonly number[]): Promise<number>;

  insertRequestLogs(rows: readonly NewRequestLog[]): Promise<void>;
  insertErrorLogs(rows: readonly NewErrorLog[]): Promise<void>;
  /** Newest first. */
  listRequestLogs(limit: number): Promise<RequestLogRow[]>;
  listErrorLogs(limit: number): Promise<ErrorLogRow[]>;
}

/** Rows per INSERT statement: below SQLite's bound-parameter limit and MySQL's packet size. */
export const INSERT_CHUNK = 500;

export function chunks<T>(items: readonly T[], size: number = INSERT_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
