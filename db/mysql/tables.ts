import { bigint, index, int, longtext, mysqlTable, primaryKey, varchar } from 'drizzle-orm/mysql-core';

// Kept equal to db/schema.ts by tests/db/parity.test.ts. Every unbounded value is LONGTEXT:
// the original's TEXT columns failed with "Data too long for column 'value'" at ~1,500 keys.

const id = () => bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey();
const timestamp = (name: string) => bigint(name, { mode: 'number' });

export const settings = mysqlTable('settings', {
  key: varchar('key', { length: 100 }).primaryKey(),
  value: longtext('value').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

export const apiKeys = mysqlTable(
  'api_keys',
  {
    id: id(),
    key: varchar('key', { length: 255 }).notNull().unique(),
    kind: varchar('kind', { length: 16 }).notNull(),
    status: varchar('status', { length: 16 }).notNull(),
    failures: int('failures').notNull(),
    cooldownUntil: timestamp('cooldown_until'),
    disabledReason: longtext('disabled_reason'),
    lastUsedAt: timestamp('last_used_at'),
    createdAt: timestamp('created_at').notNull(),
    modelCooldowns: longtext('model_cooldowns').notNull(),
  },
  (t) => [index('api_keys_kind_status_idx').on(t.kind, t.status)],
);

export const accessTokens = mysqlTable('access_tokens', {
  id: id(),
  token: varchar('token', { length: 255 }).notNull().unique(),
  label: varchar('label', { length: 100 }).notNull(),
  allowedModels: longtext('allowed_models'),
  expiresAt: timestamp('expires_at'),
  rpmLimit: int('rpm_limit'),
  createdAt: timestamp('created_at').notNull(),
});

export const requestLogs = mysqlTable(
  'request_logs',
  {
    id: id(),
    at: timestamp('at').notNull(),
    tokenLabel: varchar('token_label', { length: 100 }),
    keyFingerprint: varchar('key_fingerprint', { length: 32 }),
    model: varchar('model', { length: 255 }),
    endpoint: varchar('endpoint', { length: 100 }).notNull(),
    status: int('status'),
    outcome: varchar('outcome', { length: 32 }).notNull(),
    latencyMs: int('latency_ms').notNull(),
    promptTokens: int('prompt_tokens'),
    completionTokens: int('completion_tokens'),
    attempt: int('attempt').notNull(),
    errorCode: varchar('error_code', { length: 64 }),
    /** Why Gemini ended the answer (STOP, MAX_TOKENS, SAFETY …) or `blocked: <reason>` for a refused prompt. */
    finishReason: varchar('finish_reason', { length: 48 }),
  },
  (t) => [
    index('request_logs_at_idx').on(t.at),
    index('request_logs_model_at_idx').on(t.model, t.at),
    index('request_logs_key_at_idx').on(t.keyFingerprint, t.at),
    index('request_logs_status_at_idx').on(t.status, t.at),
    index('request_logs_outcome_at_idx').on(t.outcome, t.at),
  ],
);

export const errorLogs = mysqlTable(
  'error_logs',
  {
    id: id(),
    at: timestamp('at').notNull(),
    keyFingerprint: varchar('key_fingerprint', { length: 32 }),
    model: varchar('model', { length: 255 }),
    status: int('status'),
    errorType: varchar('error_type', { length: 64 }).notNull(),
    message: longtext('message').notNull(),
    requestBody: longtext('request_body'),
  },
  (t) => [
    index('error_logs_at_idx').on(t.at),
    index('error_logs_model_at_idx').on(t.model, t.at),
    index('error_logs_key_at_idx').on(t.keyFingerprint, t.at),
    index('error_logs_status_at_idx').on(t.status, t.at),
  ],
);

export const requestStats = mysqlTable(
  'request_stats',
  {
    dimension: varchar('dimension', { length: 8 }).notNull(),
    grain: varchar('grain', { length: 8 }).notNull(),
    bucket: timestamp('bucket').notNull(),
    value: varchar('value', { length: 255 }).notNull(),
    calls: bigint('calls', { mode: 'number' }).notNull(),
    failures: bigint('failures', { mode: 'number' }).notNull(),
    promptTokens: bigint('prompt_tokens', { mode: 'number' }).notNull(),
    completionTokens: bigint('completion_tokens', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.dimension, t.grain, t.bucket, t.value] })],
);

export const files = mysqlTable(
  'files',
  {
    name: varchar('name', { length: 255 }).primaryKey(),
    displayName: varchar('display_name', { length: 512 }),
    mimeType: varchar('mime_type', { length: 255 }).notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    state: varchar('state', { length: 16 }).notNull(),
    uri: longtext('uri').notNull(),
    keyFingerprint: varchar('key_fingerprint', { length: 32 }).notNull(),
    ownerToken: varchar('owner_token', { length: 64 }),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
  },
  (t) => [index('files_expires_at_idx').on(t.expiresAt)],
);
