/**
 * `bun run bench`: the project's benchmark. Numbers go in the closing note of any change that
 * touches the hot path. Scenarios:
 * - native generateContent and streamGenerateContent (SSE) at concurrency 1 and 64, through a naive
 *   pass-through Bun proxy (scripts/bench/naive-proxy.ts, the baseline) and through our server
 *   (10,000 keys, SQLite), both in front of the fake Gemini running in its own process, with the
 *   ratio ours/naive against the targets (≥ 0.9× throughput, ≤ +0.25 ms p50 at c=1, ≤ 100 MB RSS).
 *   With taskset and 2+ CPUs the proxy under test gets the last CPU to itself (see bench/cpus.ts);
 * - /health on our server (the floor every request pays: Bun + Elysia + a database ping);
 * - storage operations on SQLite and MariaDB (MariaDB is skipped with a message when no server answers).
 * `bun run bench --soak`: only the soak run (scripts/bench/soak.ts), SOAK_MINUTES long.
 */
import { join } from 'node:path';
import { freshMysqlDatabase, mysqlServer } from '../tests/helpers/mysql';
import { mysqlConfig, sqliteConfig } from '../tests/helpers/repositories';
import { tempDir } from '../tests/helpers/temp-dir';
import { compareProxies, TARGETS, warmUp } from './bench/compare';
import { type CpuPlan, cpuPlan, describePlan, pinSelf } from './bench/cpus';
import { formatLoad, runLoad } from './bench/load';
import { Cleanup, rssMb } from './bench/processes';
import { benchKeys, startFake, startNaive, startOurs, type Target } from './bench/proxies';
import { runSoak } from './bench/soak';
import { benchStorage } from './bench/storage';
import { mysqlAnswers } from './bench/timing';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const KEY_COUNT = 10_000;
const print = (line: string) => console.log(line);

async function benchHealth(ours: Target) {
  for (const concurrency of [1, 64]) {
    const result = await runLoad({
      makeRequest: () => new Request(`${ours.url}/health`),
      concurrency,
      seconds: SECONDS,
      serverPid: ours.pid,
    });
    print(formatLoad(`ours  GET /health c=${concurrency}`, result));
  }
}

const mb = (value: number | undefined) => (value === undefined ? 'n/a' : `${value.toFixed(0)} MB`);

function printMemory(naive: Target, ours: Target, oursAtStart: number | undefined) {
  const peak = rssMb(ours.pid, 'VmHWM');
  const verdict = peak === undefined ? 'n/a' : peak <= TARGETS.maxRssMb ? 'ok' : 'MISSED';
  const keys = KEY_COUNT.toLocaleString('en');
  print(`ours  peak RSS ${mb(peak)} with ${keys} keys (${mb(oursAtStart)} before the load)   (target ≤ ${TARGETS.maxRssMb} MB ${verdict})`);
  print(`naive peak RSS ${mb(rssMb(naive.pid, 'VmHWM'))}`);
}

/** Pins this process off the proxy's CPU when the plan can be followed; undone by `cleanup`. */
function followPlan(cleanup: Cleanup): CpuPlan | undefined {
  const plan = cpuPlan();
  if (plan === undefined || !pinSelf(plan.rest)) return undefined;
  return cleanup.add(plan, (p) => pinSelf(p.all));
}

/** Ctrl-C or a SIGTERM while the proxies run: stop them before going, not only on the way out of `finally`. */
function cleanupOnSignals(cleanup: Cleanup): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    void cleanup.run().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

async function benchProxies() {
  const cleanup = new Cleanup();
  cleanup.add(cleanupOnSignals(cleanup), (remove) => remove());
  try {
    const plan = followPlan(cleanup);
    print(`setup: ${describePlan(plan)}; ${KEY_COUNT.toLocaleString('en')} keys; SQLite`);
    const keys = benchKeys(KEY_COUNT);
    const fake = await startFake(cleanup, plan);
    const naive = await startNaive(cleanup, plan, fake.url, keys[0] ?? '');
    const ours = await startOurs(cleanup, plan, fake.url, keys);
    const oursAtStart = rssMb(ours.pid, 'VmRSS');
    await warmUp(naive, ours);
    const errors = await compareProxies(naive, ours, SECONDS, print);
    await benchHealth(ours);
    printMemory(naive, ours, oursAtStart);
    if (errors > 0) print(`warning: ${errors} requests failed; the numbers above are not comparable`);
  } finally {
    await cleanup.run();
  }
}


async function benchDatabases() {
  const dir = tempDir();
  try {
    await benchStorage(sqliteConfig(join(dir.path, 'bench.db')), print);
  } finally {
    dir.remove();
  }
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
if (process.argv.includes('--soak')) {
  process.exit((await runSoak(print)) ? 0 : 1);
}
await benchProxies();
await benchDatabases();
