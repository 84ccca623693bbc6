import type { SqlRunner } from '../logs/sql-runner';

/**
 * Cheap fingerprints of what other instances may change, so the shared-state watcher reads the
 * rows only when something did (reading and comparing 100,000 keys costs hundreds of ms).
 * last_used_at is left out on purpose: it changes with every request.
 */
export async function settingsStamp(run: SqlRunner): Promise<string> {
  const [row] = await run.query({ sql: 'SELECT MAX(updated_at) AS m, COUNT(*) AS n FROM settings', args: [] });
  return `${String(row?.m ?? 0)}:${String(row?.n ?? 0)}`;
}

export async function keysStamp(run: SqlRunner): Promise<string> {
  const state =
    run.dialect === 'mysql'
      ? "SUM(CRC32(CONCAT_WS('|', `key`, kind, status, failures, IFNULL(cooldown_until, 0), IFNULL(disabled_reason, ''), model_cooldowns)))"
      : "TOTAL(LENGTH(\"key\") + LENGTH(status) + failures + IFNULL(cooldown_until, 0) + LENGTH(IFNULL(disabled_reason, '')) + LENGTH(model_cooldowns))";
  const [row] = await run.query({ sql: `SELECT COUNT(*) AS n, MAX(id) AS m, ${state} AS s FROM api_keys`, args: [] });
  return `${String(row?.n ?? 0)}:${String(row?.m ?? 0)}:${String(row?.s ?? 0)}`;
}
