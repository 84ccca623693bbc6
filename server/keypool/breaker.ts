import type { Outcome } from './machine';

/**
 * Circuit breaker over the whole pool (DESIGN §5). When many distinct keys fail transiently at
 * once, the cause is almost certainly ours (network down, server IP throttled), not the keys':
 * the pool should stop counting those failures against keys and answer 503 quickly instead.
 * Pure: the caller holds the state and passes `now`.
 */

export interface BreakerConfig {
  readonly windowMs: number;
  readonly openMs: number;
  readonly minKeys: number;
  readonly fraction: number;
}

/** `failing`: key → time of its latest transient failure within the window. */
export interface BreakerState {
  readonly failing: ReadonlyMap<string, number>;
  readonly openUntil: number | null;
}

export const closedBreaker: BreakerState = { failing: new Map(), openUntil: null };

function threshold(poolSize: number, c: BreakerConfig): number {
  // At least one: a zero threshold would open on nothing at all.
  return Math.max(1, c.minKeys, Math.ceil(c.fraction * poolSize));
}

function recordFailure(s: BreakerState, key: string, now: number, poolSize: number, c: BreakerConfig): BreakerState {
  const failing = new Map<string, number>();
  for (const [k, at] of s.failing) if (now - at <= c.windowMs) failing.set(k, at);
  failing.set(key, now);
  if (failing.size >= threshold(poolSize, c)) return { failing: new Map(), openUntil: now + c.openMs };
  return { failing, openUntil: s.openUntil };
}

/**
 * Feed every settled outcome. A transient failure is remembered per key; any ok clears the
 * failures (but not an open breaker: a straggler that started before the outage must not make it
 * flap; it closes by itself after openMs). Other outcomes say nothing about the upstream's health.
 */
export function recordOutcome(s: BreakerState, key: string, outcome: Outcome, now: number, poolSize: number, c: BreakerConfig): BreakerState {
  if (outcome.kind === 'transient') return recordFailure(s, key, now, poolSize, c);
  // ok is the common case: return the same state when there is nothing to clear.
  if (outcome.kind === 'ok' && s.failing.size > 0) return { failing: new Map(), openUntil: s.openUntil };
  return s;
}

export function isOpen(s: BreakerState, now: number): boolean {
  return s.openUntil !== null && now < s.openUntil;
}
