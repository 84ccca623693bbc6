import type { Client } from '@libsql/client';
import { count, desc, eq, inArray } from 'drizzle-orm';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import type { BatchItem } from 'drizzle-orm/batch';
import type { ApiKeyState, NewAccessToken, NewApiKey, Repository } from '../repository';
import { chunks } from '../repository';
import { fileStore } from '../files/file-store';
import { saveKeyChanges } from '../keys/key-changes';
import { saveLastUsed } from '../keys/last-used';
import { keysStamp, settingsStamp } from '../keys/sync-stamps';
import { logQueries } from '../logs/log-store';
import { insertErrorLogs, insertRequestLogs } from '../logs/log-writes';
import { keyRows, tokenRows } from '../new-rows';
import { sqliteRunner } from './sql-runner';
import * as t from './tables';

type Db = LibSQLDatabase<Record<string, never>>;

/** Runs statements in one implicit transaction (libsql's batch) and sums the rows they changed. */
async function batchAffected(db: Db, statements: BatchItem<'sqlite'>[]): Promise<number> {
  if (statements.length === 0) return 0;
  const [first, ...rest] = statements;
  if (!first) return 0;
  const results = await db.batch([first, ...rest]);
  let affected = 0;
  for (const r of results) if (r && typeof r === 'object' && 'rowsAffected' in r) affected += Number(r.rowsAffected);
  return affected;
}

export function createSqliteRepository(client: Client): Repository {
  const db: Db = drizzle(client);
  const run = sqliteRunner(client);
  return {
    dialect: 'sqlite',
    exclusive: (_name, work) => work(),
    async ping() {
      await client.execute('SELECT 1');
    },
    async close() {
      // Fold the WAL back into the main file, so copying the .db file alone is a complete backup.
      await client.execute('PRAGMA wal_checkpoint(TRUNCATE)').catch(() => undefined);
      client.close();
    },

    readSettings: () => db.select().from(t.settings),
    async writeSettings(rows, now) {
      await batchAffected(
        db,
        rows.map((r) =>
          db
            .insert(t.settings)
            .values({ key: r.key, value: r.value, updatedAt: now })
            .onConflictDoUpdate({ target: t.settings.key, set: { value: r.value, updatedAt: now } }),
        ),
      );
    },
    async deleteSettings(keys) {
      await batchAffected(db, chunks(keys).map((c) => db.delete(t.settings).where(inArray(t.settings.key, c))));
    },

    insertKeys: (keys: readonly NewApiKey[], now) =>
      batchAffected(db, chunks(keyRows(keys, now)).map((c) => db.insert(t.apiKeys).values(c).onConflictDoNothing())),
    listKeys: () => db.select().from(t.apiKeys).orderBy(t.apiKeys.id),
    async countKeys() {
      const [row] = await db.select({ n: count() }).from(t.apiKeys);
      return row?.n ?? 0;
    },
    deleteKeys: (keys) =>
      batchAffected(db, chunks(keys).map((c) => db.delete(t.apiKeys).where(inArray(t.apiKeys.key, c)))),
    async saveKeyStates(states: readonly ApiKeyState[]) {
      // Plain statements: this runs every second under load, and building one drizzle query per
      // key cost more than SQLite itself (measured with bun run bench).
      if (states.length === 0) return;
      await client.batch(
        states.map((s) => ({
          sql: 'UPDATE api_keys SET status = ?, failures = ?, cooldown_until = ?, disabled_reason = ?, last_used_at = ?, model_cooldowns = ? WHERE key = ?',
          args: [s.status, s.failures, s.cooldownUntil, s.disabledReason, s.lastUsedAt, s.modelCooldowns, s.key],
        })),
        'write',
      );
    },
    listKeysOfKinds: (kinds) =>
      kinds.length === 0 ? Promise.resolve([]) : db.select().from(t.apiKeys).where(inArray(t.apiKeys.kind, [...kinds])).orderBy(t.apiKeys.id),

    insertTokens: (tokens: readonly NewAccessToken[], now) =>
      batchAffected(
        db,
        chunks(tokenRows(tokens, now)).map((c) => db.insert(t.accessTokens).values(c).onConflictDoNothing()),
      ),
    listTokens: () => db.select().from(t.accessTokens).orderBy(t.accessTokens.id),
    async updateToken(id, changes) {
      // drizzle refuses an UPDATE with nothing to set; an empty change still answers with the row.
      if (Object.values(changes).some((value) => value !== undefined)) {
        await db.update(t.accessTokens).set(changes).where(eq(t.accessTokens.id, id));
      }
      const [row] = await db.select().from(t.accessTokens).where(eq(t.accessTokens.id, id));
      return row ?? null;
    },
    deleteTokens: (ids) =>
      batchAffected(db, chunks(ids).map((c) => db.delete(t.accessTokens).where(inArray(t.accessTokens.id, c)))),

    // With their share of request_stats, in one transaction (db/logs/log-writes.ts).
    insertRequestLogs: (rows) => insertRequestLogs(run, rows),
    insertErrorLogs: (rows) => insertErrorLogs(run, rows),
    listRequestLogs: (limit) =>
      db.select().from(t.requestLogs).orderBy(desc(t.requestLogs.at), desc(t.requestLogs.id)).limit(limit),
    listErrorLogs: (limit) =>
      db.select().from(t.errorLogs).orderBy(desc(t.errorLogs.at), desc(t.errorLogs.id)).limit(limit),
    // pageRequestLogs … usageBy, in the interface's order: one SQL text for both dialects.
    ...logQueries(run),
    ...fileStore(run),
    saveLastUsed: (entries) => saveLastUsed(run, entries),
    saveKeyChanges: (changes) => saveKeyChanges(run, changes),
    settingsStamp: () => settingsStamp(run),
    keysStamp: () => keysStamp(run),
  };
}

/**
 * WAL lets the dashboard read while the proxy writes logs (the mode is stored in the file). The
 * write probe matters: SQLite silently opens a read-only file read-only, and once set up nothing
 * at start writes, so without it the server would start and then lose every log and key state.
 */
export async function prepareSqlite(client: Client): Promise<void> {
  await client.execute('PRAGMA journal_mode = WAL');
  // In WAL mode NORMAL loses nothing when the process crashes, only the last commits on power
  // loss; FULL would fsync on every log batch, and libsql runs that on the event loop.
  await client.execute('PRAGMA synchronous = NORMAL');
  await client.batch(['CREATE TABLE IF NOT EXISTS _write_probe (x INTEGER)', 'DROP TABLE _write_probe'], 'write');
}
