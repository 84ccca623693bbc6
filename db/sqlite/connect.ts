import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql';
import { migrate as migrateLibsql } from 'drizzle-orm/libsql/migrator';
import type { Repository } from '../repository';
import { DatabaseStartError } from '../start-error';
import { verifyTables } from '../verify-tables';
import { createSqliteRepository, prepareSqlite } from './repository';

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

export async function connectSqlite(path: string): Promise<Repository> {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    const because = error instanceof Error ? error.message : String(error);
    throw new DatabaseStartError(`Cannot create the folder for the SQLite database ${path} (${because}). Set SQLITE_DATABASE to a writable path.`);
  }
  let client: ReturnType<typeof createClient> | undefined;
  try {
    // One connection: every call below is synchronous on it anyway, and the per-connection pragmas
    // of prepareSqlite then hold for all of them (a pool would open fresh connections without them).
    client = createClient({ url: `file:${path}`, timeout: 5000, concurrency: 1 });
    await prepareSqlite(client);
    await migrateLibsql(drizzleLibsql(client), { migrationsFolder: join(import.meta.dir, '..', 'migrations', 'sqlite') });
    const opened = client;
    await verifyTables((sql) => opened.execute(sql), '"');
    return createSqliteRepository(client);
  } catch (error) {
    client?.close();
    throw error instanceof DatabaseStartError ? error : new DatabaseStartError(sqliteProblem(path, error));
  }
}
