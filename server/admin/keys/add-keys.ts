import { TRPCError } from '@trpc/server';
import type { Deps } from '../../deps';
import { type KeyKind, newKeyState } from '../../keypool/machine';
import { extractKeys } from './extract-keys';
import { poolHolding } from './key-directory';

/**
 * `added`: new keys, stored and already in the rotation. `duplicates`: key occurrences that
 * added nothing (stored before, or repeated in the paste). `invalid`: key-like tokens that are
 * not keys (see extract-keys.ts).
 */
export interface AddResult {
  readonly added: number;
  readonly duplicates: number;
  readonly invalid: number;
}

const KIND_NAMES = { gemini: 'Gemini API', vertex: 'Vertex Express', paid: 'paid Gemini API' } as const;
const SHAPES = { gemini: '39 characters of AIza…', vertex: 'AQ. and at least 50 more characters', paid: '39 characters of AIza…' } as const;

/** Stores the pasted keys of one kind and puts them in that kind's live pool; no other key's state changes. */
export async function addKeys(deps: Pick<Deps, 'pools' | 'repo' | 'now' | 'log'>, text: string, kind: KeyKind = 'gemini'): Promise<AddResult> {
  const found = extractKeys(text, kind === 'vertex' ? 'vertex' : 'gemini');
  if (found.keys.length === 0) {
    const damaged = found.invalid > 0 ? ` (${found.invalid} looked like keys but are not ${SHAPES[kind]})` : '';
    throw new TRPCError({ code: 'BAD_REQUEST', message: `No ${KIND_NAMES[kind]} key found in the text${damaged}. Nothing was added.` });
  }
  // A key has one kind: one already in any pool is a duplicate.
  const known = (key: string) => poolHolding(deps.pools, key) !== undefined;
  const fresh = found.keys.filter((key) => !known(key));
  // The row first: a key in the pool but not the database would vanish at the next restart.
  await deps.repo.insertKeys(fresh.map((key) => ({ key, kind })), deps.now());
  const added = deps.pools[kind].add(fresh.map((key) => newKeyState(key, kind)));
  if (added > 0) deps.log.info(`Admin: ${added} ${KIND_NAMES[kind]} keys added`);
  return { added, duplicates: found.occurrences - added, invalid: found.invalid };
}
