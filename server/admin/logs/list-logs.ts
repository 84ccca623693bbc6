import type { ErrorLogSummary, LogPage } from '../../../db/logs/log-types';
import type { RequestLogRow } from '../../../db/schema';
import type { Deps } from '../../deps';
import { redactSecrets } from '../../redact';
import type { ErrorListInput, RequestListInput } from './log-inputs';
import { toLogQuery } from './log-query';

type LogDeps = Pick<Deps, 'repo'>;

/** Request logs, newest first; rows carry key fingerprints, never keys. */
export const listRequestLogs = (deps: LogDeps, input: RequestListInput): Promise<LogPage<RequestLogRow>> =>
  deps.repo.pageRequestLogs(toLogQuery(input));

/** Error logs, newest first, each with the start of its message (redacted again, see error-detail.ts). */
export async function listErrorLogs(deps: LogDeps, input: ErrorListInput): Promise<LogPage<ErrorLogSummary>> {
  const page = await deps.repo.pageErrorLogs(toLogQuery(input));
  return { ...page, items: page.items.map((e) => ({ ...e, messagePreview: redactSecrets(e.messagePreview) })) };
}
