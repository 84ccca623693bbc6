import { disable, enable, resetFailures } from '../../keypool/machine';
import { addKeys } from '../keys/add-keys';
import { changeKeys, deleteKeys } from '../keys/change-keys';
import { copyKeys, exportKeys } from '../keys/export-keys';
import { AddInput, DisableInput, ExportInput, IdsInput, JobInput, ListInput } from '../keys/key-inputs';
import { listKeys } from '../keys/list-keys';
import { startVerifyJob, verifyProgress } from '../keys/verify-jobs';
import { adminProcedure, router } from '../trpc';

/**
 * The key table. Keys are addressed by id (their fingerprint) and shown masked; only `export`
 * and `copy` answer full keys. Unknown ids are a NOT_FOUND and change nothing.
 */
export const keysRouter = router({
  /** Paged, filtered, with live pool state and 24 h usage. */
  list: adminProcedure.input(ListInput).query(({ ctx, input }) => listKeys(ctx.deps, input)),
  /** Keys of one kind (default gemini) found in pasted text → { added, duplicates, invalid }. */
  add: adminProcedure.input(AddInput).mutation(({ ctx, input }) => addKeys(ctx.deps, input.text, input.kind)),
  delete: adminProcedure.input(IdsInput).mutation(({ ctx, input }) => deleteKeys(ctx.deps, input.ids)),
  enable: adminProcedure.input(IdsInput).mutation(({ ctx, input }) => changeKeys(ctx.deps, input.ids, enable)),
  disable: adminProcedure.input(DisableInput).mutation(({ ctx, input }) => changeKeys(ctx.deps, input.ids, (k) => disable(k, input.reason))),
  resetFailures: adminProcedure.input(IdsInput).mutation(({ ctx, input }) => changeKeys(ctx.deps, input.ids, resetFailures)),
  /** Starts a background probe of the keys → { jobId }; poll verifyStatus. */
  verify: adminProcedure.input(IdsInput).mutation(({ ctx, input }) => startVerifyJob(ctx.deps, input.ids)),
  verifyStatus: adminProcedure.input(JobInput).query(({ ctx, input }) => verifyProgress(ctx.deps, input.jobId)),
  /** Full keys of one kind (default gemini): { valid, invalid }. */
  export: adminProcedure.input(ExportInput).query(({ ctx, input }) => exportKeys(ctx.deps, input.kind)),
  /** Full keys for these ids. */
  copy: adminProcedure.input(IdsInput).query(({ ctx, input }) => copyKeys(ctx.deps, input.ids)),
});
