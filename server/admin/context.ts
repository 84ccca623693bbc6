import type { Deps } from '../deps';
import { publicOrigin } from '../proxy/not-found';
import { clientAddress } from '../client-address';
import type { AdminState } from './admin-state';
import { cookieValue, type Session, verifySession } from './session';

/** What every procedure gets. `resHeaders` is where login/logout set the cookie. */
export interface AdminContext {
  readonly deps: Deps;
  readonly admin: AdminState;
  readonly session: Session | null;
  /** The client's address, for the login rate limit (see clientAddress). */
  readonly address: string;
  /** The browser reached us over https (directly or through a proxy that says X-Forwarded-Proto). */
  readonly https: boolean;
  /** A browser request from another site: mutations refuse it (CSRF). */
  readonly crossSite: boolean;
  readonly resHeaders: Headers;
}

/**
 * Browsers say where a request comes from in Sec-Fetch-Site; that is trusted first. Only an older
 * browser without it is judged by Origin against Host — and a reverse proxy that rewrites Host
 * (a plain nginx `proxy_pass`) would make that comparison refuse the dashboard's own login.
 */
function isCrossSite(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site) return site === 'cross-site';
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
  const session = verified && !deps.revokedSessions.has(verified.id, now) ? verified : null;
  return {
    deps,
    admin,
    session,
    address: clientAddress(request, input.peer),
    https: publicOrigin(request).startsWith('https:'),
    crossSite: isCrossSite(request),
    resHeaders: input.resHeaders,
  };
}
