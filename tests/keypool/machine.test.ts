import { describe, expect, test } from 'bun:test';
import {
  disable,
  enable,
  isAvailable,
  newKeyState,
  pick,
  type KeyState,
  type KeyStatus,
  type Outcome,
  type PoolConfig,
  pruneCooldowns,
  resetFailures,
  settle,
} from '../../server/keypool/machine';

const now = 1_000_000;
const config: PoolConfig = { maxFailures: 3, coolingBaseMs: 60_000, coolingMaxMs: 30 * 60_000, rateLimitDefaultMs: 60_000 };
const cooldowns = { pro: now + 5_000, flash: now + 1_000 };

function deepFreeze(k: KeyState): KeyState {
  Object.freeze(k.modelCooldowns);
  return Object.freeze(k);
}

const starts: Record<KeyStatus, KeyState> = {
  active: deepFreeze({ ...newKeyState('AIza-a', 'gemini'), failures: 1, lastUsedAt: 5, modelCooldowns: cooldowns }),
  cooling: deepFreeze({ ...newKeyState('AIza-c', 'gemini'), status: 'cooling', failures: 3, cooldownUntil: now + 10_000, lastUsedAt: 5, modelCooldowns: cooldowns }),
  disabled: deepFreeze({ ...newKeyState('AIza-d', 'paid'), status: 'disabled', failures: 2, disabledReason: 'API_KEY_INVALID: old', lastUsedAt: 5, modelCooldowns: cooldowns }),
};

const outcomes = {
  ok: { kind: 'ok', model: 'pro' },
  'rate-limited': { kind: 'rate-limited', model: 'pro', retryAfterMs: 30_000 },
  'key-invalid': { kind: 'key-invalid', reason: 'CONSUMER_SUSPENDED: new' },
  transient: { kind: 'transient', reason: '503: overloaded' },
  'client-error': { kind: 'client-error' },
  cancelled: { kind: 'cancelled' },
} satisfies Record<Outcome['kind'], Outcome>;

type Expected = Partial<Pick<KeyState, 'status' | 'failures' | 'cooldownUntil' | 'disabledReason' | 'modelCooldowns'>>;
const recovered: Expected = { status: 'active', failures: 0, cooldownUntil: null, disabledReason: null, modelCooldowns: { flash: now + 1_000 } };
const limited = { modelCooldowns: { pro: now + 30_000, flash: now + 1_000 } };
const invalid = { status: 'disabled', cooldownUntil: null, disabledReason: 'CONSUMER_SUSPENDED: new' } as const;

// [starting status, outcome, fields that differ from the start besides lastUsedAt = now]
const table: Array<[KeyStatus, keyof typeof outcomes, Expected]> = [
  ['active', 'ok', recovered],
  ['active', 'rate-limited', limited],
  ['active', 'key-invalid', invalid],
  ['active', 'transient', { failures: 2 }],
  ['active', 'client-error', {}],
  ['active', 'cancelled', {}],
  ['cooling', 'ok', recovered],
  ['cooling', 'rate-limited', limited],
  ['cooling', 'key-invalid', invalid],
  // Fourth failure with maxFailures 3: the rest doubles.
  ['cooling', 'transient', { failures: 4, cooldownUntil: now + 120_000 }],
  ['cooling', 'client-error', {}],
  ['cooling', 'cancelled', {}],
  ['disabled', 'ok', recovered],
  ['disabled', 'rate-limited', limited],
  ['disabled', 'key-invalid', { disabledReason: 'CONSUMER_SUSPENDED: new' }],
  ['disabled', 'transient', { failures: 3 }],
  ['disabled', 'client-error', {}],
  ['disabled', 'cancelled', {}],
];

describe('settle', () => {
  test.each(table)('%s + %s', (status, outcome, expected) => {
    const start = starts[status];
    const before = structuredClone(start);
    expect(settle(start, outcomes[outcome], now, config)).toEqual({ ...start, ...expected, lastUsedAt: now });
    expect(start).toEqual(before);
  });

  test('transient failures cool the key at maxFailures, with a rest that doubles up to the cap', () => {
    let k = newKeyState('AIza-x', 'gemini');
    k = settle(k, outcomes.transient, now, config);
    k = settle(k, outcomes.transient, now, config);
    expect(k).toMatchObject({ status: 'active', failures: 2, cooldownUntil: null });
    const rests: number[] = [];
    for (let i = 0; i < 8; i++) {
      k = settle(k, outcomes.transient, now, config);
      expect(k.status).toBe('cooling');
      rests.push((k.cooldownUntil ?? 0) - now);
    }
    expect(rests).toEqual([60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000, 1_800_000, 1_800_000]);
  });

  test('maxFailures 1 cools on the first failure; a huge failure count stays capped and finite', () => {
    const one = { ...config, maxFailures: 1 };
    expect(settle(newKeyState('k', 'gemini'), outcomes.transient, now, one)).toMatchObject({ status: 'cooling', cooldownUntil: now + 60_000 });
    const many = { ...newKeyState('k', 'gemini'), failures: 5_000 };
    expect(settle(many, outcomes.transient, now, config).cooldownUntil).toBe(now + config.coolingMaxMs);
    expect(settle(many, outcomes.transient, now, { ...config, coolingBaseMs: 0 }).cooldownUntil).toBe(now);
  });

  test('a 429 without a retry delay rests the model for rateLimitDefaultMs', () => {
    const k = settle(newKeyState('k', 'gemini'), { kind: 'rate-limited', model: 'pro', retryAfterMs: null }, now, config);
    expect(k.modelCooldowns).toEqual({ pro: now + 60_000 });
  });

  test('model names that are Object.prototype properties are ordinary models', () => {
    const k = newKeyState('k', 'gemini');
    expect(isAvailable(k, 'constructor', now)).toBe(true);
    expect(isAvailable(k, '__proto__', now)).toBe(true);
    const limited = settle(k, { kind: 'rate-limited', model: '__proto__', retryAfterMs: 1_000 }, now, config);
    expect(Object.keys(limited.modelCooldowns)).toEqual(['__proto__']);
    expect(isAvailable(limited, '__proto__', now)).toBe(false);
    expect(isAvailable(limited, '__proto__', now + 1_000)).toBe(true);
    expect(settle(limited, { kind: 'ok', model: '__proto__' }, now, config).modelCooldowns).toEqual({});
    expect(pruneCooldowns(limited, now).modelCooldowns).toEqual(limited.modelCooldowns);
  });
});

describe('isAvailable', () => {
  test('a cooling key is available again once its rest is over (half-open)', () => {
    const k = { ...newKeyState('k', 'gemini'), status: 'cooling', failures: 3, cooldownUntil: now } as const;
    expect(isAvailable(k, 'pro', now - 1)).toBe(false);
    expect(isAvailable(k, 'pro', now)).toBe(true);
  });

  test('rate limits are per model', () => {
    const k = { ...newKeyState('k', 'gemini'), modelCooldowns: { pro: now + 10 } };
    expect(isAvailable(k, 'pro', now)).toBe(false);
    expect(isAvailable(k, 'flash', now)).toBe(true);
    expect(isAvailable(k, 'pro', now + 10)).toBe(true);
  });

  test('a disabled key is never available', () => {
    expect(isAvailable(disable(newKeyState('k', 'gemini'), 'admin'), 'pro', now)).toBe(false);
  });
});

describe('admin transitions', () => {
  test('enable clears everything', () => {
    const k = enable(starts.disabled);
    expect(k).toEqual({ ...starts.disabled, status: 'active', failures: 0, cooldownUntil: null, disabledReason: null, modelCooldowns: {} });
  });

  test('disable keeps failures and cooldowns, records the reason, ends any cooling', () => {
    expect(disable(starts.cooling, 'by admin')).toEqual({ ...starts.cooling, status: 'disabled', disabledReason: 'by admin', cooldownUntil: null });
  });

  test('resetFailures ends cooling but does not enable a disabled key', () => {
    expect(resetFailures(starts.cooling)).toEqual({ ...starts.cooling, status: 'active', failures: 0, cooldownUntil: null });
    expect(resetFailures(starts.disabled)).toEqual({ ...starts.disabled, failures: 0 });
    expect(resetFailures(starts.active)).toEqual({ ...starts.active, failures: 0 });
  });

  test('pruneCooldowns drops expired entries and returns the same object when none expired', () => {
    expect(pruneCooldowns(starts.active, now)).toBe(starts.active);
    expect(pruneCooldowns(starts.active, now + 1_000).modelCooldowns).toEqual({ pro: now + 5_000 });
    expect(pruneCooldowns(starts.active, now + 5_000).modelCooldowns).toEqual({});
    expect(starts.active.modelCooldowns).toEqual(cooldowns);
  });
});

describe('pick', () => {
  const none: ReadonlySet<string> = new Set();
  const fresh = (n: number) => Array.from({ length: n }, (_, i) => newKeyState(`k${i}`, 'gemini'));
  const order = (keys: readonly KeyState[], cursor: number, picks: number, model = 'pro', exclude = none) => {
    const seen: Array<number | null> = [];
    for (let i = 0; i < picks; i++) {
      const r = pick(keys, cursor, model, now, exclude);
      seen.push(r.index);
      if (r.index !== null) cursor = r.nextCursor;
    }
    return seen;
  };

  test('round robin from the cursor, wrapping around', () => {
    expect(order(fresh(3), 0, 5)).toEqual([0, 1, 2, 0, 1]);
    expect(order(fresh(3), 5, 3)).toEqual([2, 0, 1]);
    expect(pick(fresh(3), 2, 'pro', now, none)).toEqual({ index: 2, nextCursor: 3 });
  });

  test('skips disabled, resting, model-limited and excluded keys', () => {
    const keys = fresh(6);
    keys[0] = disable(keys[0]!, 'admin');
    keys[1] = { ...keys[1]!, status: 'cooling', failures: 3, cooldownUntil: now + 1 };
    keys[2] = { ...keys[2]!, modelCooldowns: { pro: now + 1 } };
    expect(order(keys, 0, 4, 'pro', new Set(['k4']))).toEqual([3, 5, 3, 5]);
    // The key limited for 'pro' still serves 'flash'.
    expect(order(keys, 0, 4, 'flash')).toEqual([2, 3, 4, 5]);
  });

  test('a cooling key becomes pickable when its rest is over', () => {
    const keys = [{ ...newKeyState('k0', 'gemini'), status: 'cooling', failures: 3, cooldownUntil: now + 500 } as const];
    expect(pick(keys, 0, 'pro', now + 499, none)).toEqual({ index: null, retryAt: now + 500 });
    expect(pick(keys, 0, 'pro', now + 500, none)).toEqual({ index: 0, nextCursor: 1 });
  });

  test('retryAt is the earliest time a usable key frees up for this model', () => {
    const keys: KeyState[] = [
      { ...newKeyState('cool', 'gemini'), status: 'cooling', failures: 3, cooldownUntil: now + 900, modelCooldowns: { pro: now + 2_000 } },
      { ...newKeyState('limited', 'gemini'), modelCooldowns: { pro: now + 1_500, flash: now + 100 } },
      { ...newKeyState('both', 'gemini'), status: 'cooling', failures: 3, cooldownUntil: now + 1_200, modelCooldowns: { flash: now + 50 } },
      disable({ ...newKeyState('dead', 'gemini'), modelCooldowns: { pro: now + 10 } }, 'invalid'),
      { ...newKeyState('excluded', 'gemini'), modelCooldowns: { pro: now + 20 } },
    ];
    const excluded = new Set(['excluded']);
    // cool: max(900, 2000) = 2000; limited: 1500; both: 1200 → 1200, whatever the cursor.
    for (let cursor = 0; cursor < 5; cursor++) expect(pick(keys, cursor, 'pro', now, excluded)).toEqual({ index: null, retryAt: now + 1_200 });
    expect(pick(keys, 0, 'flash', now, excluded)).toEqual({ index: null, retryAt: now + 100 });
  });

  test('retryAt is null when no key could ever serve: empty, all disabled, all excluded', () => {
    expect(pick([], 0, 'pro', now, none)).toEqual({ index: null, retryAt: null });
    expect(pick(fresh(3).map((k) => disable(k, 'x')), 1, 'pro', now, none)).toEqual({ index: null, retryAt: null });
    expect(pick(fresh(2), 0, 'pro', now, new Set(['k0', 'k1']))).toEqual({ index: null, retryAt: null });
  });

  test('100,000 keys with the first one free: returns the cursor at once', () => {
    const keys = fresh(100_000);
    expect(pick(keys, 0, 'pro', now, none)).toEqual({ index: 0, nextCursor: 1 });
    expect(pick(keys, 250_017, 'pro', now, none)).toEqual({ index: 50_017, nextCursor: 50_018 });
    expect(pick(keys, 99_999, 'pro', now, none)).toEqual({ index: 99_999, nextCursor: 100_000 });
  });
});
