import { describe, expect, test } from 'bun:test';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { freshMysqlDatabase, mysqlAvailable, mysqlServer } from '../helpers/mysql';
import { startOrThrow } from '../helpers/server-process';
import { startForwarder } from '../helpers/tcp-forwarder';
import { tempDirsRemovedAfterAll } from '../helpers/temp-dir';

const freshDir = tempDirsRemovedAfterAll().fresh;

async function health(url: string) {
  const response = await fetch(`${url}/health`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('bun run start on SQLite', () => {
  test('serves /health from ./data/gemini-balance.db and stops cleanly on SIGTERM', async () => {
    const cwd = freshDir();
    const server = await startOrThrow(cwd, {});
    expect(await health(server.url)).toEqual({
      status: 200,
      body: { status: 'ok', database: { dialect: 'sqlite', status: 'ok' }, version: pkg.version },
    });
    const db = join(cwd, 'data', 'gemini-balance.db');
    expect(existsSync(db)).toBe(true);
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.output()).toContain('stopped cleanly');
    // The write-ahead log was folded back: the .db file alone is a complete copy.
    expect(existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0).toBe(0);
  });

  test('SIGINT (Ctrl+C) also exits 0, and the next start finds its data', async () => {
    const cwd = freshDir();
    const first = await startOrThrow(cwd, { API_KEYS: 'AIzaSyA111111111111111111111111111111111' });
    expect(await first.stop('SIGINT')).toBe(0);
    const second = await startOrThrow(cwd, {});
    expect(second.output()).not.toContain('First start');
    expect((await health(second.url)).status).toBe(200);
    expect(await second.stop()).toBe(0);
  });

  test('SQLITE_DATABASE takes a path; its folder is created', async () => {
    const cwd = freshDir();
    const server = await startOrThrow(cwd, { SQLITE_DATABASE: 'state/nested/my.db' });
    expect(existsSync(join(cwd, 'state', 'nested', 'my.db'))).toBe(true);
    expect(await server.stop()).toBe(0);
  });
});

describe.if(mysqlAvailable)('bun run start on MariaDB', () => {
  test('DATABASE_TYPE=mysql serves /health with the mysql dialect and seeds the key table', async () => {
    const db = await freshMysqlDatabase();
    try {
      const server = await startOrThrow(freshDir(), {
        ...db.env,
        API_KEYS: '["AIzaSyA111111111111111111111111111111111","AIzaSyB222222222222222222222222222222222"]',
      });
      expect(await health(server.url)).toMatchObject({ status: 200, body: { status: 'ok', database: { dialect: 'mysql', status: 'ok' } } });
      expect(await server.stop()).toBe(0);
      expect(await db.query('SELECT `key` FROM api_keys ORDER BY id')).toEqual([
        { key: 'AIzaSyA111111111111111111111111111111111' },
        { key: 'AIzaSyB222222222222222222222222222222222' },
      ]);
    } finally {
      await db.drop();
    }
  });

  test('/health answers 503 while the database is unreachable and 200 once it is back', async () => {
    const db = await freshMysqlDatabase();
    const forwarder = await startForwarder(mysqlServer.host, mysqlServer.port);
    try {
      const server = await startOrThrow(freshDir(), { ...db.env, MYSQL_HOST: '127.0.0.1', MYSQL_PORT: String(forwarder.port) });
      expect((await health(server.url)).status).toBe(200);
      forwarder.cut();
      const down = await health(server.url);
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ status: 'degraded', database: { dialect: 'mysql', status: 'unreachable' } });
      forwarder.restore();
      let back = await health(server.url);
      for (let i = 0; i < 20 && back.status !== 200; i++) {
        await Bun.sleep(100);
        back = await health(server.url);
      }
      expect(back.status).toBe(200);
      expect(await server.stop()).toBe(0);
    } finally {
      forwarder.stop();
      await db.drop();
    }
  });
});
