import { TRPCError } from '@trpc/server';
import type { Deps } from '../../deps';
import { fingerprint } from '../../keypool/keys';
import type { KeyKind, KeyState } from '../../keypool/machine';
import { keyStateFromRow } from '../../keypool/pool';

/**
 * Every stored key with its current state, whatever its kind: gemini and vertex keys live from
 * their pools (the database copy lags by up to a second), paid keys from their rows (few, and not
 * in a pool). A key's id is its fingerprint, the same value the logs carry.
 */

export type KeyDeps = Pick<Deps, 'pool' | 'vertexPool' | 'repo'>;

export interface KeyEntry {
  readonly id: string;
  readonly state: KeyState;
  /** In the live pool: its state changes go through the pool, others straight to the row. */
  readonly pooled: boolean;
}

const ROW_KINDS: readonly KeyKind[] = ['paid'];

/** The live pool that holds this key, if any. */
export const poolHolding = (deps: Pick<Deps, 'pool' | 'vertexPool'>, key: string) =>
  deps.pool.has(key) ? deps.pool : deps.vertexPool.has(key) ? deps.vertexPool : undefined;

/** Keys of one kind, or all kinds when absent; pool order, then rows by id. */
export async function keysOfKind(deps: KeyDeps, kind?: KeyKind): Promise<readonly KeyState[]> {
  if (kind === 'gemini') return deps.pool.snapshot();
  if (kind === 'vertex') return deps.vertexPool.snapshot();
  const rows = (await deps.repo.listKeysOfKinds(ROW_KINDS)).map(keyStateFromRow);
  return kind === 'paid' ? rows : [...deps.pool.snapshot(), ...deps.vertexPool.snapshot(), ...rows];
}

/** The keys stored under another kind than gemini (for duplicate checks on add). */
export async function rowOnlyKeys(deps: KeyDeps): Promise<ReadonlySet<string>> {
  const rows = (await deps.repo.listKeysOfKinds(ROW_KINDS)).map((r) => r.key);
  return new Set([...rows, ...deps.vertexPool.snapshot().map((k) => k.key)]);
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
  for (const state of await keysOfKind(deps)) {
    // fingerprint() is memoised, so after the first scan this is a map lookup per key.
    const id = fingerprint(state.key);
    if (wanted.has(id)) found.set(id, { id, state, pooled: poolHolding(deps, state.key) !== undefined });
  }
  const missing = [...wanted].filter((id) => !found.has(id));
  if (missing.length > 0) throw notFound(missing);
  return [...wanted].flatMap((id) => found.get(id) ?? []);
}
