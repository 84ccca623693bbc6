import { describe, expect, test } from 'bun:test';
import { type BreakerConfig, type BreakerState, closedBreaker, isOpen, recordOutcome } from '../../server/keypool/breaker';
import type { Outcome } from '../../server/keypool/machine';

const config: BreakerConfig = { windowMs: 10_000, openMs: 30_000, minKeys: 3, fraction: 0.5 };
const transient: Outcome = { kind: 'transient', reason: 'fetch failed' };
const ok: Outcome = { kind: 'ok', model: 'pro' };
const t0 = 1_000_000;

/** Transient failures from keys k0..k(n-1), one per `stepMs`, starting at `at`. */
function failKeys(s: BreakerState, n: number, at: number, poolSize: number, stepMs = 0): BreakerState {
  for (let i = 0; i < n; i++) s = recordOutcome(s, `k${i}`, transient, at + i * stepMs, poolSize, config);
  return s;
}

describe('circuit breaker', () => {
  test('opens when minKeys distinct keys fail in a small pool, not one key before', () => {
    const below = failKeys(closedBreaker, 2, t0, 4);
    expect(isOpen(below, t0)).toBe(false);
    expect(below.failing.size).toBe(2);
    const open = recordOutcome(below, 'k2', transient, t0 + 1, 4, config);
    expect(open).toEqual({ failing: new Map(), openUntil: t0 + 1 + 30_000 });
    expect(isOpen(open, t0 + 1)).toBe(true);
  });

  test('in a large pool the threshold is the fraction of the pool', () => {
    expect(isOpen(failKeys(closedBreaker, 49, t0, 100), t0)).toBe(false);
    expect(isOpen(failKeys(closedBreaker, 50, t0, 100), t0)).toBe(true);
    // ceil(0.5 × 7) = 4
    expect(isOpen(failKeys(closedBreaker, 3, t0, 7), t0)).toBe(false);
    expect(isOpen(failKeys(closedBreaker, 4, t0, 7), t0)).toBe(true);
  });

  test('the same key failing repeatedly counts once', () => {
    let s = closedBreaker;
    for (let i = 0; i < 10; i++) s = recordOutcome(s, 'k0', transient, t0 + i, 4, config);
    expect(isOpen(s, t0 + 10)).toBe(false);
    expect(s.failing).toEqual(new Map([['k0', t0 + 9]]));
  });

  test('failures older than the window are forgotten', () => {
    const s = failKeys(closedBreaker, 2, t0, 4);
    const later = recordOutcome(s, 'k2', transient, t0 + 10_001, 4, config);
    expect(isOpen(later, t0 + 10_001)).toBe(false);
    expect([...later.failing.keys()]).toEqual(['k2']);
    // Exactly windowMs old still counts.
    expect(isOpen(recordOutcome(s, 'k2', transient, t0 + 10_000, 4, config), t0 + 10_000)).toBe(true);
  });

  test('a key failing again refreshes its time in the window', () => {
    let s = failKeys(closedBreaker, 2, t0, 4);
    s = recordOutcome(s, 'k0', transient, t0 + 8_000, 4, config);
    s = recordOutcome(s, 'k2', transient, t0 + 12_000, 4, config);
    expect(isOpen(s, t0 + 12_000)).toBe(false);
    expect([...s.failing.keys()].sort()).toEqual(['k0', 'k2']);
  });

  test('any ok clears the remembered failures', () => {
    const s = recordOutcome(failKeys(closedBreaker, 2, t0, 4), 'k9', ok, t0 + 1, 4, config);
    expect(s.failing.size).toBe(0);
    expect(isOpen(recordOutcome(s, 'k2', transient, t0 + 2, 4, config), t0 + 2)).toBe(false);
    // Nothing to clear: the very same state comes back (ok is the hot path).
    expect(recordOutcome(closedBreaker, 'k0', ok, t0, 4, config)).toBe(closedBreaker);
  });

  test('outcomes that say nothing about the upstream leave the state as is', () => {
    const s = failKeys(closedBreaker, 2, t0, 4);
    const others: Outcome[] = [
      { kind: 'rate-limited', model: 'pro', retryAfterMs: null },
      { kind: 'key-invalid', reason: 'API_KEY_INVALID' },
      { kind: 'client-error' },
      { kind: 'cancelled' },
    ];
    for (const outcome of others) expect(recordOutcome(s, 'k3', outcome, t0 + 1, 4, config)).toBe(s);
  });

  test('closes by itself after openMs', () => {
    const open = failKeys(closedBreaker, 3, t0, 4);
    expect(isOpen(open, t0 + 29_999)).toBe(true);
    expect(isOpen(open, t0 + 30_000)).toBe(false);
    expect(isOpen(closedBreaker, t0)).toBe(false);
  });

  test('never mutates the state it was given', () => {
    const s = failKeys(closedBreaker, 2, t0, 4);
    const copy = new Map(s.failing);
    recordOutcome(s, 'k2', transient, t0 + 1, 4, config);
    recordOutcome(s, 'k2', ok, t0 + 1, 4, config);
    expect(s.failing).toEqual(copy);
    expect(closedBreaker).toEqual({ failing: new Map(), openUntil: null });
  });
});
