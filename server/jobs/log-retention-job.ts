import { runLogRetention } from './log-retention';
import type { JobDef } from './scheduler';

const DAY_MS = 86_400_000;

export const logRetentionJob: JobDef = {
  name: 'log-retention',
  description: 'Deletes request logs older than AUTO_DELETE_REQUEST_LOGS_DAYS and error logs older than AUTO_DELETE_ERROR_LOGS_DAYS, once a day.',
  interval: (s) => (s.AUTO_DELETE_REQUEST_LOGS_ENABLED || s.AUTO_DELETE_ERROR_LOGS_ENABLED ? DAY_MS : null),
  async run(deps) {
    const { requestRows, errorRows } = await runLogRetention(deps);
    return `deleted ${requestRows} request logs and ${errorRows} error logs`;
  },
};
