import { TRPCError } from '@trpc/server';
import * as v from 'valibot';
import { adminProcedure, router } from '../trpc';

export const jobsRouter = router({
  /** Each background job: on or off, running, last run (when, how long, result) and next run. */
  list: adminProcedure.query(({ ctx }) => ctx.deps.jobs.list()),

  /** Runs a job now and answers when it is done. */
  run: adminProcedure.input(v.object({ name: v.pipe(v.string(), v.nonEmpty()) })).mutation(async ({ ctx, input }) => {
    const status = await ctx.deps.jobs.runNow(input.name);
    if (!status) throw new TRPCError({ code: 'NOT_FOUND', message: `No job named ${input.name}.` });
    return status;
  }),
});
