import type { LastUse, Repository } from '../../db/repository';
import type { Logger } from '../log';
import { keyChange } from './key-change';
import { type KeyState, newKeyState } from './machine';

/** Keys whose only change is when they were last used are written this often (every request changes it). */
const LAST_USE_PERSIST_MS = 30_000;
/** How long local changes and removals are remembered against a database read that started before them. */
const REMEMBER_MS = 60_000;

/**
 * A pool's writes behind: which keys changed, what their rows held when last written or read (so
 * only changed fields are written, see key-change.ts), and when each was changed or removed here
 * (so a database read that started earlier does not bring back an older state or a deleted key).
 */
export function createKeyWriter(repo: Repository, log: Logger, now: () => number, initial: readonly KeyState[]) {
  const written = new Map(initial.map((k) => [k.key, k]));
  const dirty = new Set<string>();
  const touched = new Set<string>();
  const localAt = new Map<string, number>();
  const removedAt = new Map<string, number>();
  let lastUseSavedAt = now();

  const forget = () => {
    const before = now() - REMEMBER_MS;
    for (const map of [localAt, removedAt]) for (const [key, at] of map) if (at < before) map.delete(key);
  };

  return {
    /** A real state change: written within the pool's persist interval. */
    changed(key: string) {
      dirty.add(key);
      localAt.set(key, now());
    },
    /** The key was used: its last_used_at is written with the next last-use save (every LAST_USE_PERSIST_MS). */
    used: (key: string) => void touched.add(key),
    /** A key that joined here: its row is as it was inserted. */
    joined(state: KeyState) {
      written.set(state.key, state);
      localAt.set(state.key, now());
    },
    removed(keys: Iterable<string>) {
      for (const key of keys) {
        dirty.delete(key);
        touched.delete(key);
        written.delete(key);
        removedAt.set(key, now());
      }
    },
    /** Another instance's state, now in force here (already in the database). */
    adopted(state: KeyState) {
      written.set(state.key, state);
      dirty.delete(state.key);
    },
    /** Changed here (or added) at or after `since`, or not written yet: a read from before must not override it. */
    changedHereSince: (key: string, since: number) => dirty.has(key) || (localAt.get(key) ?? -Infinity) >= since,
    removedHereSince: (key: string, since: number) => (removedAt.get(key) ?? -Infinity) >= since,

    async persist(stateOf: (key: string) => KeyState | undefined, everything: boolean) {
      const used: LastUse[] = [];
      if (everything || now() - lastUseSavedAt >= LAST_USE_PERSIST_MS) {
        for (const key of touched) used.push({ key, lastUsedAt: stateOf(key)?.lastUsedAt ?? null });
        touched.clear();
        lastUseSavedAt = now();
      }
      const states = [...dirty].flatMap((key) => stateOf(key) ?? []);
      dirty.clear();
      const changes = states.flatMap((k) => {
        const change = keyChange(written.get(k.key) ?? newKeyState(k.key, k.kind), k);
        return change ? [change] : [];
      });
      try {
        if (changes.length > 0) await repo.saveKeyChanges(changes);
        if (used.length > 0) await repo.saveLastUsed(used);
        for (const k of states) written.set(k.key, k);
      } catch (error) {
        for (const k of states) dirty.add(k.key);
        for (const u of used) touched.add(u.key);
        log.warn(`key states not saved yet (${error instanceof Error ? error.message : String(error)}); retrying`);
      }
      forget();
    },
  };
}
