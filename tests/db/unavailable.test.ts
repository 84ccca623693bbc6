import { describe, expect, test } from 'bun:test';
import { createClient } from '@libsql/client';
import { databaseUnavailable } from '../../db/unavailable';
import { tempDirsRemovedAfterAll } from '../helpers/temp-dir';

const dirs = tempDirsRemovedAfterAll();
const withCode = (message: string, code: string, cause?: unknown) => Object.assign(new Error(message, { cause }), { code });

describe('databaseUnavailable', () => {
  test('a refused MySQL connection, found under the wrappers (tRPC, drizzle) around it', () => {
    const wrapped = new Error('Failed query: UPDATE settings …', { cause: withCode('connect ECONNREFUSED 127.0.0.1:3306', 'ECONNREFUSED') });
    expect(databaseUnavailable(new Error('outer', { cause: wrapped }))).toBe('connection refused, ECONNREFUSED');
  });

  test('a server gone read-only, a failing disk, and fatal or closed-pool errors of mysql2 without a code', () => {
    expect(databaseUnavailable(withCode('The MariaDB server is running with the --read-only option', 'ER_OPTION_PREVENTS_STATEMENT'))).toBe('the server is read-only, ER_OPTION_PREVENTS_STATEMENT');
    expect(databaseUnavailable(withCode('disk I/O error', 'SQLITE_IOERR_WRITE'))).toBe('a disk read or write failed, SQLITE_IOERR_WRITE');
    expect(databaseUnavailable(Object.assign(new Error("Can't add new command when connection is in closed state"), { fatal: true }))).toBe('connection lost');
    expect(databaseUnavailable(new Error('Pool is closed.'))).toBe('connection pool closed');
  });

  test('a mistake in the change itself is not the database being away', () => {
    expect(databaseUnavailable(withCode("Duplicate entry 'x' for key 'PRIMARY'", 'ER_DUP_ENTRY'))).toBeUndefined();
    expect(databaseUnavailable(new Error('no code at all'))).toBeUndefined();
    expect(databaseUnavailable('a string')).toBeUndefined();
  });

  test('a SQLite file locked by another process, as libsql reports it', async () => {
    const path = `${dirs.fresh()}/locked.db`;
    const holder = createClient({ url: `file:${path}` });
    const other = createClient({ url: `file:${path}`, timeout: 50 });
    try {
      await holder.execute('CREATE TABLE t (x INTEGER)');
      const tx = await holder.transaction('write');
      await tx.execute('INSERT INTO t VALUES (1)');
      const error = await other.execute('INSERT INTO t VALUES (2)').then(() => undefined, (e: unknown) => e);
      await tx.rollback();
      expect(databaseUnavailable(error)).toMatch(/^the file is locked by another process, SQLITE_BUSY/);
    } finally {
      holder.close();
      other.close();
    }
  });
});
