import type { ApiKeyRow } from '../schema';
import { chunks } from '../repository';
import { type SqlRunner, WRITE_BEHIND_TIMEOUT_MS } from '../logs/sql-runner';

export type LastUse = Pick<ApiKeyRow, 'key' | 'lastUsedAt'>;

/**
 * Only last_used_at: a key that was merely used must not write its whole state back, or an
 * instance would undo what another one just decided (a key it disabled, a cooldown it set).
 */
export async function saveLastUsed(run: SqlRunner, entries: readonly LastUse[]): Promise<void> {
  // `key` is a reserved word in MySQL; double quotes would make it a string there.
  const column = run.dialect === 'mysql' ? '`key`' : '"key"';
  for (const slice of chunks(entries)) {
    await run.write(slice.map((e) => ({ sql: `UPDATE api_keys SET last_used_at = ? WHERE ${column} = ?`, args: [e.lastUsedAt, e.key] })), { timeoutMs: WRITE_BEHIND_TIMEOUT_MS });
  }
}
