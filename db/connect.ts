import { isAbsolute, resolve } from 'node:path';
import type { ConnectOptions, DatabaseConfig } from './database-config';
import type { Repository } from './repository';

/** A bare name is a file under ./data/ (gemini-balance's SQLITE_DATABASE); a path is used as given. */
export function sqlitePath(setting: string, cwd: string = process.cwd()): string {
  if (isAbsolute(setting)) return setting;
  return setting.includes('/') || setting.includes('\\') ? resolve(cwd, setting) : resolve(cwd, 'data', setting);
}

/**
 * Opens the configured database, applies pending migrations and returns the repository. Only the
 * configured dialect's driver is loaded: mysql2 and drizzle's MySQL layer alone hold about 25 MB of
 * RSS that a SQLite deployment would carry for nothing.
 */
export async function connectDatabase(config: DatabaseConfig, options: ConnectOptions = {}): Promise<Repository> {
  if (config.DATABASE_TYPE === 'mysql') return (await import('./mysql/connect')).connectMysql(config, options);
  return (await import('./sqlite/connect')).connectSqlite(sqlitePath(config.SQLITE_DATABASE));
}
