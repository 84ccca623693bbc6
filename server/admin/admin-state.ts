/**
 * What the admin API keeps between requests, in memory: sessions ended by logout (until they
 * would have expired anyway), and failed logins per address for the rate limit.
 */
export interface AdminState {
  revoke(sessionId: string, expiresAt: number): void;
  isRevoked(sessionId: string, now: number): boolean;
  /** Records a failed login; true when the address has failed too often in the last minute. */
  failedLogin(address: string, now: number): void;
  tooManyFailures(address: string, now: number): boolean;
}

const WINDOW_MS = 60_000;
const MAX_FAILURES = 5;

export function createAdminState(): AdminState {
  const revoked = new Map<string, number>();
  const failures = new Map<string, number[]>();
  const recent = (address: string, now: number) => (failures.get(address) ?? []).filter((at) => now - at < WINDOW_MS);
  return {
    revoke(id, expiresAt) {
      revoked.set(id, expiresAt);
    },
    isRevoked(id, now) {
      for (const [other, until] of revoked) if (until <= now) revoked.delete(other);
      return revoked.has(id);
    },
    failedLogin(address, now) {
      failures.set(address, [...recent(address, now), now]);
      // Bounded: an attacker rotating addresses cannot grow this without end.
      if (failures.size > 10_000) failures.delete(failures.keys().next().value ?? '');
    },
    tooManyFailures: (address, now) => recent(address, now).length >= MAX_FAILURES,
  };
}
