/**
 * `bun run bench`: the project's benchmark. Numbers go in the closing note of any change that
 * touches the hot path. Scenarios: /health over HTTP at concurrency 1 and 64 (the floor every
 * proxied request pays: Bun + Elysia + a database ping), and storage operations on SQLite and
 * MariaDB (MariaDB is skipped with a message when no server answers).
 */
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { freshMysqlDatabase, mysqlServer } from '../tests/helpers/mysql';
import { mysqlConfig, sqliteConfig } from '../tests/helpers/repositories';
import { startOrThrow } from '../tests/helpers/server-process';
import { tempDir } from '../tests/helpers/temp-dir';
import { formatLoad, peakRssMb, runLoad } from './bench/load';
import { benchStorage } from './bench/storage';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const print = (line: string) => console.log(line);

async function benchHttp() {
  const dir = tempDir();
  const server = await startOrThrow(dir.path, {});
  try {
    for (const concurrency of [1, 64]) {
      const result = await runLoad({
        makeRequest: () => new Request(`${server.url}/health`),
        concurrency,
        seconds: SECONDS,
        serverPid: server.proc.pid,
      });
      print(formatLoad(`GET /health (sqlite) c=${concurrency}`, result));
    }
    print(`server peak RSS ${peakRssMb(server.proc.pid)?.toFixed(0) ?? 'n/a'} MB`);
  } finally {
    await server.stop();
    dir.remove();
  }
}

async function mysqlAnswers(): Promise<boolean> {
  try {
    await (await mysql.createConnection({ ...mysqlServer, connectTimeout: 2000 })).end();
    return true;
  } catch {
    return false;
  }
}

async function benchDatabases() {
  const dir = tempDir();
  await benchStorage(sqliteConfig(join(dir.path, 'bench.db')), print);
  dir.remove();
  if (!(await mysqlAnswers())) {
    print(`mysql  skipped: no server at ${mysqlServer.host}:${mysqlServer.port}`);
    return;
  }
  const db = await freshMysqlDatabase();
  try {
    await benchStorage(mysqlConfig(db.name), print);
  } finally {
    await db.drop();
  }
}

print(`Gemini Balance benchmark — ${new Date().toISOString()}, Bun ${Bun.version}, ${SECONDS} s per HTTP scenario`);
await benchHttp();
await benchDatabases();
