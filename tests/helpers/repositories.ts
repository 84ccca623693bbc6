import { join } from 'node:path';
import { connectDatabase } from '../../db/connect';
import type { DatabaseConfig } from '../../db/database-config';
import type { Repository } from '../../db/repository';
import { freshMysqlDatabase, mysqlServer } from './mysql';
import { tempDir } from './temp-dir';

export interface OpenedDatabase {
  readonly config: DatabaseConfig;
  readonly repo: Repository;
  /** Opens a second repository on the same database (runs migrations again). */
  reopen(): Promise<Repository>;
  /** Raw SQL on the same database, for assertions the repository does not expose. */
  query(sql: string): Promise<unknown[]>;
  dispose(): Promise<void>;
}

const base = {
  SQLITE_DATABASE: '',
  MYSQL_HOST: '',
  MYSQL_PORT: 3306,
  MYSQL_USER: '',
  MYSQL_PASSWORD: '',
  MYSQL_DATABASE: '',
  MYSQL_SOCKET: '',
  DB_CONNECT_RETRIES: 0,
} as const;

export const sqliteConfig = (path: string): DatabaseConfig => ({ ...base, DATABASE_TYPE: 'sqlite', SQLITE_DATABASE: path });

/** The test MariaDB server, database `name`. */
export const mysqlConfig = (name: string): DatabaseConfig => ({
  ...base,
  DATABASE_TYPE: 'mysql',
  MYSQL_HOST: mysqlServer.host,
  MYSQL_PORT: mysqlServer.port,
  MYSQL_USER: mysqlServer.user,
  MYSQL_PASSWORD: mysqlServer.password,
  MYSQL_DATABASE: name,
});

/** The same database reached through a TCP forwarder on 127.0.0.1 (helpers/tcp-forwarder.ts), to cut or freeze. */
export const mysqlConfigVia = (name: string, port: number): DatabaseConfig => ({ ...mysqlConfig(name), MYSQL_HOST: '127.0.0.1', MYSQL_PORT: port });

export async function openSqlite(): Promise<OpenedDatabase> {
  const dir = tempDir();
  const config = sqliteConfig(join(dir.path, 'test.db'));
  const repo = await connectDatabase(config);
  const { createClient } = await import('@libsql/client');
  const raw = createClient({ url: `file:${config.SQLITE_DATABASE}` });
  return {
    config,
    repo,
    reopen: () => connectDatabase(config),
    query: async (sql) => (await raw.execute(sql)).rows as unknown[],
    async dispose() {
      raw.close();
      await repo.close();
      dir.remove();
    },
  };
}

export async function openMysql(): Promise<OpenedDatabase> {
  const db = await freshMysqlDatabase();
  const config = mysqlConfig(db.name);
  const repo = await connectDatabase(config);
  return {
    config,
    repo,
    reopen: () => connectDatabase(config),
    query: async (sql) => (await db.query(sql)) as unknown[],
    async dispose() {
      await repo.close();
      await db.drop();
    },
  };
}
