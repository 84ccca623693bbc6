import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql';
import { migrate as migrateLibsql } from 'drizzle-orm/libsql/migrator';
import { drizzle as drizzleMysql } from 'drizzle-orm/mysql2';
import { migrate as migrateMysql } from 'drizzle-orm/mysql2/migrator';
import mysql from 'mysql2/promise';
import { withNamedLock } from './mysql/lock';
import { createMysqlRepository } from './mysql/repository';
import type { Repository } from './repository';
import { schema } from './schema';
import { createSqliteRepository, prepareSqlite } from './sqlite/repository';

export interface DatabaseConfig {
  readonly DATABASE_TYPE: 'sqlite' | 'mysql';
  readonly SQLITE_DATABASE: string;
  readonly MYSQL_HOST: string;
  readonly MYSQL_PORT: number;
  readonly MYSQL_USER: string;
  readonly MYSQL_PASSWORD: string;
  readonly MYSQL_DATABASE: string;
  readonly MYSQL_SOCKET: string;
  readonly DB_CONNECT_RETRIES: number;
}

/** A start-up failure whose message is the one line shown to the user. */
export class DatabaseStartError extends Error {
  override readonly name = 'DatabaseStartError';
}

export interface ConnectOptions {
  readonly onRetry?: (message: string) => void;
  /** Delay before retry n (0-based); 1 s, 2 s, 4 s … capped at 10 s. */
  readonly retryDelayMs?: (attempt: number) => number;
}

const MIGRATIONS = join(import.meta.dir, 'migrations');

/**
 * After migrating, every table must have every column this server reads: a table of the same
 * name left by another program (the database is shared) would otherwise fail later, per query.
 */
async function verifyTables(query: (sql: string) => Promise<unknown>, quote: string): Promise<void> {
  for (const table of Object.values(schema)) {
    const columns = Object.values(table.columns).map((c) => `${quote}${c.sqlName}${quote}`).join(', ');
    try {
      await query(`SELECT ${columns} FROM ${quote}${table.sqlName}${quote} LIMIT 0`);
    } catch (error) {
      const because = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      throw new DatabaseStartError(
        `Table ${table.sqlName} exists but is not this server's (${because}). Use an empty database, or one only this server uses.`,
      );
    }
  }
}

/** A bare name is a file under ./data/ (gemini-balance's SQLITE_DATABASE); a path is used as given. */
export function sqlitePath(setting: string, cwd: string = process.cwd()): string {
  if (isAbsolute(setting)) return setting;
  return setting.includes('/') || setting.includes('\\') ? resolve(cwd, setting) : resolve(cwd, 'data', setting);
}

/** Opens the configured database, applies pending migrations and returns the repository. */
export async function connectDatabase(config: DatabaseConfig, options: ConnectOptions = {}): Promise<Repository> {
  return config.DATABASE_TYPE === 'mysql' ? connectMysql(config, options) : connectSqlite(sqlitePath(config.SQLITE_DATABASE));
}

function sqliteProblem(path: string, error: unknown): string {
  const text = error instanceof Error ? `${error.message} ${'code' in error ? String(error.code) : ''}` : String(error);
  const because = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  if (/NOTADB|not a database|file is encrypted/i.test(text)) {
    return `SQLite database ${path} is not a valid database file (${because}). It may be corrupt or another kind of file: move it away or set SQLITE_DATABASE to another path.`;
  }
  if (/READONLY|EROFS|EACCES|EPERM|read-only|readonly|permission/i.test(text)) {
    return `SQLite database ${path} cannot be written (${because}). Give this process write access to the file and its folder, or set SQLITE_DATABASE to a writable path.`;
  }
  return `SQLite database ${path} cannot be opened (${because}). Check the path and its folder, or set SQLITE_DATABASE to another path.`;
}

async function connectSqlite(path: string): Promise<Repository> {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    const because = error instanceof Error ? error.message : String(error);
    throw new DatabaseStartError(`Cannot create the folder for the SQLite database ${path} (${because}). Set SQLITE_DATABASE to a writable path.`);
  }
  let client: ReturnType<typeof createClient> | undefined;
  try {
    client = createClient({ url: `file:${path}`, timeout: 5000 });
    await prepareSqlite(client);
    await migrateLibsql(drizzleLibsql(client), { migrationsFolder: join(MIGRATIONS, 'sqlite') });
    const opened = client;
    await verifyTables((sql) => opened.execute(sql), '"');
    return createSqliteRepository(client);
  } catch (error) {
    client?.close();
    throw error instanceof DatabaseStartError ? error : new DatabaseStartError(sqliteProblem(path, error));
  }
}

function mysqlTarget(c: DatabaseConfig): string {
  const where = c.MYSQL_SOCKET ? `socket ${c.MYSQL_SOCKET}` : `${c.MYSQL_HOST}:${c.MYSQL_PORT}`;
  return `MySQL at ${where} (user ${c.MYSQL_USER || '(empty)'}, database ${c.MYSQL_DATABASE || '(empty)'})`;
}

function missingMysqlSettings(c: DatabaseConfig): string[] {
  const missing: string[] = [];
  if (!c.MYSQL_SOCKET && !c.MYSQL_HOST) missing.push('MYSQL_HOST');
  if (!c.MYSQL_USER) missing.push('MYSQL_USER');
  if (!c.MYSQL_DATABASE) missing.push('MYSQL_DATABASE');
  return missing;
}

/** The first line of the deepest cause: drizzle wraps the driver's error in "Failed query: <all the SQL>". */
function mysqlCause(error: unknown): string {
  let e: unknown = error;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  const code = e instanceof Error && 'code' in e ? String(e.code) : '';
  const message = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

/** Only a server that is not (yet) reachable is worth waiting for; a wrong password is not. */
const RETRYABLE = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'PROTOCOL_CONNECTION_LOST', 'ER_CON_COUNT_ERROR', 'ER_SERVER_SHUTDOWN']);

async function waitForMysql(pool: mysql.Pool, config: DatabaseConfig, options: ConnectOptions): Promise<void> {
  const delay = options.retryDelayMs ?? ((n: number) => Math.min(1000 * 2 ** n, 10_000));
  const attempts = config.DB_CONNECT_RETRIES + 1;
  for (let attempt = 0; ; attempt++) {
    try {
      await pool.query('SELECT 1');
      return;
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : '';
      if (attempt + 1 >= attempts || !RETRYABLE.has(code)) {
        const tries = attempt + 1 === 1 ? '1 attempt' : `${attempt + 1} attempts`;
        throw new DatabaseStartError(`Cannot use ${mysqlTarget(config)} after ${tries}: ${mysqlCause(error)}`);
      }
      options.onRetry?.(`${mysqlTarget(config)} is not answering (${mysqlCause(error)}); retrying in ${delay(attempt)} ms`);
      await Bun.sleep(delay(attempt));
    }
  }
}

async function connectMysql(config: DatabaseConfig, options: ConnectOptions): Promise<Repository> {
  const missing = missingMysqlSettings(config);
  if (missing.length > 0) {
    throw new DatabaseStartError(`DATABASE_TYPE=mysql needs ${missing.join(', ')} (or unset DATABASE_TYPE to use SQLite).`);
  }
  const pool = mysql.createPool({
    ...(config.MYSQL_SOCKET ? { socketPath: config.MYSQL_SOCKET } : { host: config.MYSQL_HOST, port: config.MYSQL_PORT }),
    user: config.MYSQL_USER,
    password: config.MYSQL_PASSWORD,
    database: config.MYSQL_DATABASE,
    timezone: 'Z',
    charset: 'utf8mb4',
    connectionLimit: 10,
    connectTimeout: 5000,
    enableKeepAlive: true,
    // affectedRows must count inserted rows only: `ON DUPLICATE KEY UPDATE id = id` on an
    // existing key reports 0 without FOUND_ROWS, 1 with it (mysql2 sets it by default).
    flags: ['-FOUND_ROWS'],
  });
  try {
    await waitForMysql(pool, config, options);
    await withNamedLock(pool, 'gemini_balance_migrations', () =>
      migrateMysql(drizzleMysql(pool), { migrationsFolder: join(MIGRATIONS, 'mysql') }),
    ).catch((error: unknown) => {
      throw new DatabaseStartError(`Cannot migrate the tables of ${mysqlTarget(config)}: ${mysqlCause(error)}`);
    });
    await verifyTables((sql) => pool.query(sql), '`');
    return createMysqlRepository(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
}
