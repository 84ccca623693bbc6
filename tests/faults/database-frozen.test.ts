import { describe, expect, test } from 'bun:test';
import mysql from 'mysql2/promise';
import { mysqlRunner } from '../../db/mysql/sql-runner';
import { withConnection } from '../../db/mysql/timed-connection';
import { databaseUnavailable } from '../../db/unavailable';
import { freshMysqlDatabase, mysqlAvailable, mysqlServer } from '../helpers/mysql';
import { startForwarder } from '../helpers/tcp-forwarder';

// A MySQL that keeps its connections open and answers nothing (a partition, a failover behind the
// same name): the writes behind the proxy (logs, key states) give up after their time limit
// instead of waiting hours for the OS, roll back, and succeed on a fresh connection later.
describe.if(mysqlAvailable)('writes to a MariaDB that stops answering', () => {
  test('a write past its time limit fails within it (the database counts as away), and the next one works on a fresh connection', async () => {
    const db = await freshMysqlDatabase();
    await db.query('CREATE TABLE t (x INT)');
    const forwarder = await startForwarder(mysqlServer.host, mysqlServer.port);
    const pool = mysql.createPool({ host: '127.0.0.1', port: forwarder.port, user: mysqlServer.user, password: mysqlServer.password, database: db.name, connectionLimit: 2 });
    const run = mysqlRunner(pool);
    try {
      expect(await run.write([{ sql: 'INSERT INTO t VALUES (1)', args: [] }], { timeoutMs: 500 })).toEqual([1]);
      forwarder.freeze();
      const started = performance.now();
      const failed = await run.write([{ sql: 'INSERT INTO t VALUES (2)', args: [] }], { timeoutMs: 500 }).then(() => undefined, (e: unknown) => e);
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(databaseUnavailable(failed)).toBe('no answer in time, PROTOCOL_SEQUENCE_TIMEOUT');
      forwarder.thaw();
      expect(await run.write([{ sql: 'INSERT INTO t VALUES (3)', args: [] }], { timeoutMs: 2_000 })).toEqual([1]);
      const rows = (await db.query('SELECT x FROM t ORDER BY x')) as { x: number }[];
      expect(rows.map((r) => r.x)).toEqual([1, 3]);
    } finally {
      forwarder.thaw();
      await Promise.race([pool.end(), Bun.sleep(1_000)]);
      forwarder.stop();
      await db.drop();
    }
  }, 30_000);
});

describe.if(mysqlAvailable)('the pool while MariaDB stops answering', () => {
  test('pings and reads that time out give their connection up: the pool does not fill, and writes get through after the thaw', async () => {
    const db = await freshMysqlDatabase();
    await db.query('CREATE TABLE t (x INT)');
    const forwarder = await startForwarder(mysqlServer.host, mysqlServer.port);
    const pool = mysql.createPool({ host: '127.0.0.1', port: forwarder.port, user: mysqlServer.user, password: mysqlServer.password, database: db.name, connectionLimit: 2 });
    try {
      await pool.query('SELECT 1');
      forwarder.freeze();
      // More stuck reads than the pool has connections, as /health and the dashboard would send.
      const stuck = await Promise.all(Array.from({ length: 4 }, () => withConnection(pool, 300, (c, limit) => c.query({ sql: 'SELECT 1', ...limit })).then(() => 'ok', (e: unknown) => databaseUnavailable(e))));
      expect(stuck.every((why) => why !== 'ok' && why !== undefined)).toBe(true);
      forwarder.thaw();
      const run = mysqlRunner(pool);
      expect(await run.write([{ sql: 'INSERT INTO t VALUES (1)', args: [] }], { timeoutMs: 2_000 })).toEqual([1]);
      expect(await run.query({ sql: 'SELECT COUNT(*) AS n FROM t', args: [] })).toEqual([{ n: 1 }]);
    } finally {
      forwarder.thaw();
      await Promise.race([pool.end(), Bun.sleep(1_000)]);
      forwarder.stop();
      await db.drop();
    }
  }, 30_000);
});
