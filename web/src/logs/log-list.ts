import { batch, createSignal } from 'solid-js';

export interface LogCursor {
  readonly at: number;
  readonly id: number;
}

/** One answer of logs.listRequests / logs.listErrors. */
export interface LogPage<T> {
  readonly items: readonly T[];
  readonly nextCursor: LogCursor | null;
  readonly total: number;
  readonly totalCapped: boolean;
}

export const PAGE_SIZE = 50;

type Status = 'loading' | 'ready' | 'loading-more' | 'failed';

/**
 * The rows loaded so far of a cursor-paged log, newest first: `reload` starts over, `loadMore`
 * appends the next page. An answer that arrives after a newer reload (the filters changed while
 * it was on its way) is dropped, so a slow old page never overwrites the current one.
 */
export function createLogList<T extends { readonly id: number }>(fetchPage: (cursor: LogCursor | undefined) => Promise<LogPage<T>>) {
  const [items, setItems] = createSignal<readonly T[]>([]);
  const [next, setNext] = createSignal<LogCursor | null>(null);
  const [total, setTotal] = createSignal(0);
  const [capped, setCapped] = createSignal(false);
  const [status, setStatus] = createSignal<Status>('loading');
  const [error, setError] = createSignal<unknown>(undefined);
  let generation = 0;

  const load = async (cursor: LogCursor | undefined) => {
    const mine = ++generation;
    setStatus(cursor ? 'loading-more' : 'loading');
    setError(undefined);
    try {
      const page = await fetchPage(cursor);
      if (mine !== generation) return;
      batch(() => {
        setItems((shown) => (cursor ? [...shown, ...page.items] : page.items));
        setNext(page.nextCursor);
        setTotal(page.total);
        setCapped(page.totalCapped);
        setStatus('ready');
      });
    } catch (caught) {
      if (mine !== generation) return;
      batch(() => {
        if (!cursor) setItems([]);
        setError(caught);
        setStatus('failed');
      });
    }
  };

  return {
    items,
    total,
    capped,
    status,
    error,
    hasMore: () => next() !== null,
    reload: () => load(undefined),
    /** After a failed "load more" this retries it; after a failed first page, the first page. */
    loadMore: () => load(items().length > 0 ? (next() ?? undefined) : undefined),
    /** Takes deleted rows off the list and the count, without reloading (the user keeps their place). */
    removed(ids: ReadonlySet<number>, deleted: number) {
      batch(() => {
        setItems((shown) => shown.filter((row) => !ids.has(row.id)));
        setTotal((n) => Math.max(0, n - deleted));
      });
    },
  };
}

export type LogList<T extends { readonly id: number }> = ReturnType<typeof createLogList<T>>;
