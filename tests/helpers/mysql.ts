import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

/** Where the MySQL/MariaDB tests connect; TEST_MYSQL_* override the machine's defaults. */
export const mysqlServer = {
  host: process.env.TEST_MYSQL_HOST ?? '127.0.0.1',
  port: Number(process.env.TEST_MYSQL_PORT ?? 3306),
  user: process.env.TEST_MYSQL_USER ?? 'root',
  password: process.env.TEST_MYSQL_PASSWORD ?? '',
};

async function probe(): Promise<string | undefined> {
  try {
    const connection = await mysql.createConnection({ ...mysqlServer, connectTimeout: 3000 });
    await connection.end();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const problem = await probe();

/**
 * Whether the MySQL suites run. Under CI they always run (a missing server fails them); locally
 * they are skipped with a loud message when no server answers.
 */
export const mysqlAvailable: boolean = (() => {
  if (problem === undefined || process.env.CI) return true;
  console.warn(
    `\n!!! MySQL tests SKIPPED: no server at ${mysqlServer.host}:${mysqlServer.port} (${problem}).\n` +
      '!!! Start MariaDB (see README) or set TEST_MYSQL_HOST/PORT/USER/PASSWORD. CI never skips them.\n',
  );
  return false;
})();

/** A new empty database for one test file; drop() removes it. */
export async function freshMysqlDatabase() {
  const name = `gb_test_${randomBytes(4).toString('hex')}`;
  const admin = await mysql.createConnection({ ...mysqlServer, connectTimeout: 3000 });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  await admin.query(`USE \`${name}\``);
  return {
    name,
    env: {
      DATABASE_TYPE: 'mysql',
      MYSQL_HOST: mysqlServer.host,
      MYSQL_PORT: String(mysqlServer.port),
      MYSQL_USER: mysqlServer.user,
      MYSQL_PASSWORD: mysqlServer.password,
      MYSQL_DATABASE: name,
    },
    query: async (sql: string, params: unknown[] = []): Promise<unknown> => {
      const [rows] = await admin.query({ sql, values: params });
      return rows;
    },
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}
