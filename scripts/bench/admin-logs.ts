/**
 * `bun scripts/bench/admin-logs.ts`: times the logs and stats procedures (createCaller, no HTTP)
 * with BENCH_LOG_ROWS request logs (default 1,000,000) spread over 30 days, 1,000 keys (of 100,000
 * stored) and 8 models, plus 200,000 error logs, on SQLite, then on MariaDB when a server answers.
 * "Now" is 12:30:30 UTC, near the worst case for windows (db/logs/window-plan.ts): 11.5 hours of
 * rows before the first whole day of key sums, 11 hourly model sums, 30 s of rows for totals.
 * Target: under 100 ms each. Also times a recorder slice (250 rows with their stats sums), and
 * deletes. Not a test: the numbers go in the change's note.
 */
import { join } from 'node:path';
import { connectDatabase } from '../../db/connect';
import type { DatabaseConfig } from '../../db/database-config';
import type { Repository } from '../../db/repository';
import { createAdminState } from '../../server/admin/admin-state';
import { appRouter } from '../../server/admin/router';
import { createCallerFactory } from '../../server/admin/trpc';
import { assembleDeps, flushDeps } from '../../server/assemble';
import type { Deps } from '../../server/deps';
import { fingerprint } from '../../server/keypool/keys';
import { createLogger } from '../../server/log';
import { parseEnv } from '../../server/settings/from-env';
import { loadSettings } from '../../server/settings/load';
import { freshMysqlDatabase, mysqlServer } from '../../tests/helpers/mysql';
import { mysqlConfig, sqliteConfig } from '../../tests/helpers/repositories';
import { tempDir } from '../../tests/helpers/temp-dir';
import { benchKey, benchRows, DAY, fillLogs } from './log-fill';
import { mysqlAnswers, timeRepeated } from './timing';

const LOG_ROWS = Number(process.env.BENCH_LOG_ROWS ?? 1_000_000);
const ERROR_ROWS = 200_000;
const LOGGED_KEYS = 1_000;
const STORED_KEYS = 100_000;
const RUNS = 20;
const NOW = Math.floor(Date.now() / DAY) * DAY + 12 * 3_600_000 + 30 * 60_000 + 30_000;
const print = (line: string) => console.log(line);

async function openDeps(repo: Repository): Promise<Deps> {
  const log = createLogger('ERROR', () => undefined);
  const env = parseEnv({ AUTH_TOKEN: 'bench-admin', ALLOWED_TOKENS: 'bench-client' });
  const loaded = await loadSettings(repo, env.values, { configSource: 'env', now: NOW, log, randomToken: () => 'unused', announce: () => undefined });
  return assembleDeps(repo, loaded, log, 'bench', { persistMs: 60_000, recorderIntervalMs: 60_000, now: () => NOW });
}

const time = (work: () => Promise<unknown>) => timeRepeated(work, RUNS);

async function timedOnce(work: () => Promise<unknown>): Promise<string> {
  const start = performance.now();
  const result = await work();
  return `${(performance.now() - start).toFixed(0)} ms (${JSON.stringify(result)})`;
}

/** What a recorder slice (250 rows of current traffic) costs to write, the stats sums included. */
async function benchWrites(repo: Repository, label: string) {
  const seed = { s: 7 };
  const slices = Array.from({ length: 200 }, (_, i) => benchRows(250, (j) => NOW - 200_000 + i * 1000 + j, LOGGED_KEYS, seed));
  const start = performance.now();
  for (const slice of slices) await repo.insertRequestLogs(slice);
  const ms = (performance.now() - start) / slices.length;
  print(`${label} recorder slice of 250 rows (1,000 keys): ${ms.toFixed(2)} ms (${((250 / ms) * 1000).toFixed(0)} rows/s)`);
}

function cases(deps: Deps): Array<[string, () => Promise<unknown>]> {
  const c = createCallerFactory(appRouter)({ deps, admin: createAdminState(), session: { id: 'bench', expiresAt: Number.MAX_SAFE_INTEGER }, address: 'bench', https: false, crossSite: false, resHeaders: new Headers() });
  const { logs, stats } = c;
  let oldest: { at: number; id: number } | undefined;
  return [
    ['logs.listRequests {}', () => logs.listRequests({})],
    ['logs.listRequests key (full key)', () => logs.listRequests({ key: benchKey(17) })],
    ['logs.listRequests model', () => logs.listRequests({ model: 'gemini-2.5-pro' })],
    ['logs.listRequests status 503', () => logs.listRequests({ status: 503 })],
    ['logs.listRequests outcome key-invalid', () => logs.listRequests({ outcome: 'key-invalid' })],
    ['logs.listRequests model+status 400', () => logs.listRequests({ model: 'gemma-3', status: 400 })],
    ['logs.listRequests from/to 1 h, 10 days ago', () => logs.listRequests({ from: NOW - 10 * DAY, to: NOW - 10 * DAY + 3_600_000 })],
    ['logs.listRequests 20 days ago, status 429', () => logs.listRequests({ to: NOW - 20 * DAY, status: 429 })],
    ['logs.listRequests last page (cursor)', async () => {
      const [row] = oldest ? [] : (await logs.listRequests({ to: NOW - 30 * DAY + 60_000, limit: 1 })).items;
      oldest ??= row && { at: row.at, id: row.id };
      return logs.listRequests(oldest ? { cursor: oldest } : {});
    }],
    ['logs.listErrors {}', () => logs.listErrors({})],
    ['logs.listErrors status 429, key', () => logs.listErrors({ status: 429, key: fingerprint(benchKey(3)) })],
    ['logs.errorDetail', () => logs.errorDetail({ id: 1234 })],
    ['stats.summary', () => stats.summary()],
    ...(['1h', '24h', '7d', '30d'] as const).flatMap((period): Array<[string, () => Promise<unknown>]> => [
      [`stats.series ${period}`, () => stats.series({ period })],
      [`stats.byKey ${period} top 10`, () => stats.byKey({ period })],
      [`stats.byModel ${period}`, () => stats.byModel({ period })],
    ]),
    ['stats.series 30d UTC+5:30 (minute sums)', () => stats.series({ period: '30d', utcOffsetMinutes: 330 })],
    ['stats.byKey 30d top 100', () => stats.byKey({ period: '30d', limit: 100 })],
  ];
}

async function benchLogs(config: DatabaseConfig) {
  const label = config.DATABASE_TYPE.padEnd(6);
  const repo = await connectDatabase(config);
  try {
    await repo.insertKeys(Array.from({ length: STORED_KEYS }, (_, i) => ({ key: benchKey(i), kind: 'gemini' })), NOW);
    const started = performance.now();
    await fillLogs(repo, NOW, LOG_ROWS, ERROR_ROWS, LOGGED_KEYS);
    const seconds = (performance.now() - started) / 1000;
    print(`${label} setup: ${LOG_ROWS.toLocaleString('en')} request logs (with their stats sums) + ${ERROR_ROWS.toLocaleString('en')} error logs in ${seconds.toFixed(1)} s`);
    const deps = await openDeps(repo);
    Bun.gc(true);
    try {
      for (const [name, work] of cases(deps)) print(`${label} ${name.padEnd(42)} ${await time(work)}`);
      // After the reads: these rows all land in the last minutes.
      await benchWrites(repo, label);
      const ids = (await repo.pageRequestLogs({ limit: 100 })).items.map((r) => r.id);
      print(`${label} logs.deleteRequests 100 ids: ${await timedOnce(() => repo.deleteLogs('requests', ids))}`);
      print(`${label} retention, 1 day of request logs: ${await timedOnce(() => repo.purgeLogs('requests', NOW - 29 * DAY))}`);
      print(`${label} logs.deleteAll requests: ${await timedOnce(() => repo.deleteAllLogs('requests'))}`);
    } finally {
      await flushDeps(deps);
    }
  } finally {
    await repo.close();
  }
}


print(`logs/stats benchmark — ${new Date().toISOString()}, Bun ${Bun.version}, now = ${new Date(NOW).toISOString()}`);
const dir = tempDir();
try {
  if (process.env.BENCH_ONLY !== 'mysql') await benchLogs(sqliteConfig(join(dir.path, 'bench.db')));
} finally {
  dir.remove();
}
if (process.env.BENCH_ONLY === 'sqlite') print('mysql  skipped (BENCH_ONLY=sqlite)');
else if (await mysqlAnswers()) {
  const db = await freshMysqlDatabase();
  try {
    await benchLogs(mysqlConfig(db.name));
  } finally {
    await db.drop();
  }
} else {
  print(`mysql  skipped: no server at ${mysqlServer.host}:${mysqlServer.port}`);
}
