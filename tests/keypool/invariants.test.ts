import { describe, test } from 'bun:test';
import {
  disable,
  enable,
  isAvailable,
  type KeyState,
  newKeyState,
  type Outcome,
  type PoolConfig,
  pick,
  pruneCooldowns,
  resetFailures,
  settle,
} from '../../server/keypool/machine';

// Random event sequences over the pure machine; each run is reproducible from its seed.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MODELS = ['gemini-2.5-pro', 'gemini-2.5-flash', 'constructor'] as const;

interface Run {
  readonly rand: () => number;
  readonly config: PoolConfig;
  readonly names: readonly string[];
  keys: KeyState[];
  now: number;
  cursor: number;
}

function int(run: Run, below: number): number {
  return Math.floor(run.rand() * below);
}

function randomOutcome(run: Run): Outcome {
  const model = MODELS[int(run, MODELS.length)] ?? 'gemini-2.5-pro';
  switch (int(run, 6)) {
    case 0:
      return { kind: 'ok', model };
    case 1:
      return { kind: 'rate-limited', model, retryAfterMs: run.rand() < 0.5 ? null : int(run, 90_000) };
    case 2:
      return { kind: 'key-invalid', reason: 'API_KEY_INVALID: API key not valid' };
    case 3:
      return { kind: 'transient', reason: '503: overloaded' };
    case 4:
      return { kind: 'client-error' };
    default:
      return { kind: 'cancelled' };
  }
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

function checkSettle(before: KeyState, after: KeyState, outcome: Outcome): void {
  if (outcome.kind === 'rate-limited') check(after.failures === before.failures && after.status === before.status, 'a 429 changed failures or status');
  if (outcome.kind === 'ok') check(after.status === 'active' && after.failures === 0, 'ok did not yield a healthy key');
  if (outcome.kind === 'transient') check(after.status !== 'disabled' || before.status === 'disabled', 'a transient failure disabled a key');
}

function settleOne(run: Run, index: number, outcome: Outcome): void {
  const before = run.keys[index];
  if (before === undefined) throw new Error(`no key at ${index}`);
  const after = settle(before, outcome, run.now, run.config);
  checkSettle(before, after, outcome);
  run.keys[index] = after;
}

function pickEvent(run: Run): void {
  const model = MODELS[int(run, MODELS.length)] ?? 'gemini-2.5-pro';
  const exclude = new Set(run.names.filter(() => run.rand() < 0.2));
  const candidates = run.keys.filter((k) => !exclude.has(k.key) && isAvailable(k, model, run.now));
  const result = pick(run.keys, run.cursor, model, run.now, exclude);
  if (result.index === null) {
    check(candidates.length === 0, `pick found nothing while ${candidates.length} keys were free for ${model}`);
    const waiting = run.keys.filter((k) => k.status !== 'disabled' && !exclude.has(k.key));
    const readyAts = waiting.map((k) => Math.max(k.cooldownUntil ?? 0, Object.hasOwn(k.modelCooldowns, model) ? (k.modelCooldowns[model] ?? 0) : 0));
    const earliest = readyAts.length === 0 ? null : Math.min(...readyAts);
    check(result.retryAt === earliest, `retryAt ${result.retryAt} is not the earliest availability ${earliest}`);
    if (result.retryAt !== null) check(result.retryAt > run.now, 'retryAt is not in the future');
    return;
  }
  const picked = run.keys[result.index];
  check(picked !== undefined && isAvailable(picked, model, run.now), 'picked a key that is not available');
  check(picked !== undefined && !exclude.has(picked.key), 'picked an excluded key');
  check(result.nextCursor === result.index + 1, 'nextCursor is not index + 1');
  run.cursor = result.nextCursor;
  if (run.rand() < 0.8) settleOne(run, result.index, randomOutcome(run));
}

function adminEvent(run: Run): void {
  const index = int(run, run.keys.length);
  const k = run.keys[index];
  if (k === undefined) throw new Error(`no key at ${index}`);
  const action = int(run, 4);
  run.keys[index] = action === 0 ? enable(k) : action === 1 ? disable(k, 'disabled by admin') : action === 2 ? resetFailures(k) : pruneCooldowns(k, run.now);
}

function step(run: Run): void {
  const r = run.rand();
  if (r < 0.45) pickEvent(run);
  else if (r < 0.7) settleOne(run, int(run, run.keys.length), randomOutcome(run));
  else if (r < 0.9) run.now += int(run, 120_001);
  else adminEvent(run);
}

function checkPool(run: Run): void {
  check(run.keys.length === run.names.length && run.keys.every((k, i) => k.key === run.names[i]), 'the key set changed');
  for (const k of run.keys) {
    const where = `key ${k.key}: ${JSON.stringify(k)}`;
    check((k.status === 'disabled') === (k.disabledReason !== null), `disabled ⇔ disabledReason broken, ${where}`);
    check(k.status !== 'cooling' || k.cooldownUntil !== null, `cooling without cooldownUntil, ${where}`);
    check(k.status === 'cooling' || k.cooldownUntil === null, `cooldownUntil outside cooling, ${where}`);
    check(Number.isInteger(k.failures) && k.failures >= 0, `bad failure count, ${where}`);
  }
}

function runSeed(seed: number): void {
  const rand = mulberry32(seed);
  const names = Array.from({ length: 1 + Math.floor(rand() * 12) }, (_, i) => `AIza-${seed}-${i}`);
  const config: PoolConfig = { maxFailures: 1 + Math.floor(rand() * 4), coolingBaseMs: 60_000, coolingMaxMs: 30 * 60_000, rateLimitDefaultMs: 60_000 };
  const run: Run = { rand, config, names, keys: names.map((n) => newKeyState(n, 'gemini')), now: 1_700_000_000_000, cursor: Math.floor(rand() * 50) };
  for (let event = 0; event < 2_000; event++) {
    try {
      step(run);
      checkPool(run);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`seed ${seed}, event ${event}: ${message}`);
    }
  }
}

describe('key machine invariants under random events', () => {
  const seeds = Array.from({ length: 20 }, (_, i) => 0x5eed + i * 7919);
  test.each(seeds)('seed %d', (seed) => runSeed(seed));
});
