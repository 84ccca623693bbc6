/**
 * The key state machine (DESIGN §5), pure: time and config come in as arguments, every
 * transition returns a new KeyState. The product's promise is to never wrongly kill a good key,
 * so only an explicit key-invalid answer disables; 429s and transient failures only rest it.
 */

export const KEY_KINDS = ['gemini', 'vertex', 'paid'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];
export type KeyStatus = 'active' | 'cooling' | 'disabled';

export interface KeyState {
  readonly key: string;
  readonly kind: KeyKind;
  readonly status: KeyStatus;
  /** Consecutive transient failures (5xx, timeout, network) since the last success. */
  readonly failures: number;
  /** When status is 'cooling': until when the whole key rests. Otherwise null. */
  readonly cooldownUntil: number | null;
  /** When status is 'disabled': why (e.g. "API_KEY_INVALID: API key not valid..."). Otherwise null. */
  readonly disabledReason: string | null;
  readonly lastUsedAt: number | null;
  /** 429 per model: model name → epoch ms until which this key must not be used for that model. */
  readonly modelCooldowns: Readonly<Record<string, number>>;
}

export type Outcome =
  | { kind: 'ok'; model: string }
  | { kind: 'rate-limited'; model: string; retryAfterMs: number | null }
  | { kind: 'key-invalid'; reason: string }
  | { kind: 'transient'; reason: string }
  | { kind: 'client-error' }
  | { kind: 'cancelled' };

export interface PoolConfig {
  readonly maxFailures: number;
  /** Rest after reaching maxFailures; grows with repeated failures: base * 2^(failures - maxFailures), capped. */
  readonly coolingBaseMs: number;
  readonly coolingMaxMs: number;
  /** 429 without RetryInfo.retryDelay. */
  readonly rateLimitDefaultMs: number;
}

export type PickResult = { index: number; nextCursor: number } | { index: null; retryAt: number | null };

export function newKeyState(key: string, kind: KeyKind): KeyState {
  return { key, kind, status: 'active', failures: 0, cooldownUntil: null, disabledReason: null, lastUsedAt: null, modelCooldowns: {} };
}

/** Model names come from clients: "constructor" or "__proto__" must not read Object.prototype. */
function modelCooldown(cooldowns: Readonly<Record<string, number>>, model: string): number | undefined {
  return Object.hasOwn(cooldowns, model) ? cooldowns[model] : undefined;
}

/**
 * When the key may next be used for `model`, assuming it is not disabled. A cooling key whose rest
 * is over is usable again (half-open): the next outcome decides whether it recovers or rests longer.
 */
function readyAt(k: KeyState, model: string): number {
  const cooling = k.status === 'cooling' ? (k.cooldownUntil ?? 0) : 0;
  const perModel = modelCooldown(k.modelCooldowns, model) ?? 0;
  return cooling > perModel ? cooling : perModel;
}

export function isAvailable(k: KeyState, model: string, now: number): boolean {
  return k.status !== 'disabled' && readyAt(k, model) <= now;
}

/**
 * Round robin from `cursor`. One pass, no allocation: this runs on every request over pools of up
 * to 100,000 keys. While walking, it also tracks the earliest time a skipped key becomes usable,
 * so a miss can tell the client when to retry without a second pass.
 */
export function pick(keys: readonly KeyState[], cursor: number, model: string, now: number, exclude: ReadonlySet<string>): PickResult {
  const n = keys.length;
  if (n === 0) return { index: null, retryAt: null };
  const start = ((Math.trunc(cursor) % n) + n) % n;
  const checkExclude = exclude.size > 0;
  let retryAt: number | null = null;
  for (let step = 0; step < n; step++) {
    const index = start + step < n ? start + step : start + step - n;
    const k = keys[index];
    if (k === undefined || k.status === 'disabled') continue;
    if (checkExclude && exclude.has(k.key)) continue;
    const at = readyAt(k, model);
    if (at <= now) return { index, nextCursor: index + 1 };
    if (retryAt === null || at < retryAt) retryAt = at;
  }
  return { index: null, retryAt };
}

function coolingMs(failures: number, config: PoolConfig): number {
  // Capping the exponent keeps the product finite (base 0 × Infinity would be NaN).
  const exponent = Math.min(Math.max(failures - config.maxFailures, 0), 52);
  return Math.min(config.coolingMaxMs, config.coolingBaseMs * 2 ** exponent);
}

function withoutModel(cooldowns: Readonly<Record<string, number>>, model: string): Readonly<Record<string, number>> {
  if (!Object.hasOwn(cooldowns, model)) return cooldowns;
  const { [model]: _dropped, ...rest } = cooldowns;
  return rest;
}

function rateLimitMs(retryAfterMs: number | null, config: PoolConfig): number {
  return retryAfterMs !== null && Number.isFinite(retryAfterMs) && retryAfterMs >= 0 ? retryAfterMs : config.rateLimitDefaultMs;
}

function afterTransient(k: KeyState, now: number, config: PoolConfig): KeyState {
  const failures = k.failures + 1;
  // A disabled key stays disabled: only an admin, a successful probe or key-invalid move it.
  if (k.status === 'disabled' || failures < config.maxFailures) return { ...k, failures, lastUsedAt: now };
  return { ...k, failures, status: 'cooling', cooldownUntil: now + coolingMs(failures, config), lastUsedAt: now };
}

export function settle(k: KeyState, outcome: Outcome, now: number, config: PoolConfig): KeyState {
  switch (outcome.kind) {
    case 'ok':
      // A success proves the key works, whatever we believed before (this is how probes re-enable).
      return {
        ...k,
        status: 'active',
        failures: 0,
        cooldownUntil: null,
        disabledReason: null,
        lastUsedAt: now,
        modelCooldowns: withoutModel(k.modelCooldowns, outcome.model),
      };
    case 'rate-limited': {
      // A 429 is a quota on one model, not a fault of the key: nothing else changes. A late,
      // short 429 (per-minute quota) must not shorten a longer rest (daily quota).
      const previous = Object.hasOwn(k.modelCooldowns, outcome.model) ? (k.modelCooldowns[outcome.model] ?? 0) : 0;
      const until = Math.max(previous, now + rateLimitMs(outcome.retryAfterMs, config));
      return { ...k, lastUsedAt: now, modelCooldowns: { ...k.modelCooldowns, [outcome.model]: until } };
    }
    case 'key-invalid':
      return { ...k, status: 'disabled', disabledReason: outcome.reason, cooldownUntil: null, lastUsedAt: now };
    case 'transient':
      return afterTransient(k, now, config);
    case 'client-error':
    case 'cancelled':
      return { ...k, lastUsedAt: now };
  }
}

export function enable(k: KeyState): KeyState {
  return { ...k, status: 'active', failures: 0, cooldownUntil: null, disabledReason: null, modelCooldowns: {} };
}

export function disable(k: KeyState, reason: string): KeyState {
  return { ...k, status: 'disabled', disabledReason: reason, cooldownUntil: null };
}

export function resetFailures(k: KeyState): KeyState {
  if (k.status === 'cooling') return { ...k, failures: 0, status: 'active', cooldownUntil: null };
  return { ...k, failures: 0 };
}

/** Drops modelCooldowns entries that have expired (keeps the object small); returns k itself when nothing changed. */
export function pruneCooldowns(k: KeyState, now: number): KeyState {
  const entries = Object.entries(k.modelCooldowns);
  if (entries.every(([, until]) => until > now)) return k;
  // fromEntries defines properties, so a "__proto__" model stays an ordinary entry.
  return { ...k, modelCooldowns: Object.fromEntries(entries.filter(([, until]) => until > now)) };
}
