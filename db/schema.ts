/**
 * The dialect-neutral description of every table: the one place that says which columns exist,
 * their logical type, nullability and indexes. `db/sqlite/tables.ts` and `db/mysql/tables.ts`
 * are the idiomatic drizzle tables; `tests/db/parity.test.ts` keeps them (and the real migrated
 * databases) equal to this file, and the row types below are derived from it.
 *
 * Times are milliseconds since the epoch (integer on SQLite, bigint on MySQL): no time zones in
 * the database, unlike the original's mix of UTC, UTC+8 and local time.
 */

/** `varchar` has a length; `longtext` is unbounded (MySQL LONGTEXT) — the original's 64 KB
 * MySQL TEXT columns lost data ("Data too long"), so nothing unbounded is stored in a varchar. */
export type LogicalType =
  | { kind: 'id' }
  | { kind: 'varchar'; length: number }
  | { kind: 'longtext' }
  | { kind: 'int' }
  | { kind: 'timestamp' }
  | { kind: 'bigint' };

export interface ColumnSpec {
  readonly sqlName: string;
  readonly type: LogicalType;
  readonly nullable: boolean;
  readonly unique?: boolean;
  readonly primaryKey?: boolean;
}

export interface IndexSpec {
  readonly name: string;
  readonly columns: readonly string[];
}

export interface TableSpec {
  readonly sqlName: string;
  readonly columns: Readonly<Record<string, ColumnSpec>>;
  readonly indexes: readonly IndexSpec[];
}

const col = <T extends LogicalType, N extends boolean>(
  sqlName: string,
  type: T,
  nullable: N,
  extra: { unique?: boolean; primaryKey?: boolean } = {},
) => ({ sqlName, type, nullable, ...extra });

const id = () => col('id', { kind: 'id' }, false, { primaryKey: true });
const varchar = <N extends boolean>(sqlName: string, length: number, nullable: N) =>
  col(sqlName, { kind: 'varchar', length }, nullable);
const longtext = <N extends boolean>(sqlName: string, nullable: N) => col(sqlName, { kind: 'longtext' }, nullable);
const int = <N extends boolean>(sqlName: string, nullable: N) => col(sqlName, { kind: 'int' }, nullable);
const timestamp = <N extends boolean>(sqlName: string, nullable: N) => col(sqlName, { kind: 'timestamp' }, nullable);

export const schema = {
  settings: {
    sqlName: 'settings',
    columns: {
      key: col('key', { kind: 'varchar', length: 100 }, false, { primaryKey: true }),
      /** JSON text of the setting's value. */
      value: longtext('value', false),
      updatedAt: timestamp('updated_at', false),
    },
    indexes: [],
  },
  apiKeys: {
    sqlName: 'api_keys',
    columns: {
      id: id(),
      key: col('key', { kind: 'varchar', length: 255 }, false, { unique: true }),
      /** gemini | vertex | paid */
      kind: varchar('kind', 16, false),
      /** active | cooling | disabled */
      status: varchar('status', 16, false),
      failures: int('failures', false),
      cooldownUntil: timestamp('cooldown_until', true),
      disabledReason: longtext('disabled_reason', true),
      lastUsedAt: timestamp('last_used_at', true),
      createdAt: timestamp('created_at', false),
      /** JSON object model → epoch ms until which the key is cooling for that model. */
      modelCooldowns: longtext('model_cooldowns', false),
    },
    indexes: [{ name: 'api_keys_kind_status_idx', columns: ['kind', 'status'] }],
  },
  accessTokens: {
    sqlName: 'access_tokens',
    columns: {
      id: id(),
      /** Stored as given: clients' tokens must survive a database → .env export (issue 7). */
      token: col('token', { kind: 'varchar', length: 255 }, false, { unique: true }),
      label: varchar('label', 100, false),
      /** JSON array of model names; null = every model. */
      allowedModels: longtext('allowed_models', true),
      expiresAt: timestamp('expires_at', true),
      rpmLimit: int('rpm_limit', true),
      createdAt: timestamp('created_at', false),
    },
    indexes: [],
  },
  requestLogs: {
    sqlName: 'request_logs',
    columns: {
      id: id(),
      at: timestamp('at', false),
      tokenLabel: varchar('token_label', 100, true),
      keyFingerprint: varchar('key_fingerprint', 32, true),
      model: varchar('model', 255, true),
      endpoint: varchar('endpoint', 100, false),
      status: int('status', true),
      outcome: varchar('outcome', 32, false),
      latencyMs: int('latency_ms', false),
      promptTokens: int('prompt_tokens', true),
      completionTokens: int('completion_tokens', true),
      attempt: int('attempt', false),
      errorCode: varchar('error_code', 64, true),
      finishReason: varchar('finish_reason', 48, true),
    },
    indexes: [
      { name: 'request_logs_at_idx', columns: ['at'] },
      { name: 'request_logs_model_at_idx', columns: ['model', 'at'] },
      { name: 'request_logs_key_at_idx', columns: ['key_fingerprint', 'at'] },
      // The log browser's status and outcome filters: without them a rare value scans every row.
      { name: 'request_logs_status_at_idx', columns: ['status', 'at'] },
      { name: 'request_logs_outcome_at_idx', columns: ['outcome', 'at'] },
    ],
  },
  errorLogs: {
    sqlName: 'error_logs',
    columns: {
      id: id(),
      at: timestamp('at', false),
      keyFingerprint: varchar('key_fingerprint', 32, true),
      model: varchar('model', 255, true),
      status: int('status', true),
      errorType: varchar('error_type', 64, false),
      message: longtext('message', false),
      requestBody: longtext('request_body', true),
    },
    indexes: [
      { name: 'error_logs_at_idx', columns: ['at'] },
      { name: 'error_logs_model_at_idx', columns: ['model', 'at'] },
      { name: 'error_logs_key_at_idx', columns: ['key_fingerprint', 'at'] },
      { name: 'error_logs_status_at_idx', columns: ['status', 'at'] },
    ],
  },
  /**
   * request_logs summed per time bucket, written in the same transaction as the rows it sums
   * (db/logs/rollup.ts): 30-day stats read thousands of these instead of a million log rows.
   * `dimension` total | key | model, `grain` minute | hour | day, `value` the key fingerprint or
   * model ('' for total or unknown); the four together are the primary key.
   */
  requestStats: {
    sqlName: 'request_stats',
    columns: {
      dimension: col('dimension', { kind: 'varchar', length: 8 }, false, { primaryKey: true }),
      grain: col('grain', { kind: 'varchar', length: 8 }, false, { primaryKey: true }),
      bucket: col('bucket', { kind: 'timestamp' }, false, { primaryKey: true }),
      value: col('value', { kind: 'varchar', length: 255 }, false, { primaryKey: true }),
      calls: col('calls', { kind: 'bigint' }, false),
      failures: col('failures', { kind: 'bigint' }, false),
      promptTokens: col('prompt_tokens', { kind: 'bigint' }, false),
      completionTokens: col('completion_tokens', { kind: 'bigint' }, false),
    },
    indexes: [],
  },
  files: {
    sqlName: 'files',
    columns: {
      name: col('name', { kind: 'varchar', length: 255 }, false, { primaryKey: true }),
      displayName: varchar('display_name', 512, true),
      mimeType: varchar('mime_type', 255, false),
      sizeBytes: col('size_bytes', { kind: 'bigint' }, false),
      state: varchar('state', 16, false),
      uri: longtext('uri', false),
      keyFingerprint: varchar('key_fingerprint', 32, false),
      /** Fingerprint of the client token that uploaded it, never the token itself. */
      ownerToken: varchar('owner_token', 64, true),
      createdAt: timestamp('created_at', false),
      expiresAt: timestamp('expires_at', false),
    },
    indexes: [{ name: 'files_expires_at_idx', columns: ['expires_at'] }],
  },
} as const satisfies Record<string, TableSpec>;

type ValueOf<T extends LogicalType> = T extends { kind: 'varchar' | 'longtext' } ? string : number;
type ColumnValue<C> = C extends { type: infer T extends LogicalType; nullable: infer N }
  ? N extends true
    ? ValueOf<T> | null
    : ValueOf<T>
  : never;

/** The row a table returns, derived from its spec. */
export type RowOf<T extends TableSpec> = { -readonly [K in keyof T['columns']]: ColumnValue<T['columns'][K]> };

export type SettingRow = RowOf<typeof schema.settings>;
export type ApiKeyRow = RowOf<typeof schema.apiKeys>;
export type AccessTokenRow = RowOf<typeof schema.accessTokens>;
export type RequestLogRow = RowOf<typeof schema.requestLogs>;
export type ErrorLogRow = RowOf<typeof schema.errorLogs>;
export type RequestStatsRow = RowOf<typeof schema.requestStats>;
export type FileRow = RowOf<typeof schema.files>;
