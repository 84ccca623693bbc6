import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Dashboard sessions: a signed cookie, not the raw AUTH_TOKEN (the original's cookie was the
 * password itself). The signature covers the session id, its expiry and the current AUTH_TOKEN
 * hash, so changing AUTH_TOKEN (dashboard, reset-auth script, env) ends every session at once.
 * Pure: time and ids are passed in.
 */
export const SESSION_COOKIE = 'gb_session';

export interface Session {
  readonly id: string;
  /** Unix ms. */
  readonly expiresAt: number;
}

const mac = (secret: string, id: string, expiresAt: number, authTokenHash: string) =>
  createHmac('sha256', secret).update(`${id}.${expiresAt}.${authTokenHash}`).digest('base64url');

export function signSession(session: Session, secret: string, authTokenHash: string): string {
  return `${session.id}.${session.expiresAt}.${mac(secret, session.id, session.expiresAt, authTokenHash)}`;
}

/** The session a cookie value proves, or undefined (forged, expired, or from before a token change). */
export function verifySession(value: string, secret: string, authTokenHash: string, now: number): Session | undefined {
  const [id, expires, signature, extra] = value.split('.');
  if (!id || !expires || !signature || extra !== undefined || !/^\d+$/.test(expires)) return undefined;
  const expiresAt = Number(expires);
  const expected = Buffer.from(mac(secret, id, expiresAt, authTokenHash));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return expiresAt > now ? { id, expiresAt } : undefined;
}

export interface CookieOptions {
  readonly maxAgeSeconds: number;
  /** Only over https: a Secure cookie set over plain http would be dropped by the browser. */
  readonly secure: boolean;
}

export function sessionCookie(value: string, o: CookieOptions): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${o.maxAgeSeconds}${o.secure ? '; Secure' : ''}`;
}

export function clearedCookie(secure: boolean): string {
  return sessionCookie('', { maxAgeSeconds: 0, secure });
}

/** The session cookie's value in a Cookie header. */
export function cookieValue(header: string | null): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return rest.join('=');
  }
  return undefined;
}
