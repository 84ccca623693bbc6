import { initTRPC, TRPCError } from '@trpc/server';
import { databaseUnavailable } from '../../db/unavailable';
import type { AdminContext } from './context';
import { SettingsRejected } from './settings/apply-settings';

const t = initTRPC.context<AdminContext>().create({
  // Never a stack trace (file paths) in an answer, whatever NODE_ENV says.
  isDev: false,
  errorFormatter: ({ shape, error }) => {
    // An unexpected error's text can carry a database driver's query parameters (a token, a
    // proxy password): the server log gets a redacted line (mount.ts), the client a fixed one.
    const message = error.code === 'INTERNAL_SERVER_ERROR' ? 'Internal error: the server log has the details.' : shape.message;
    const { stack: _stack, ...data } = shape.data;
    // A refused settings save names each field and why, for the dashboard's inline messages.
    return { ...shape, message, data: { ...data, fields: error.cause instanceof SettingsRejected ? error.cause.fields : null } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Refuses state changes a page on another site makes a logged-in browser send (CSRF). */
const sameSiteMutations = t.middleware(({ ctx, type, next }) => {
  if (type === 'mutation' && ctx.crossSite) throw new TRPCError({ code: 'FORBIDDEN', message: 'Changes are only accepted from the dashboard itself (cross-site request refused).' });
  return next();
});

/**
 * The database away (or unable to write) is not an internal error: a 503 that says so, and what
 * it means for the change (FAQ 28: the original answered "HTTP error 400" and nothing more).
 */
const databaseAway = t.middleware(async ({ type, next }) => {
  const result = await next();
  if (result.ok) return result;
  const why = databaseUnavailable(result.error);
  if (why === undefined) return result;
  // Some changes are written in several steps: one may have been saved before the database went.
  const consequence = type === 'mutation' ? 'the change may not have been saved' : 'this cannot be shown now';
  throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: `The database is not available (${why}): ${consequence}. Try again when it is back; /health shows its state.`, cause: result.error });
});

/** Login only. */
export const publicProcedure = t.procedure.use(databaseAway).use(sameSiteMutations);

/** Everything else: a valid session is required. */
export const adminProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Log in to the dashboard first (no valid session).' });
  return next({ ctx: { ...ctx, session: ctx.session } });
});
