import { createEffect, createSignal, on } from 'solid-js';
import { describeError } from '../lib/api-error';
import { api } from '../lib/trpc';
import type { KeyFilters } from './key-filters';
import { type KeyPage, type KeyStatus, STATUSES } from './key-types';

/** Keys per status under the current search and kind: the numbers on the status filter. */
export type StatusCounts = Readonly<Record<KeyStatus | 'all', number>>;

export interface KeyList {
  /** The last page that arrived: kept while the next one loads, so the table does not flash empty. */
  readonly data: () => KeyPage | undefined;
  readonly counts: () => StatusCounts | undefined;
  readonly loading: () => boolean;
  readonly error: () => string | null;
  readonly reload: () => Promise<void>;
}

/**
 * Loads the page of keys the filters ask for, plus the per-status counts (four tiny list calls
 * with pageSize 1; the tRPC link sends them in the same HTTP request as the page). An answer that
 * arrives after a newer request was sent is dropped: fast typing in the search box otherwise
 * shows the results of an older search.
 */
export function createKeyList(filters: KeyFilters): KeyList {
  const [data, setData] = createSignal<KeyPage>();
  const [counts, setCounts] = createSignal<StatusCounts>();
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  let latest = 0;

  const countOf = async (status: KeyStatus | undefined) => (await api.keys.list.query({ ...filters.countQuery(), status, pageSize: 1 })).total;

  const reload = async () => {
    const request = ++latest;
    setLoading(true);
    try {
      const [page, all, ...perStatus] = await Promise.all([api.keys.list.query(filters.query()), countOf(undefined), ...STATUSES.map(countOf)]);
      if (request !== latest) return;
      setData(page);
      setCounts({ all, active: perStatus[0] ?? 0, cooling: perStatus[1] ?? 0, disabled: perStatus[2] ?? 0 });
      setError(null);
      // Deleting the last keys of the last page leaves it empty: show the page before it.
      if (page.items.length === 0 && page.page > 1 && page.total > 0) filters.setPage(Math.ceil(page.total / page.pageSize));
    } catch (caught) {
      if (request === latest) setError(describeError(caught).message);
    } finally {
      if (request === latest) setLoading(false);
    }
  };

  // Reloads whenever the query changes (search, filters, page); `on` keeps the effect from also
  // tracking what reload() reads.
  createEffect(on(filters.query, () => void reload()));
  return { data, counts, loading, error, reload };
}
