import { createToken, deleteTokens, listTokens, revealToken, updateToken } from '../tokens/manage-tokens';
import { CreateTokenInput, DeleteTokensInput, TokenIdInput, UpdateTokenInput } from '../tokens/token-input';
import { adminProcedure, router } from '../trpc';

/**
 * Access tokens: the API keys clients use against the proxy. Every change reloads the proxy's
 * registry before it answers, so it applies to the next proxied request.
 */
export const tokensRouter = router({
  /** Every token, the secret masked. */
  list: adminProcedure.query(({ ctx }) => listTokens(ctx.deps)),
  /** A mutation although it changes nothing: the same-site check applies and no cache keeps the answer. */
  reveal: adminProcedure.input(TokenIdInput).mutation(({ ctx, input }) => revealToken(ctx.deps, input.id)),
  /** Returns the token in full, this once. */
  create: adminProcedure.input(CreateTokenInput).mutation(({ ctx, input }) => createToken(ctx.deps, input)),
  update: adminProcedure.input(UpdateTokenInput).mutation(({ ctx, input }) => updateToken(ctx.deps, input)),
  delete: adminProcedure.input(DeleteTokensInput).mutation(({ ctx, input }) => deleteTokens(ctx.deps, input.ids)),
});
