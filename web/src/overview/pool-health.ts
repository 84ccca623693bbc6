import { api } from '../lib/trpc';

export type KeyStatus = 'active' | 'cooling' | 'disabled';
export const KEY_STATUSES: readonly KeyStatus[] = ['active', 'cooling', 'disabled'];
export type PoolCounts = Readonly<Record<KeyStatus, number>>;

/**
 * How many keys are in each state. keys.list filters and counts over the whole pool, so one row
 * per status (pageSize 1) is enough: only its `total` is read. Three small calls, batched by the
 * tRPC link into one request.
 */
export async function loadPoolCounts(): Promise<PoolCounts> {
  const [active, cooling, disabled] = await Promise.all(KEY_STATUSES.map((status) => api.keys.list.query({ status, pageSize: 1 })));
  return { active: active?.total ?? 0, cooling: cooling?.total ?? 0, disabled: disabled?.total ?? 0 };
}
