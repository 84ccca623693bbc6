import { count, desc, eq, inArray, sql } from 'drizzle-orm';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import type { Pool, ResultSetHeader } from 'mysql2/promise';
import type { ApiKeyState, NewAccessToken, NewApiKey, Repository } from '../repository';
import { chunks } from '../repository';
import { fileStore } from '../files/file-store';
import { saveKeyChanges } from '../keys/key-changes';
import { saveLastUsed } from '../keys/last-used';
import { keysStamp, settingsStamp } from '../keys/sync-stamps';
import { logQueries } from '../logs/log-store';
import { insertErrorLogs, insertRequestLogs } from '../logs/log-writes';
import { keyRows, tokenRows } from '../new-rows';
import { withNamedLock } from './lock';
import { mysqlRunner } from './sql-runner';
import { withConnection } from './timed-connection';
import * as t from './tables';

const PING_TIMEOUT_MS = 3_000;

type Db = MySql2Database<Record<string, never>>;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const affected = ([header]: [ResultSetHeader, unknown]) => header.affectedRows;

// Not INSERT IGNORE: it also turns "Data too long" into a warning and stores a cut value.
// `ON DUPLICATE KEY UPDATE id = id` skips existing rows and counts 0 for them.

/** Runs `work` for each chunk inside one transaction and sums the rows it changed. */
async function inTransaction<T>(db: Db, items: readonly T[], work: (tx: Tx, chunk: T[]) => Promise<number>) {
  if (items.length === 0) return 0;
  return db.transaction(async (tx) => {
    let total = 0;
    for (const c of chunks(items)) total += await work(tx, c);
    return total;
  });
}

export function createMysqlRepository(pool: Pool): Repository {
  const db: Db = drizzle(pool, { mode: 'default' });
  const run = mysqlRunner(pool);
  return {
    dialect: 'mysql',
    exclusive: (name, work) => withNamedLock(pool, name, work),
    // /health asks every few seconds; on a stuck server an untimed ping would hold a connection each time.
    ping: () => withConnection(pool, PING_TIMEOUT_MS, async (connection, limit) => void (await connection.query({ sql: 'SELECT 1', ...limit }))),
    async close() {
      await pool.end();
    },

    readSettings: () => db.select().from(t.settings),
    async writeSettings(rows, now) {
      // One statement per row, each value sent once (values(`value`), not repeated): several
      // multi-megabyte settings must not add up past max_allowed_packet (16 MB on MariaDB).
      if (rows.length === 0) return;
      await db.transaction(async (tx) => {
        for (const r of rows) {
          await tx
            .insert(t.settings)
            .values({ key: r.key, value: r.value, updatedAt: now })
            .onDuplicateKeyUpdate({ set: { value: sql`values(${t.settings.value})`, updatedAt: now } });
        }
      });
    },
    async deleteSettings(keys) {
      await inTransaction(db, keys, async (tx, c) =>
        affected(await tx.delete(t.settings).where(inArray(t.settings.key, c))),
      );
    },

    insertKeys: (keys: readonly NewApiKey[], now) =>
      inTransaction(db, keyRows(keys, now), async (tx, c) =>
        affected(await tx.insert(t.apiKeys).values(c).onDuplicateKeyUpdate({ set: { id: sql`id` } })),
      ),
    listKeys: () => db.select().from(t.apiKeys).orderBy(t.apiKeys.id),
    async countKeys() {
      const [row] = await db.select({ n: count() }).from(t.apiKeys);
      return row?.n ?? 0;
    },
    deleteKeys: (keys) =>
      inTransaction(db, keys, async (tx, c) => affected(await tx.delete(t.apiKeys).where(inArray(t.apiKeys.key, c)))),
    async saveKeyStates(states: readonly ApiKeyState[]) {
      await inTransaction(db, states, async (tx, c) => {
        for (const { key, ...state } of c) await tx.update(t.apiKeys).set(state).where(eq(t.apiKeys.key, key));
        return c.length;
      });
    },
    listKeysOfKinds: (kinds) =>
      kinds.length === 0 ? Promise.resolve([]) : db.select().from(t.apiKeys).where(inArray(t.apiKeys.kind, [...kinds])).orderBy(t.apiKeys.id),

    insertTokens: (tokens: readonly NewAccessToken[], now) =>
      inTransaction(db, tokenRows(tokens, now), async (tx, c) =>
        affected(await tx.insert(t.accessTokens).values(c).onDuplicateKeyUpdate({ set: { id: sql`id` } })),
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
      inTransaction(db, ids, async (tx, c) =>
        affected(await tx.delete(t.accessTokens).where(inArray(t.accessTokens.id, c))),
      ),

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
