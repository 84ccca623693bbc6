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
