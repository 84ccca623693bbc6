import { TRPCError } from '@trpc/server';
import type { Deps } from '../../deps';
import { newKeyState } from '../../keypool/machine';
import { extractKeys } from './extract-keys';
import { otherKindKeys } from './key-directory';

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

/** Stores the pasted gemini keys and puts them in the live pool; no other key's state changes. */
export async function addKeys(deps: Pick<Deps, 'pool' | 'pools' | 'repo' | 'now' | 'log'>, text: string): Promise<AddResult> {
  const found = extractKeys(text);
  if (found.keys.length === 0) {
    const damaged = found.invalid > 0 ? ` (${found.invalid} looked like keys but are not 39 characters of AIza…)` : '';
    throw new TRPCError({ code: 'BAD_REQUEST', message: `No Gemini API key found in the text${damaged}. Nothing was added.` });
  }
  const elsewhere = otherKindKeys(deps);
  const fresh = found.keys.filter((key) => !deps.pool.has(key) && !elsewhere.has(key));
  // The row first: a key in the pool but not the database would vanish at the next restart.
  await deps.repo.insertKeys(fresh.map((key) => ({ key, kind: 'gemini' })), deps.now());
  const added = deps.pool.add(fresh.map((key) => newKeyState(key, 'gemini')));
  if (added > 0) deps.log.info(`Admin: ${added} Gemini keys added`);
  return { added, duplicates: found.occurrences - added, invalid: found.invalid };
}
