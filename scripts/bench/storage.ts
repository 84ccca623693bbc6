import { connectDatabase } from '../../db/connect';
import type { DatabaseConfig } from '../../db/database-config';
import type { Repository } from '../../db/repository';

const key = (i: number) => `AIzaSy${String(i).padStart(12, '0')}bench${'x'.repeat(16)}`;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, performance.now() - started];
}

/** Times the storage operations the server leans on, against one real database. */
export async function benchStorage(config: DatabaseConfig, print: (line: string) => void): Promise<void> {
  const repo: Repository = await connectDatabase(config);
  const label = config.DATABASE_TYPE.padEnd(6);
  try {
    const keys = Array.from({ length: 100_000 }, (_, i) => ({ key: key(i), kind: 'gemini' }));
    const [, insertMs] = await timed(() => repo.insertKeys(keys, Date.now()));
    const [listed, listMs] = await timed(() => repo.listKeys());
    print(`${label} insert 100,000 keys ${insertMs.toFixed(0)} ms; list them ${listMs.toFixed(0)} ms (${listed.length})`);

    const big = 'k'.repeat(5 * 1024 * 1024);
    const [, writeMs] = await timed(() => repo.writeSettings([{ key: 'BENCH_BIG', value: big }], Date.now()));
    const [, readMs] = await timed(() => repo.readSettings());
    print(`${label} write a 5 MB setting ${writeMs.toFixed(0)} ms; read all settings ${readMs.toFixed(0)} ms`);

    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      at: Date.now() + i,
      tokenLabel: 'bench',
      keyFingerprint: 'fp',
      model: 'gemini-2.5-flash',
      endpoint: 'generateContent',
      status: 200,
      outcome: 'ok',
      latencyMs: 10,
      promptTokens: 1,
      completionTokens: 1,
      attempt: 1,
      errorCode: null,
      finishReason: null,
    }));
    const [, logMs] = await timed(() => repo.insertRequestLogs(rows));
    print(`${label} insert 10,000 request-log rows in one batch ${logMs.toFixed(0)} ms (${(10_000 / (logMs / 1000)).toFixed(0)} rows/s)`);
  } finally {
    await repo.deleteKeys(Array.from({ length: 100_000 }, (_, i) => key(i)));
    await repo.close();
  }
}
