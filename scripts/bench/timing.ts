import mysql from 'mysql2/promise';
import { mysqlServer } from '../../tests/helpers/mysql';

/** First call, then the median and max of `runs` more, in ms: admin queries are judged by their steady state and their cold start. */
export async function timeRepeated(work: () => Promise<unknown>, runs: number): Promise<string> {
  const start = performance.now();
  await work();
  const first = performance.now() - start;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return `first ${first.toFixed(1).padStart(6)} ms, median ${(times[runs >> 1] ?? 0).toFixed(1).padStart(5)} ms, max ${(times.at(-1) ?? 0).toFixed(1).padStart(6)} ms`;
}

/** Whether the test MySQL/MariaDB server answers (benchmarks skip it with a message when not). */
export async function mysqlAnswers(): Promise<boolean> {
  try {
    await (await mysql.createConnection({ ...mysqlServer, connectTimeout: 2000 })).end();
    return true;
  } catch {
    return false;
  }
}
