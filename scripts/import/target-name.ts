import { resolve } from 'node:path';
import { sqlitePath } from '../../db/connect';
import type { Bootstrap } from '../../server/settings/schema';

/** The configured database, as the report names it. */
export const targetName = (boot: Bootstrap) =>
  boot.DATABASE_TYPE === 'sqlite'
    ? `sqlite database ${sqlitePath(boot.SQLITE_DATABASE)}`
    : `mysql database ${boot.MYSQL_DATABASE} on ${boot.MYSQL_SOCKET || `${boot.MYSQL_HOST}:${boot.MYSQL_PORT}`}`;

const LOCAL = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
const sameHost = (a: string, b: string) => a === b || (LOCAL.has(a) && LOCAL.has(b));

/**
 * Whether the source is the very database this server is configured for (an old .env still says
 * SQLITE_DATABASE=default_db): importing would write this server's tables into gemini-balance's.
 */
export function sameDatabase(source: string, boot: Bootstrap): boolean {
  if (!/^mysql:\/\//i.test(source)) return boot.DATABASE_TYPE === 'sqlite' && resolve(source) === sqlitePath(boot.SQLITE_DATABASE);
  if (boot.DATABASE_TYPE !== 'mysql') return false;
  try {
    const url = new URL(source);
    const database = decodeURIComponent(url.pathname.replace(/^\/+/, ''));
    return database === boot.MYSQL_DATABASE && sameHost(url.hostname || '127.0.0.1', boot.MYSQL_HOST) && Number(url.port || 3306) === boot.MYSQL_PORT;
  } catch {
    return false;
  }
}
