import type { AccessTokenRow, ApiKeyRow, ErrorLogRow, RequestLogRow, SettingRow } from './schema';
import type { FileStore } from './files/file-store';
import type { ErrorLogSummary, LogKind, LogPage, LogQuery, UsageDimension, UsageShare, UsageTotals } from './logs/log-types';

export type Dialect = 'sqlite' | 'mysql';

export type NewApiKey = Pick<ApiKeyRow, 'key' | 'kind'>;
/** The mutable part of a key's row: what the key pool persists after settling outcomes. */
export type ApiKeyState = Pick<
  ApiKeyRow,
  'key' | 'status' | 'failures' | 'cooldownUntil' | 'disabledReason' | 'lastUsedAt' | 'modelCooldowns'
>;
/**
 * A key's change as written to its row, field by field (server/keypool/key-change.ts decides it):
 * the status group only when it changed, per-model cooldowns as a JSON merge patch.
 */
export interface KeyChange {
  readonly key: string;
  readonly status?: Pick<ApiKeyRow, 'status' | 'failures' | 'cooldownUntil' | 'disabledReason'>;
  /** May replace a `disabled` row (the change disables or enables the key). */
  readonly force: boolean;
  readonly cooldownPatch?: Readonly<Record<string, number | null>>;
}
/** When a key was last used, the only field a mere use writes (db/keys/last-used.ts). */
export type LastUse = Pick<ApiKeyRow, 'key' | 'lastUsedAt'>;
export type NewAccessToken = Omit<AccessTokenRow, 'id' | 'createdAt'>;
/** What the dashboard may change on a token (never the token itself: clients hold it). Absent = unchanged. */
export type TokenChanges = Partial<Pick<AccessTokenRow, 'label' | 'allowedModels' | 'expiresAt' | 'rpmLimit'>>;
export type NewRequestLog = Omit<RequestLogRow, 'id'>;
export type NewErrorLog = Omit<ErrorLogRow, 'id'>;
/** One key's recent traffic, from request_logs (every attempt is a row). */
export interface KeyUsage {
  readonly keyFingerprint: string;
  readonly calls: number;
  /** Attempts whose outcome was not `ok` (rate-limited, key-invalid, transient, client-error…). */
  readonly failures: number;
}

/**
 * Everything the app stores, for both dialects. `db/sqlite/repository.ts` and
 * `db/mysql/repository.ts` implement it in the same method order; `tests/db/repository.test.ts`
 * runs one contract suite against both.
 */
export interface Repository extends FileStore {
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
  /** A pool's key changes, field by field (db/keys/key-changes.ts): several instances write the same rows. */
  saveKeyChanges(changes: readonly KeyChange[]): Promise<void>;
  /** Change stamps of the settings and the keys (db/keys/sync-stamps.ts): equal stamps, nothing to read. */
  settingsStamp(): Promise<string>;
  keysStamp(): Promise<string>;
  /** Only when each key was last used (see db/keys/last-used.ts). */
  saveLastUsed(entries: readonly LastUse[]): Promise<void>;
  /** Only the keys of these kinds, by id (the pool holds the gemini keys; vertex/paid are read here). */
  listKeysOfKinds(kinds: readonly string[]): Promise<ApiKeyRow[]>;
  /** Calls and failures per key fingerprint since `since`; fingerprints without rows are left out. */
  keyUsage(fingerprints: readonly string[], since: number): Promise<KeyUsage[]>;

  /** Inserts tokens not stored yet (by token value). Returns how many were new. */
  insertTokens(tokens: readonly NewAccessToken[], now: number): Promise<number>;
  listTokens(): Promise<AccessTokenRow[]>;
  /** Applies the changes and returns the row as stored, or null when no token has that id. */
  updateToken(id: number, changes: TokenChanges): Promise<AccessTokenRow | null>;
  deleteTokens(ids: readonly number[]): Promise<number>;

  insertRequestLogs(rows: readonly NewRequestLog[]): Promise<void>;
  insertErrorLogs(rows: readonly NewErrorLog[]): Promise<void>;
  /** Newest first. */
  listRequestLogs(limit: number): Promise<RequestLogRow[]>;
  listErrorLogs(limit: number): Promise<ErrorLogRow[]>;
  /** The log browser: newest first, `limit` rows after `cursor`; `total` stops at LOG_COUNT_CAP. */
  pageRequestLogs(query: LogQuery): Promise<LogPage<RequestLogRow>>;
  pageErrorLogs(query: LogQuery): Promise<LogPage<ErrorLogSummary>>;
  errorLog(id: number): Promise<ErrorLogRow | null>;
  /** Deletes these rows (request logs: and their share of the stats); answers how many existed. */
  deleteLogs(kind: LogKind, ids: readonly number[]): Promise<number>;
  deleteAllLogs(kind: LogKind): Promise<number>;
  /** Retention: deletes the rows with at < before, a small transaction at a time. */
  purgeLogs(kind: LogKind, before: number): Promise<number>;
  /**
   * Request-log totals of the rows at >= each `since`, exact, mostly from request_stats
   * (db/logs/rollup.ts); `now` only helps choose what to read.
   */
  usageTotals(since: readonly number[], now: number): Promise<UsageTotals[]>;
  /** Totals in `count` buckets of `bucketMs` from `start` (whole minutes), zeros included. */
  usageSeries(start: number, bucketMs: number, count: number): Promise<UsageTotals[]>;
  /** The `limit` keys (fingerprints) or models with the most calls since `since`. */
  usageBy(dimension: UsageDimension, since: number, now: number, limit: number): Promise<UsageShare[]>;
}

/** Rows per INSERT statement: below SQLite's bound-parameter limit and MySQL's packet size. */
export const INSERT_CHUNK = 500;

export function chunks<T>(items: readonly T[], size: number = INSERT_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
