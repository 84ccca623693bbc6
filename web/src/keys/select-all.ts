import { api } from '../lib/trpc';
import type { ListQuery } from './key-types';

/** The largest page the server gives (MAX_PAGE_SIZE in server/admin/keys/key-inputs.ts). */
const PAGE = 500;

/**
 * The ids of every key matching the filters, for "select all N matching keys": the list is read
 * page by page (100,000 keys are 200 small requests; the person asked for all of them).
 */
export async function allMatchingIds(query: ListQuery): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const answer = await api.keys.list.query({ ...query, page, pageSize: PAGE });
    ids.push(...answer.items.map((item) => item.id));
    if (answer.items.length < PAGE || ids.length >= answer.total) return ids;
  }
}
