import type { ApiKeyState, Repository } from '../../db/repository';
import type { ApiKeyRow } from '../../db/schema';
import type { Logger } from '../log';
import { type BreakerConfig, type BreakerState, closedBreaker, isOpen, recordOutcome } from './breaker';
import { sameStatus } from './key-change';
import { oneAtATime } from '../sync/one-at-a-time';
import { createKeyWriter } from './key-writer';
import { type KeyState, type Outcome, type PoolConfig, pick, settle } from './machine';

export type PickResult = { key: string } | { key: null; retryAt: number | null; breakerOpen: boolean };

export interface PoolOptions {
  readonly now: () => number;
  readonly config: () => PoolConfig;
  readonly breaker: BreakerConfig;
  /** How often changed key states are written to the database. */
  readonly persistMs: number;
  /** Told of every real state change (not mere use): REDIS_URL passes them to other instances. */
  readonly onStateChange?: (state: KeyState) => void;
}

function parseCooldowns(json: string): Record<string, number> {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null ? (value as Record<string, number>) : {};
  } catch {
    return {};
  }
}

function sameCooldowns(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  if (a === b) return true;
  const keysA = Object.keys(a);
  return keysA.length === Object.keys(b).length && keysA.every((m) => Object.hasOwn(b, m) && a[m] === b[m]);
}

const onlyLastUseChanged = (a: KeyState, b: KeyState): boolean => sameStatus(a, b) && sameCooldowns(a.modelCooldowns, b.modelCooldowns);

export function keyStateFromRow(row: ApiKeyRow): KeyState {
  return {
    key: row.key,
    kind: row.kind as KeyState['kind'],
    status: row.status as KeyState['status'],
    failures: row.failures,
    cooldownUntil: row.cooldownUntil,
    disabledReason: row.disabledReason,
    lastUsedAt: row.lastUsedAt,
    modelCooldowns: parseCooldowns(row.modelCooldowns),
  };
}

/** A key state as its api_keys row stores it (what saveKeyStates writes). */
export function stateRow(k: KeyState): ApiKeyState {
  const { kind: _kind, ...state } = k;
  return { ...state, modelCooldowns: JSON.stringify(k.modelCooldowns) };
}

/**
 * The stateful shell around the pure machine: holds the keys of one kind, the round-robin
 * cursor and the circuit breaker, and writes changed key states behind (batched).
 */
export function createKeyPool(rows: readonly ApiKeyRow[], repo: Repository, log: Logger, options: PoolOptions) {
  let keys: KeyState[] = rows.map(keyStateFromRow);
  let positions = new Map(keys.map((k, i) => [k.key, i]));
  let cursor = 0;
  let breaker: BreakerState = closedBreaker;
  const writer = createKeyWriter(repo, log, options.now, keys);
  const stateOf = (key: string) => keys[positions.get(key) ?? -1];
  // One save at a time: two in flight on a slow database could land out of order, an older state
  // over a newer one, with nothing left marked to put it right. A tick during a save is skipped.
  const saves = oneAtATime((everything: boolean) => writer.persist(stateOf, everything));
  const timer = setInterval(() => {
    if (!saves.busy()) void saves.run(false);
  }, options.persistMs);
  timer.unref?.();

  return {
    size: () => keys.length,
    pick(model: string, exclude: ReadonlySet<string>): PickResult {
      const now = options.now();
      if (isOpen(breaker, now)) return { key: null, retryAt: breaker.openUntil, breakerOpen: true };
      const picked = pick(keys, cursor, model, now, exclude);
      if (picked.index === null) return { key: null, retryAt: picked.retryAt, breakerOpen: false };
      cursor = picked.nextCursor;
      return { key: keys[picked.index]?.key ?? '' };
    },
    /** While the breaker is open, transient failures are not held against any key. */
    settle(key: string, outcome: Outcome) {
      const i = positions.get(key);
      const current = i === undefined ? undefined : keys[i];
      if (i === undefined || current === undefined) return;
      const now = options.now();
      breaker = recordOutcome(breaker, key, outcome, now, keys.length, options.breaker);
      if (outcome.kind === 'transient' && isOpen(breaker, now)) return;
      const next = settle(current, outcome, now, options.config());
      keys[i] = next;
      // Every outcome is a use; the key change (key-change.ts) never carries last_used_at.
      writer.used(key);
      if (onlyLastUseChanged(current, next)) return;
      writer.changed(key);
      options.onStateChange?.(next);
    },
    /** Admin and re-check transitions (enable, disable, reset) on one key. */
    update(key: string, transition: (k: KeyState) => KeyState) {
      const i = positions.get(key);
      const current = i === undefined ? undefined : keys[i];
      if (i === undefined || current === undefined) return;
      const next = transition(current);
      keys[i] = next;
      writer.changed(key);
      options.onStateChange?.(next);
    },
    /** Whether the key is in the rotation. */
    has: (key: string) => positions.has(key),
    /**
     * New keys join the rotation; keys already held keep their state (no reset, unlike replace).
     * Returns how many joined. A new array: a caller still walking an older snapshot does not see it grow.
     */
    add(states: readonly KeyState[]): number {
      const fresh: KeyState[] = [];
      for (const s of states) {
        if (positions.has(s.key)) continue;
        positions.set(s.key, keys.length + fresh.length);
        fresh.push(s);
        writer.joined(s);
      }
      if (fresh.length > 0) keys = [...keys, ...fresh];
      return fresh.length;
    },
    /** Takes keys out of the rotation; the others keep their state and their turn. Returns how many left. */
    remove(gone: readonly string[]): number {
      const drop = new Set(gone.filter((key) => positions.has(key)));
      if (drop.size === 0) return 0;
      // The round robin resumes at the same remaining key: earlier positions shift down.
      let before = 0;
      for (let i = 0; i < cursor && i < keys.length; i++) if (drop.has(keys[i]?.key ?? '')) before++;
      cursor -= before;
      keys = keys.filter((k) => !drop.has(k.key));
      positions = new Map(keys.map((k, i) => [k.key, i]));
      writer.removed(drop);
      return drop.size;
    },
    snapshot: (): readonly KeyState[] => keys,
    /** Another instance's change to one key, as it happened (REDIS_URL); its own use time is kept. */
    adopt(theirs: Omit<KeyState, 'lastUsedAt'>): boolean {
      const i = positions.get(theirs.key);
      const current = i === undefined ? undefined : keys[i];
      if (i === undefined || current === undefined) return false;
      const next = { ...theirs, lastUsedAt: current.lastUsedAt };
      keys[i] = next;
      // Written by the instance that made the change; nothing to write here.
      writer.adopted(next);
      return true;
    },
    /**
     * Another instance's view, from the database (several instances on one MySQL), read from
     * `readAt` on: keys added there join, keys deleted there leave, and a key not changed here
     * since the read began takes the stored state (disabled, cooling, per-model cooldowns).
     * Returns how many keys changed.
     */
    mergeStored(rows: readonly ApiKeyRow[], readAt: number): number {
      const stored = new Map(rows.map((r) => [r.key, r]));
      let changed = this.remove(keys.filter((k) => !stored.has(k.key) && !writer.changedHereSince(k.key, readAt)).map((k) => k.key));
      const fresh: KeyState[] = [];
      for (const [key, row] of stored) {
        const i = positions.get(key);
        if (i === undefined) {
          if (!writer.removedHereSince(key, readAt)) fresh.push(keyStateFromRow(row));
          continue;
        }
        const current = keys[i];
        if (current === undefined || writer.changedHereSince(key, readAt)) continue;
        const theirs = keyStateFromRow(row);
        if (onlyLastUseChanged(current, theirs)) continue;
        this.adopt(theirs);
        changed++;
      }
      return changed + this.add(fresh);
    },
    flush: () => saves.run(true),
    async stop() {
      clearInterval(timer);
      await saves.run(true);
    },
  };
}

export type KeyPool = ReturnType<typeof createKeyPool>;
