/**
 * Reads gemini-balance's `t_settings` rows from its SQLite file or its MySQL database, read only.
 * A MySQL source is a URL: mysql://user:password@host:3306/database (or ?socket=/path/to.sock).
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import * as v from 'valibot';
import { type SourceRow, SourceRowSchema } from './plan-import';

export interface SourceRows {
  readonly rows: SourceRow[];
  /** How the report names the source, without its password. */
  readonly where: string;
}

export class SourceError extends Error {}

const NOT_GEMINI_BALANCE = 'has no t_settings table: is it the database of gemini-balance (the file under its data/ folder, e.g. data/default_db)?';

/** TEXT arrives as a string; a BLOB column or a number typed into SQLite by hand is made text. */
function toRows(raw: readonly Record<string, unknown>[]): SourceRow[] {
  return raw.map((row) => {
    const text = (value: unknown) => (value === null || value === undefined ? null : Buffer.isBuffer(value) ? value.toString('utf8') : String(value));
    return v.parse(SourceRowSchema, { key: text(row.key) ?? '', value: text(row.value) });
  });
}

async function readSqlite(path: string): Promise<SourceRows> {
  const file = resolve(path);
  // Opening a missing file would create an empty database.
  if (!existsSync(file) || !statSync(file).isFile()) throw new SourceError(`${file} is not a file: give the path of gemini-balance's SQLite database (e.g. data/default_db).`);
  const { createClient } = await import('@libsql/client');
  const client = createClient({ url: `file:${file}` });
  try {
    const result = await client.execute('SELECT "key" AS "key", "value" AS "value" FROM t_settings ORDER BY id');
    return { rows: toRows(result.rows), where: `sqlite database ${file}` };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/no such table/i.test(text)) throw new SourceError(`${file} ${NOT_GEMINI_BALANCE}`);
    throw new SourceError(`Cannot read ${file} as a SQLite database (${text.split('\n')[0]}).`);
  } finally {
    client.close();
  }
}

function mysqlOptions(url: URL) {
  const database = decodeURIComponent(url.pathname.replace(/^\/+/, ''));
  if (database === '') throw new SourceError('The MySQL URL names no database: mysql://user:password@host:3306/database');
  const socketPath = url.searchParams.get('socket') ?? undefined;
  return {
    host: url.hostname || '127.0.0.1',
    port: url.port === '' ? 3306 : Number(url.port),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database,
    socketPath,
    connectTimeout: 10_000,
  };
}

async function readMysql(url: URL): Promise<SourceRows> {
  let options: ReturnType<typeof mysqlOptions>;
  try {
    options = mysqlOptions(url);
  } catch (error) {
    // decodeURIComponent on a user or password with a stray % (the URL itself must never be printed).
    if (error instanceof SourceError) throw error;
    throw new SourceError('The MySQL URL has a malformed %-escape in its user, password or database: write % as %25.');
  }
  const where = `mysql database ${options.database} on ${options.socketPath ?? `${options.host}:${options.port}`}`;
  const mysql = await import('mysql2/promise');
  let connection: Awaited<ReturnType<typeof mysql.createConnection>> | undefined;
  try {
    connection = await mysql.createConnection(options);
    const [rows] = await connection.query('SELECT `key`, `value` FROM t_settings ORDER BY id');
    return { rows: toRows(rows as Record<string, unknown>[]), where };
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (code === 'ER_NO_SUCH_TABLE') throw new SourceError(`The ${where} ${NOT_GEMINI_BALANCE}`);
    const text = error instanceof Error ? error.message : String(error);
    throw new SourceError(`Cannot read the ${where} (${text.split('\n')[0]}).`);
  } finally {
    await connection?.end();
  }
}

export async function readSource(source: string): Promise<SourceRows> {
  if (/^mysql:\/\//i.test(source)) {
    let url: URL;
    try {
      url = new URL(source);
    } catch {
      throw new SourceError('The MySQL source is not a URL: mysql://user:password@host:3306/database');
    }
    return readMysql(url);
  }
  return readSqlite(source);
}
