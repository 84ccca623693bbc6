import type { Deps } from '../../deps';
import type { KeyState } from '../../keypool/machine';
import { stateRow } from '../../keypool/pool';
import { poolHolding, resolveIds } from './key-directory';

type ChangeDeps = Pick<Deps, 'pools' | 'repo' | 'log'>;

/**
 * Applies an admin transition (enable, disable, reset) to the keys with these ids. Pooled keys
 * change in their pool, which the proxy reads at its next pick; the flush makes the answer mean
 * "stored". A key stored by hand after the start (a row in no pool) is written directly.
 */
export async function changeKeys(deps: ChangeDeps, ids: readonly string[], transition: (k: KeyState) => KeyState): Promise<{ updated: number }> {
  const entries = await resolveIds(deps, ids);
  await deps.repo.saveKeyStates(entries.filter((e) => !e.pooled).map((e) => stateRow(transition(e.state))));
  for (const e of entries) if (e.pooled) poolHolding(deps.pools, e.state.key)?.update(e.state.key, transition);
  await Promise.all(Object.values(deps.pools).map((p) => p.flush()));
  return { updated: entries.length };
}

/** Deletes the rows, then takes the keys out of the pool (requests already holding one finish). */
export async function deleteKeys(deps: ChangeDeps, ids: readonly string[]): Promise<{ deleted: number }> {
  const keys = (await resolveIds(deps, ids)).map((e) => e.state.key);
  await deps.repo.deleteKeys(keys);
  for (const pool of Object.values(deps.pools)) pool.remove(keys);
  deps.log.info(`Admin: ${keys.length} keys deleted`);
  return { deleted: keys.length };
}
