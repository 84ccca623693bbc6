/**
 * `bun scripts/bench/admin-keys.ts`: times keys.list (through createCaller, no HTTP) with 100,000
 * keys in the pool and BENCH_LOG_ROWS request-log rows (default 1,000,000, all in the last 24 h,
 * spread over the keys) on SQLite, then on MariaDB when a server answers. Target: under 100 ms.
 * Not a test: timings depend on the machine; the numbers go in the change's note.
 */
import { join } from 'node:path';
import { connectDatabase } from '../../db/connect';
import type { DatabaseConfig } from '../../db/database-config';
import type { NewRequestLog, Repository } from '../../db/repository';
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
import { mysqlAnswers, timeRepeated } from './timing';

const KEYS = 100_000;
const LOG_ROWS = Number(process.env.BENCH_LOG_ROWS ?? 1_000_000);
const RUNS = 20;
const key = (i: number) => `AIzaSy${String(i).padStart(12, '0')}bench${'x'.repeat(16)}`;
const print = (line: string) => console.log(line);

async function fill(repo: Repository, now: number) {
  await repo.insertKeys(Array.from({ length: KEYS }, (_, i) => ({ key: key(i), kind: 'gemini' })), now);
  await repo.insertKeys([{ key: `AIzaSyVertexbench${'v'.repeat(22)}`, kind: 'vertex' }], now);
  const fps = Array.from({ length: KEYS }, (_, i) => fingerprint(key(i)));
  for (let done = 0; done < LOG_ROWS; done += 10_000) {
    const rows: NewRequestLog[] = Array.from({ length: Math.min(10_000, LOG_ROWS - done) }, (_, j) => ({
      at: now - ((done + j) % 86_000) * 1000,
      tokenLabel: 'bench',
      keyFingerprint: fps[(done + j) % KEYS] ?? null,
      model: 'gemini-2.5-flash',
      endpoint: 'generateContent',
      status: (done + j) % 10 === 0 ? 429 : 200,
      outcome: (done + j) % 10 === 0 ? 'rate-limited' : 'ok',
      latencyMs: 100,
      promptTokens: 10,
      completionTokens: 10,
      attempt: 1,
      errorCode: null,
      finishReason: null,
    }));
    await repo.insertRequestLogs(rows);
  }
}

async function openDeps(repo: Repository): Promise<Deps> {
  const log = createLogger('ERROR', () => undefined);
  const env = parseEnv({ AUTH_TOKEN: 'bench-admin', ALLOWED_TOKENS: 'bench-client' });
  const loaded = await loadSettings(repo, env.values, { configSource: 'env', now: Date.now(), log, randomToken: () => 'unused', announce: () => undefined });
  return assembleDeps(repo, loaded, log, 'bench', { persistMs: 60_000, recorderIntervalMs: 60_000 });
}

const time = (work: () => Promise<unknown>) => timeRepeated(work, RUNS);

async function benchList(config: DatabaseConfig) {
  const label = config.DATABASE_TYPE.padEnd(6);
  const repo = await connectDatabase(config);
  const started = performance.now();
  await fill(repo, Date.now());
  print(`${label} setup: ${KEYS.toLocaleString('en')} keys, ${LOG_ROWS.toLocaleString('en')} log rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const deps = await openDeps(repo);
  // The million rows built above are garbage now; a server would not carry them into its first requests.
  Bun.gc(true);
  const keys = createCallerFactory(appRouter)({ deps, admin: createAdminState(), session: { id: 'bench', expiresAt: Number.MAX_SAFE_INTEGER }, address: 'bench', https: false, crossSite: false, resHeaders: new Headers() }).keys;
  try {
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['list page 1 of 50', () => keys.list({})],
      ['list page 500 of 500 (last)', () => keys.list({ page: 200, pageSize: 500 })],
      ['list search "00004217"', () => keys.list({ search: '00004217' })],
      ['list search "BENCH" (every key)', () => keys.list({ search: 'BENCH', pageSize: 500 })],
      ['list status=disabled (none)', () => keys.list({ status: 'disabled' })],
      ['list kind=vertex', () => keys.list({ kind: 'vertex' })],
      ['disable 1 key by id', () => keys.disable({ ids: [fingerprint(key(99_999))] })],
    ];
    for (const [name, work] of cases) print(`${label} ${name.padEnd(34)} ${await time(work)}`);
  } finally {
    await flushDeps(deps);
    await repo.close();
  }
}


print(`keys.list benchmark — ${new Date().toISOString()}, Bun ${Bun.version}`);
const dir = tempDir();
try {
  await benchList(sqliteConfig(join(dir.path, 'bench.db')));
} finally {
  dir.remove();
}
if (await mysqlAnswers()) {
  const db = await freshMysqlDatabase();
  try {
    await benchList(mysqlConfig(db.name));
  } finally {
    await db.drop();
  }
} else {
  print(`mysql  skipped: no server at ${mysqlServer.host}:${mysqlServer.port}`);
}
