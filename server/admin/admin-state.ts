import { createFailureLimiter } from '../failure-limiter';

/**
 * What the admin API keeps between requests, in memory: sessions ended by logout (until they
 * would have expired anyway), and failed logins per address for the rate limit.
 */
export interface AdminState {
  revoke(sessionId: string, expiresAt: number): void;
  isRevoked(sessionId: string, now: number): boolean;
  /** Records a failed login. */
  failedLogin(address: string, now: number): void;
  /** More than 5 wrong logins in the last minute from this address. */
  tooManyFailures(address: string, now: number): boolean;
}

export function createAdminState(): AdminState {
  const revoked = new Map<string, number>();
  const logins = createFailureLimiter(5);
  return {
    revoke(id, expiresAt) {
      revoked.set(id, expiresAt);
    },
    isRevoked(id, now) {
      for (const [other, until] of revoked) if (until <= now) revoked.delete(other);
      return revoked.has(id);
    },
    failedLogin: (address, now) => logins.fail(address, now),
    tooManyFailures: (address, now) => logins.blocked(address, now),
  };
}
