import { createFailureLimiter } from '../failure-limiter';

/**
 * What the admin API keeps between requests, in memory: failed logins per address for the rate
 * limit. (Sessions ended by a logout are shared through the database: deps.revokedSessions.)
 */
export interface AdminState {
  /** Records a failed login. */
  failedLogin(address: string, now: number): void;
  /** More than 5 wrong logins in the last minute from this address. */
  tooManyFailures(address: string, now: number): boolean;
}

export function createAdminState(): AdminState {
  const logins = createFailureLimiter(5);
  return {
    failedLogin: (address, now) => logins.fail(address, now),
    tooManyFailures: (address, now) => logins.blocked(address, now),
  };
}
