import type { KeyKind } from '../../keypool/machine';
import { type KeyDeps, keysOfKind, resolveIds } from './key-directory';

/**
 * The only ways full keys leave the server (admin session required): for a backup, a move to
 * another instance, or pasting one key elsewhere.
 */

/** Valid = in service or resting (active, cooling); invalid = disabled. */
export async function exportKeys(deps: KeyDeps, kind: KeyKind): Promise<{ valid: string[]; invalid: string[] }> {
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const k of keysOfKind(deps, kind)) (k.status === 'disabled' ? invalid : valid).push(k.key);
  return { valid, invalid };
}

/** The full keys for these ids, in the order asked. */
export async function copyKeys(deps: KeyDeps, ids: readonly string[]): Promise<{ keys: Array<{ id: string; key: string }> }> {
  return { keys: (await resolveIds(deps, ids)).map((e) => ({ id: e.id, key: e.state.key })) };
}
