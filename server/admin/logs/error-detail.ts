import { TRPCError } from '@trpc/server';
import type { ErrorLogRow } from '../../../db/schema';
import type { Deps } from '../../deps';
import { redactSecrets } from '../../redact';

/**
 * One error log with its whole message and request body. The proxy redacts keys before storing;
 * redacting again on the way out covers rows an older version or another tool wrote.
 */
export async function errorDetail(deps: Pick<Deps, 'repo'>, id: number): Promise<ErrorLogRow> {
  const row = await deps.repo.errorLog(id);
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `No error log has the id ${id} (deleted, or never written).` });
  return { ...row, message: redactSecrets(row.message), requestBody: row.requestBody === null ? null : redactSecrets(row.requestBody) };
}
