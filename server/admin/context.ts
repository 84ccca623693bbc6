import type { Deps } from '../deps';
import { publicOrigin } from '../proxy/not-found';
import type { AdminState } from './admin-state';
import { cookieValue, type Session, verifySession } from './session';

/** What every procedure gets. `resHeaders` is where login/logout set the cookie. */
export interface AdminContext {
  readonly deps: Deps;
  readonly admin: AdminState;
  readonly session: Session | null;
  /** The client's address (first X-Forwarded-For hop behind a proxy), for the login rate limit. */
  readonly address: string;
  /** The browser reached us over https (directly or through a proxy that says X-Forwarded-Proto). */
  readonly https: boolean;
  /** A browser request from another site: mutations refuse it (CSRF). */
  readonly crossSite: boolean;
  readonly resHeaders: Headers;
}

function isCrossSite(request: Request): boolean {
  if (request.headers.get('sec-fetch-site') === 'cross-site') return true;
  const origin = request.headers.get('origin');
  // No Origin: not a browser's cross-site request (scripts, curl, same-origin GETs).
  if (!origin) return false;
  return !URL.canParse(origin) || new URL(origin).host !== new URL(publicOrigin(request)).host;
}

export interface ContextInput {
  readonly request: Request;
  readonly resHeaders: Headers;
  /** The TCP peer, when the server knows it. */
  readonly peer: string | undefined;
}

export function createAdminContext(input: ContextInput, deps: Deps, admin: AdminState): AdminContext {
  const { request } = input;
  const now = deps.now();
  const value = cookieValue(request.headers.get('cookie'));
  const verified = value === undefined ? undefined : verifySession(value, deps.settings.sessionSecret, deps.settings.authTokenHash, now);
  const session = verified && !admin.isRevoked(verified.id, now) ? verified : null;
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return {
    deps,
    admin,
    session,
    address: forwarded || input.peer || 'unknown',
    https: publicOrigin(request).startsWith('https:'),
    crossSite: isCrossSite(request),
    resHeaders: input.resHeaders,
  };
}
