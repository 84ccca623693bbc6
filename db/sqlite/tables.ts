import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Kept equal to db/schema.ts by tests/db/parity.test.ts; SQLite text is unbounded, so the
// schema's varchar lengths are enforced only on MySQL.

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull().unique(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    failures: integer('failures').notNull(),
    cooldownUntil: integer('cooldown_until'),
    disabledReason: text('disabled_reason'),
    lastUsedAt: integer('last_used_at'),
    createdAt: integer('created_at').notNull(),
    modelCooldowns: text('model_cooldowns').notNull(),
  },
  (t) => [index('api_keys_kind_status_idx').on(t.kind, t.status)],
);

export const accessTokens = sqliteTable('access_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  token: text('token').notNull().unique(),
  label: text('label').notNull(),
  allowedModels: text('allowed_models'),
  expiresAt: integer('expires_at'),
  rpmLimit: integer('rpm_limit'),
  createdAt: integer('created_at').notNull(),
});

export const requestLogs = sqliteTable(
  'request_logs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    tokenLabel: text('token_label'),
    keyFingerprint: text('key_fingerprint'),
    model: text('model'),
    endpoint: text('endpoint').notNull(),
    status: integer('status'),
    outcome: text('outcome').notNull(),
    latencyMs: integer('latency_ms').notNull(),
    promptTokens: integer('prompt_tokens'),
    completionTokens: integer('completion_tokens'),
    attempt: integer('attempt').notNull(),
    errorCode: text('error_code'),
    /** Why Gemini ended the answer (STOP, MAX_TOKENS, SAFETY …) or `blocked: <reason>` for a refused prompt. */
    finishReason: text('finish_reason'),
  },
  (t) => [
    index('request_logs_at_idx').on(t.at),
    index('request_logs_model_at_idx').on(t.model, t.at),
    index('request_logs_key_at_idx').on(t.keyFingerprint, t.at),
    index('request_logs_status_at_idx').on(t.status, t.at),
    index('request_logs_outcome_at_idx').on(t.outcome, t.at),
  ],
);

export const errorLogs = sqliteTable(
  'error_logs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    keyFingerprint: text('key_fingerprint'),
    model: text('model'),
    status: integer('status'),
    errorType: text('error_type').notNull(),
    message: text('message').notNull(),
    requestBody: text('request_body'),
  },
  (t) => [
    index('error_logs_at_idx').on(t.at),
    index('error_logs_model_at_idx').on(t.model, t.at),
    index('error_logs_key_at_idx').on(t.keyFingerprint, t.at),
    index('error_logs_status_at_idx').on(t.status, t.at),
  ],
);

export const requestStats = sqliteTable(
  'request_stats',
  {
    dimension: text('dimension').notNull(),
    grain: text('grain').notNull(),
    bucket: integer('bucket').notNull(),
    value: text('value').notNull(),
    calls: integer('calls').notNull(),
    failures: integer('failures').notNull(),
    promptTokens: integer('prompt_tokens').notNull(),
    completionTokens: integer('completion_tokens').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dimension, t.grain, t.bucket, t.value] })],
);

export const files = sqliteTable(
  'files',
  {
    name: text('name').primaryKey(),
    displayName: text('display_name'),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    state: text('state').notNull(),
    uri: text('uri').notNull(),
    keyFingerprint: text('key_fingerprint').notNull(),
    ownerToken: text('owner_token'),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('files_expires_at_idx').on(t.expiresAt)],
);
