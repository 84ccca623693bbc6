import type { KeyUsage } from '../repository';
import { chunks } from '../repository';
import { num, type SqlRunner } from './sql-runner';

/** Calls and failures per key since `since`; reads the (key_fingerprint, at) index: one range per key. */
export async function keyUsage(run: SqlRunner, fingerprints: readonly string[], since: number): Promise<KeyUsage[]> {
  const usage: KeyUsage[] = [];
  for (const c of chunks(fingerprints)) {
    const rows = await run.query({
      sql: `SELECT key_fingerprint AS fp, COUNT(*) AS calls, SUM(CASE WHEN outcome <> 'ok' THEN 1 ELSE 0 END) AS failures
        FROM request_logs WHERE key_fingerprint IN (${c.map(() => '?').join(', ')}) AND at >= ? GROUP BY key_fingerprint`,
      args: [...c, since],
    });
    // MySQL answers SUM as a DECIMAL string: num() reads both dialects' numbers.
    for (const r of rows) if (typeof r.fp === 'string') usage.push({ keyFingerprint: r.fp, calls: num(r.calls), failures: num(r.failures) });
  }
  return usage;
}
