import { randomBytes, timingSafeEqual } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import * as v from 'valibot';
import { hashToken } from '../../settings/auth-token';
import { clearedCookie, sessionCookie, signSession } from '../session';
import { adminProcedure, publicProcedure, router } from '../trpc';

const LoginInput = v.object({ token: v.pipe(v.string(), v.nonEmpty('Enter the AUTH_TOKEN.'), v.maxLength(1000)) });

/** Constant-time: both sides are `sha256:` + 64 hex characters. */
function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const authRouter = router({
  login: publicProcedure.input(LoginInput).mutation(({ ctx, input }) => {
    const now = ctx.deps.now();
    if (ctx.admin.tooManyFailures(ctx.address, now)) {
      throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: 'Too many wrong tokens from this address; wait a minute.' });
    }
    if (!sameHash(hashToken(input.token), ctx.deps.settings.authTokenHash)) {
      ctx.admin.failedLogin(ctx.address, now);
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Wrong AUTH_TOKEN.' });
    }
    const maxAgeSeconds = ctx.deps.settings.current.ADMIN_SESSION_EXPIRE;
    const session = { id: randomBytes(16).toString('base64url'), expiresAt: now + maxAgeSeconds * 1000 };
    const value = signSession(session, ctx.deps.settings.sessionSecret, ctx.deps.settings.authTokenHash);
    ctx.resHeaders.append('set-cookie', sessionCookie(value, { maxAgeSeconds, secure: ctx.https }));
    return { expiresAt: session.expiresAt };
  }),

  logout: adminProcedure.mutation(async ({ ctx }) => {
    await ctx.deps.revokedSessions.revoke(ctx.session.id, ctx.session.expiresAt, ctx.deps.now());
    ctx.resHeaders.append('set-cookie', clearedCookie(ctx.https));
    return { loggedOut: true };
  }),

  /** Whether the browser has a valid session (the dashboard asks before showing the login page). */
  session: publicProcedure.query(({ ctx }) => ({ loggedIn: ctx.session !== null, expiresAt: ctx.session?.expiresAt ?? null })),
});
