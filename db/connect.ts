import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql';
import { migrate as migrateLibsql } from 'drizzle-orm/libsql/migrator';
import { drizzle as drizzleMysql } from 'drizzle-orm/mysql2';
import { migrate as migrateMysql } from 'drizzle-orm/mysql2/migrator';
import mysql from 'mysql2/promise';
import { createMysqlRepository } from './mysql/repository';
import type { Repository } from './repository';
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
    return createSqliteRepository(client);
  } catch (error) {
    client?.close();
    throw new DatabaseStartError(sqliteProblem(path, error));
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

const mysqlCause = (error: unknown) =>
  error instanceof Error ? [('code' in error && error.code) || '', error.message].filter(Boolean).join(': ') : String(error);

const PERMANENT = new Set(['ER_ACCESS_DENIED_ERROR', 'ER_BAD_DB_ERROR', 'ER_DBACCESS_DENIED_ERROR', 'ENOTFOUND']);

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
  });
  const delay = options.retryDelayMs ?? ((n: number) => Math.min(1000 * 2 ** n, 10_000));
  const attempts = config.DB_CONNECT_RETRIES + 1;
  for (let attempt = 0; ; attempt++) {
    try {
      await migrateWithLock(pool);
      return createMysqlRepository(pool);
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : '';
      const last = attempt + 1 >= attempts || PERMANENT.has(code);
      if (last) {
        await pool.end().catch(() => undefined);
        const tries = attempt + 1 === 1 ? '1 attempt' : `${attempt + 1} attempts`;
        throw new DatabaseStartError(`Cannot use ${mysqlTarget(config)} after ${tries}: ${mysqlCause(error)}`);
      }
      options.onRetry?.(`${mysqlTarget(config)} is not answering (${mysqlCause(error)}); retrying in ${delay(attempt)} ms`);
      await Bun.sleep(delay(attempt));
    }
  }
}

/** Several instances may start at once on one MySQL: a named lock lets one migrate at a time. */
async function migrateWithLock(pool: mysql.Pool): Promise<void> {
  const connection = await pool.getConnection();
  try {
    await connection.query("SELECT GET_LOCK('gemini_balance_migrations', 60)");
    try {
      await migrateMysql(drizzleMysql(connection), { migrationsFolder: join(MIGRATIONS, 'mysql') });
    } finally {
      await connection.query("SELECT RELEASE_LOCK('gemini_balance_migrations')");
    }
  } finally {
    connection.release();
  }
}
