import { chunks, type KeyChange } from '../repository';
import { keyColumn, type Statement, type SqlRunner, WRITE_BEHIND_TIMEOUT_MS } from '../logs/sql-runner';

/**
 * Writes key changes field by field (server/keypool/key-change.ts says why): a status write leaves
 * a `disabled` row alone unless it is forced, and cooldowns are merged into the row's JSON
 * (MySQL JSON_MERGE_PATCH and SQLite json_patch both follow RFC 7396: null removes a model).
 */
export async function saveKeyChanges(run: SqlRunner, changes: readonly KeyChange[]): Promise<void> {
  const column = keyColumn(run.dialect);
  const merge = run.dialect === 'mysql' ? 'JSON_MERGE_PATCH' : 'json_patch';
  for (const slice of chunks(changes)) {
    const statements: Statement[] = [];
    for (const c of slice) {
      if (c.status) {
        const s = c.status;
        statements.push({
          sql: `UPDATE api_keys SET status = ?, failures = ?, cooldown_until = ?, disabled_reason = ? WHERE ${column} = ? AND (status <> 'disabled' OR ? = 1)`,
          args: [s.status, s.failures, s.cooldownUntil, s.disabledReason, c.key, c.force ? 1 : 0],
        });
      }
      if (c.cooldownPatch) {
        statements.push({ sql: `UPDATE api_keys SET model_cooldowns = ${merge}(model_cooldowns, ?) WHERE ${column} = ?`, args: [JSON.stringify(c.cooldownPatch), c.key] });
      }
    }
    if (statements.length > 0) await run.write(statements, { timeoutMs: WRITE_BEHIND_TIMEOUT_MS });
  }
}
