import { errorDetail } from '../logs/error-detail';
import { ErrorListInput, IdInput, IdsInput, KindInput, RequestListInput } from '../logs/log-inputs';
import { listErrorLogs, listRequestLogs } from '../logs/list-logs';
import { adminProcedure, router } from '../trpc';

/**
 * The request and error logs. Pages are newest first and keyset-paged: pass a page's `nextCursor`
 * as `cursor` for the next (null = last page); deep pages cost what the first does. `total` counts
 * matching rows and `totalCapped` says more may match (show "total+"): past 10,000 rows, or, with
 * several filters, past what 2,000 rows of the first one held. An exact count of a million rows
 * takes seconds.
 */
export const logsRouter = router({
  /** Filters: from/to (epoch ms, inclusive), key (fingerprint or full key), model, status, outcome. */
  listRequests: adminProcedure.input(RequestListInput).query(({ ctx, input }) => listRequestLogs(ctx.deps, input)),
  /** Same filters but outcome; items carry `messagePreview`, errorDetail has the rest. */
  listErrors: adminProcedure.input(ErrorListInput).query(({ ctx, input }) => listErrorLogs(ctx.deps, input)),
  /** The whole error log: message and stored request body. NOT_FOUND when absent. */
  errorDetail: adminProcedure.input(IdInput).query(({ ctx, input }) => errorDetail(ctx.deps, input.id)),
  /** → { deleted }: how many of the ids existed. Request logs leave the stats with them. */
  deleteRequests: adminProcedure.input(IdsInput).mutation(async ({ ctx, input }) => ({ deleted: await ctx.deps.repo.deleteLogs('requests', input.ids) })),
  deleteErrors: adminProcedure.input(IdsInput).mutation(async ({ ctx, input }) => ({ deleted: await ctx.deps.repo.deleteLogs('errors', input.ids) })),
  /** Empties one log ({ kind: 'requests' | 'errors' }) → { deleted }. */
  deleteAll: adminProcedure.input(KindInput).mutation(async ({ ctx, input }) => ({ deleted: await ctx.deps.repo.deleteAllLogs(input.kind) })),
});
