import { chunks, type LastUse } from '../repository';
import { keyColumn, type SqlRunner, WRITE_BEHIND_TIMEOUT_MS } from '../logs/sql-runner';

/**
 * Only last_used_at: a key that was merely used must not write its whole state back, or an
 * instance would undo what another one just decided (a key it disabled, a cooldown it set).
 */
export async function saveLastUsed(run: SqlRunner, entries: readonly LastUse[]): Promise<void> {
  const column = keyColumn(run.dialect);
  for (const slice of chunks(entries)) {
    await run.write(slice.map((e) => ({ sql: `UPDATE api_keys SET last_used_at = ? WHERE ${column} = ?`, args: [e.lastUsedAt, e.key] })), { timeoutMs: WRITE_BEHIND_TIMEOUT_MS });
  }
}
