/**
 * Counts failures per address in a sliding window: the dashboard login (5 a minute) and wrong
 * client tokens on the proxy routes (AUTH_TOKEN is a client token too, so guessing it there must
 * be limited as well). In memory, bounded.
 */
export interface FailureLimiter {
  fail(address: string, now: number): void;
  blocked(address: string, now: number): boolean;
  /** Seconds until the address may try again (for Retry-After). */
  retryAfterSeconds(address: string, now: number): number;
  /** Whether any address has failed lately: when none has, callers skip working out the address. */
  active(): boolean;
}

export function createFailureLimiter(max: number, windowMs = 60_000, maxAddresses = 10_000): FailureLimiter {
  const failures = new Map<string, number[]>();
  const recent = (address: string, now: number) => (failures.get(address) ?? []).filter((at) => now - at < windowMs);
  return {
    fail(address, now) {
      failures.set(address, [...recent(address, now), now].slice(-max));
      // An attacker rotating addresses cannot grow this without end: the oldest address goes.
      if (failures.size > maxAddresses) failures.delete(failures.keys().next().value ?? '');
    },
    blocked(address, now) {
      const count = recent(address, now).length;
      // Forget addresses whose failures have aged out, so active() turns false again.
      if (count === 0) failures.delete(address);
      return count >= max;
    },
    active: () => failures.size > 0,
    retryAfterSeconds(address, now) {
      const oldest = recent(address, now)[0];
      return oldest === undefined ? 0 : Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
    },
  };
}
