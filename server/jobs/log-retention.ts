import type { Deps } from '../deps';

const DAY_MS = 86_400_000;

export type LogRetentionDeps = Pick<Deps, 'repo' | 'settings' | 'now' | 'log'>;

export interface LogRetentionResult {
  readonly requestRows: number;
  readonly errorRows: number;
}

/**
 * Deletes request logs older than AUTO_DELETE_REQUEST_LOGS_DAYS and error logs older than
 * AUTO_DELETE_ERROR_LOGS_DAYS, each only while its *_ENABLED setting is on. The settings are read
 * now, not when scheduled, so a saved change applies at the next run. Older than N days means
 * at < now − N × 24 h; the request-log stats lose exactly the deleted rows.
 */
export async function runLogRetention(deps: LogRetentionDeps): Promise<LogRetentionResult> {
  // Several instances on one MySQL database: one purges, the others find nothing left to do.
  return deps.repo.exclusive('gemini_balance_log_retention', async () => {
    const s = deps.settings.current;
    const now = deps.now();
    const requestRows = s.AUTO_DELETE_REQUEST_LOGS_ENABLED ? await deps.repo.purgeLogs('requests', now - s.AUTO_DELETE_REQUEST_LOGS_DAYS * DAY_MS) : 0;
    const errorRows = s.AUTO_DELETE_ERROR_LOGS_ENABLED ? await deps.repo.purgeLogs('errors', now - s.AUTO_DELETE_ERROR_LOGS_DAYS * DAY_MS) : 0;
    if (requestRows + errorRows > 0) deps.log.info(`log retention: deleted ${requestRows} request logs and ${errorRows} error logs`);
    return { requestRows, errorRows };
  });
}
