import { join } from 'node:path';
import { drizzle as drizzleMysql } from 'drizzle-orm/mysql2';
import { migrate as migrateMysql } from 'drizzle-orm/mysql2/migrator';
import mysql from 'mysql2/promise';
import type { ConnectOptions, DatabaseConfig } from '../database-config';
import type { Repository } from '../repository';
import { DatabaseStartError } from '../start-error';
import { verifyTables } from '../verify-tables';
import { withNamedLock } from './lock';
import { createMysqlRepository } from './repository';

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

export async function connectMysql(config: DatabaseConfig, options: ConnectOptions): Promise<Repository> {
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
      migrateMysql(drizzleMysql(pool), { migrationsFolder: join(import.meta.dir, '..', 'migrations', 'mysql') }),
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
