import type { Deps } from '../../deps';
import type { KeyState } from '../../keypool/machine';
import { stateRow } from '../../keypool/pool';
import { poolHolding, resolveIds } from './key-directory';

type ChangeDeps = Pick<Deps, 'pool' | 'vertexPool' | 'repo' | 'log'>;

/**
 * Applies an admin transition (enable, disable, reset) to the keys with these ids. Pooled keys
 * (gemini, vertex) change in their pool, which the proxy reads at its next pick; the flush makes
 * the answer mean "stored". Row-only keys (paid) are written directly.
 */
export async function changeKeys(deps: ChangeDeps, ids: readonly string[], transition: (k: KeyState) => KeyState): Promise<{ updated: number }> {
  const entries = await resolveIds(deps, ids);
  await deps.repo.saveKeyStates(entries.filter((e) => !e.pooled).map((e) => stateRow(transition(e.state))));
  for (const e of entries) if (e.pooled) poolHolding(deps, e.state.key)?.update(e.state.key, transition);
  await Promise.all([deps.pool.flush(), deps.vertexPool.flush()]);
  return { updated: entries.length };
}

/** Deletes the rows, then takes the keys out of the pool (requests already holding one finish). */
export async function deleteKeys(deps: ChangeDeps, ids: readonly string[]): Promise<{ deleted: number }> {
  const keys = (await resolveIds(deps, ids)).map((e) => e.state.key);
  await deps.repo.deleteKeys(keys);
  deps.pool.remove(keys);
  deps.vertexPool.remove(keys);
  deps.log.info(`Admin: ${keys.length} keys deleted`);
  return { deleted: keys.length };
}
