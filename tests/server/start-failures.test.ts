import { describe, expect, test } from 'bun:test';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshMysqlDatabase, mysqlAvailable } from '../helpers/mysql';
import { startExpectingFailure, startOrThrow } from '../helpers/server-process';
import { tempDirsRemovedAfterAll } from '../helpers/temp-dir';

const freshDir = tempDirsRemovedAfterAll().fresh;

/** What a user sees: printed lines, without Bun's own noise. */
const lines = (output: string) => output.split('\n').filter((l) => l.trim() !== '');
const hasStackTrace = (output: string) => /^\s+at .+[:(]/m.test(output);

/** A port on 127.0.0.1 that nothing listens on. */
function closedPort(): number {
  const probe = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } });
  const port = probe.port;
  probe.stop(true);
  return port;
}

describe('a bad setting stops the start with one clear line', () => {
  test('MAX_FAILURES=abc names the variable, what is expected and an example', async () => {
    const { exitCode, output } = await startExpectingFailure(freshDir(), { MAX_FAILURES: 'abc' });
    expect(exitCode).toBe(1);
    expect(lines(output)).toEqual([
      'Invalid MAX_FAILURES="abc": expected a whole number from 1 to 1000, e.g. MAX_FAILURES=3',
    ]);
  });

  test('a bad list item of a secret is reported without printing the secret', async () => {
    const long = `AIza${'x'.repeat(300)}`;
    const { exitCode, output } = await startExpectingFailure(freshDir(), { API_KEYS: `AIzaSyGood,${long}` });
    expect(exitCode).toBe(1);
    expect(lines(output)).toHaveLength(1);
    expect(output).toContain('Invalid API_KEYS=(hidden');
    expect(output).not.toContain('xxxxxxxxxx');
    expect(hasStackTrace(output)).toBe(false);
  });

  test('values in the formats users paste are accepted: comma lists, yes/no, 3.0', async () => {
    const server = await startOrThrow(freshDir(), {
      API_KEYS: 'AIzaSyA111111111111111111111111111111111, AIzaSyB222222222222222222222222222222222',
      ALLOWED_TOKENS: "['sk-one', 'sk-two']",
      STREAM_OPTIMIZER_ENABLED: 'YES',
      MAX_RETRIES: '3.0',
      log_level: 'debug',
    });
    expect(server.output()).toContain('2 API keys and 2 access tokens');
    expect(await server.stop()).toBe(0);
  });
});

describe('database problems at start', () => {
  test('unreachable MySQL: retries, then one line with host, port and cause, non-zero exit', async () => {
    const port = closedPort();
    const { exitCode, output } = await startExpectingFailure(freshDir(), {
      DATABASE_TYPE: 'mysql',
      MYSQL_HOST: '127.0.0.1',
      MYSQL_PORT: String(port),
      MYSQL_USER: 'root',
      MYSQL_DATABASE: 'test',
      DB_CONNECT_RETRIES: '2',
    });
    expect(exitCode).not.toBe(0);
    const printed = lines(output);
    expect(printed.filter((l) => l.includes('retrying in'))).toHaveLength(2);
    expect(printed.at(-1)).toBe(
      `Cannot use MySQL at 127.0.0.1:${port} (user root, database test) after 3 attempts: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    expect(hasStackTrace(output)).toBe(false);
  });

  test('DATABASE_TYPE=mysql without its settings names the missing ones', async () => {
    const { exitCode, output } = await startExpectingFailure(freshDir(), { DATABASE_TYPE: 'mysql' });
    expect(exitCode).toBe(1);
    expect(lines(output)).toEqual([
      'DATABASE_TYPE=mysql needs MYSQL_HOST, MYSQL_USER, MYSQL_DATABASE (or unset DATABASE_TYPE to use SQLite).',
    ]);
  });

  test('a corrupt SQLite file is named, and left untouched', async () => {
    const cwd = freshDir();
    mkdirSync(join(cwd, 'data'));
    const garbage = 'this is not a database, it is a shopping list\n'.repeat(200);
    writeFileSync(join(cwd, 'data', 'gemini-balance.db'), garbage);
    const { exitCode, output } = await startExpectingFailure(cwd, {});
    expect(exitCode).toBe(1);
    expect(lines(output)).toHaveLength(1);
    expect(output).toContain(`SQLite database ${join(cwd, 'data', 'gemini-balance.db')} is not a valid database file`);
    expect(await Bun.file(join(cwd, 'data', 'gemini-balance.db')).text()).toBe(garbage);
  });

  test('a SQLite folder that cannot be created is named', async () => {
    const { exitCode, output } = await startExpectingFailure(freshDir(), { SQLITE_DATABASE: '/proc/no-such-place/x.db' });
    expect(exitCode).toBe(1);
    expect(lines(output)).toHaveLength(1);
    expect(output).toContain('Cannot create the folder for the SQLite database /proc/no-such-place/x.db');
  });

  test('a read-only SQLite file says it cannot be written', async () => {
    const cwd = freshDir();
    const first = await startOrThrow(cwd, {});
    expect(await first.stop()).toBe(0);
    // Root ignores file modes, so the server runs as nobody when the tests run as root.
    chmodSync(cwd, 0o755);
    chmodSync(join(cwd, 'data'), 0o555);
    chmodSync(join(cwd, 'data', 'gemini-balance.db'), 0o444);
    const asNobody = process.getuid?.() === 0 ? ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'] : [];
    const { exitCode, output } = await startExpectingFailure(cwd, { HOME: cwd }, asNobody);
    expect(exitCode).toBe(1);
    expect(lines(output)).toHaveLength(1);
    expect(output).toContain(`SQLite database ${join(cwd, 'data', 'gemini-balance.db')} cannot be written`);
  });
});

describe.if(mysqlAvailable)('MySQL tables at start', () => {
  test('a start that died half-way through the migration is finished by the next start', async () => {
    const db = await freshMysqlDatabase();
    try {
      const sql = await Bun.file(join(import.meta.dir, '../../db/migrations/mysql/0000_init.sql')).text();
      const [first, second] = sql.split('--> statement-breakpoint');
      await db.query(first ?? '');
      await db.query(second ?? '');
      const server = await startOrThrow(freshDir(), db.env);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      expect(await server.stop()).toBe(0);
    } finally {
      await db.drop();
    }
  });

  test("another program's table of the same name stops the start with one line", async () => {
    const db = await freshMysqlDatabase();
    try {
      await db.query('CREATE TABLE settings (k INT)');
      const { exitCode, output } = await startExpectingFailure(freshDir(), db.env);
      expect(exitCode).toBe(1);
      expect(lines(output)).toHaveLength(1);
      expect(output).toContain("Table settings exists but is not this server's (Unknown column 'key'");
    } finally {
      await db.drop();
    }
  });
});
