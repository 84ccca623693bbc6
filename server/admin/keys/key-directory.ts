import { TRPCError } from '@trpc/server';
import type { Deps } from '../../deps';
import { fingerprint } from '../../keypool/keys';
import { KEY_KINDS, type KeyKind, type KeyState } from '../../keypool/machine';

/**
 * Every key with its current state, whatever its kind, live from its kind's pool (the database
 * copy lags by up to a second). A key's id is its fingerprint, the same value the logs carry.
 */

export type KeyDeps = Pick<Deps, 'pools' | 'repo'>;

export interface KeyEntry {
  readonly id: string;
  readonly state: KeyState;
  /** In the live pool: its state changes go through the pool, others straight to the row. */
  readonly pooled: boolean;
}


/** The live pool that holds this key, if any. */
export const poolHolding = (pools: Deps['pools'], key: string) => KEY_KINDS.map((kind) => pools[kind]).find((pool) => pool.has(key));

/** Keys of one kind, or all kinds when absent, in pool order. */
export function keysOfKind(deps: Pick<Deps, 'pools'>, kind?: KeyKind): readonly KeyState[] {
  return kind === undefined ? KEY_KINDS.flatMap((k) => deps.pools[k].snapshot()) : deps.pools[kind].snapshot();
}

function notFound(missing: readonly string[]): TRPCError {
  const shown = missing.slice(0, 5).join(', ');
  const more = missing.length > 5 ? ` and ${missing.length - 5} more` : '';
  return new TRPCError({ code: 'NOT_FOUND', message: `No key has the id ${shown}${more} (deleted, or not an id from keys.list). Nothing was changed.` });
}

/** The keys with these ids, in the order asked (repeats once); NOT_FOUND naming the unknown ones. */
export async function resolveIds(deps: KeyDeps, ids: readonly string[]): Promise<KeyEntry[]> {
  const wanted = new Set(ids);
  const found = new Map<string, KeyEntry>();
  for (const state of keysOfKind(deps)) {
    // fingerprint() is memoised, so after the first scan this is a map lookup per key.
    const id = fingerprint(state.key);
    if (wanted.has(id)) found.set(id, { id, state, pooled: poolHolding(deps.pools, state.key) !== undefined });
  }
  const missing = [...wanted].filter((id) => !found.has(id));
  if (missing.length > 0) throw notFound(missing);
  return [...wanted].flatMap((id) => found.get(id) ?? []);
}
