import type { Repository } from '../repository';
import { keyUsage } from './key-usage';
import { errorLogById, pageErrorLogs, pageRequestLogs } from './log-pages';
import { deleteAllLogs, deleteLogIds, purgeLogsBefore } from './log-writes';
import type { SqlRunner } from './sql-runner';
import { seriesOf } from './series-query';
import { totalsSince, usageBy } from './stats-queries';

export type LogQueries = Pick<
  Repository,
  'keyUsage' | 'pageRequestLogs' | 'pageErrorLogs' | 'errorLog' | 'deleteLogs' | 'deleteAllLogs' | 'purgeLogs' | 'usageTotals' | 'usageSeries' | 'usageBy'
>;

/** The log browser's and the stats' part of the repository, the same SQL for both dialects. */
export function logQueries(run: SqlRunner): LogQueries {
  return {
    keyUsage: (fingerprints, since) => keyUsage(run, fingerprints, since),
    pageRequestLogs: (query) => pageRequestLogs(run, query),
    pageErrorLogs: (query) => pageErrorLogs(run, query),
    errorLog: (id) => errorLogById(run, id),
    deleteLogs: (kind, ids) => deleteLogIds(run, kind, ids),
    deleteAllLogs: (kind) => deleteAllLogs(run, kind),
    purgeLogs: (kind, before) => purgeLogsBefore(run, kind, before),
    usageTotals: (since, now) => totalsSince(run, since, now),
    usageSeries: (start, bucketMs, count) => seriesOf(run, start, bucketMs, count),
    usageBy: (dimension, since, now, limit) => usageBy(run, dimension, since, now, limit),
  };
}
