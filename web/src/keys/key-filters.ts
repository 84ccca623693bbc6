import { createSignal, onCleanup } from 'solid-js';
import type { KeyKind, KeyStatus, ListQuery } from './key-types';

/** Typing in the search box asks the server once the typing pauses, not at every letter. */
const SEARCH_DELAY_MS = 300;

export interface KeyFilters {
  /** What the search box shows (updates at every keystroke). */
  readonly searchText: () => string;
  readonly setSearchText: (value: string) => void;
  readonly status: () => KeyStatus | undefined;
  readonly setStatus: (value: KeyStatus | undefined) => void;
  readonly kind: () => KeyKind | undefined;
  readonly setKind: (value: KeyKind | undefined) => void;
  readonly page: () => number;
  readonly setPage: (value: number) => void;
  readonly pageSize: () => number;
  readonly setPageSize: (value: number) => void;
  /** The list request these filters make. */
  readonly query: () => ListQuery;
  /** The same filters without the status: for the per-status counts. */
  readonly countQuery: () => Omit<ListQuery, 'status' | 'page' | 'pageSize'>;
}

/**
 * The table's search, filters and page. Any filter change goes back to page 1 (page 7 of the
 * old result may not exist in the new one) and calls `onFilterChange` (the page clears the
 * selection, so a bulk action never hits keys the person can no longer see).
 */
export function createKeyFilters(onFilterChange: () => void): KeyFilters {
  const [searchText, setSearchTextSignal] = createSignal('');
  const [search, setSearch] = createSignal('');
  const [status, setStatusSignal] = createSignal<KeyStatus | undefined>();
  const [kind, setKindSignal] = createSignal<KeyKind | undefined>();
  const [page, setPage] = createSignal(1);
  const [pageSize, setPageSizeSignal] = createSignal(50);
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));

  const changed = () => {
    setPage(1);
    onFilterChange();
  };

  const setSearchText = (value: string) => {
    setSearchTextSignal(value);
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (value.trim() === search()) return;
      setSearch(value.trim());
      changed();
    }, SEARCH_DELAY_MS);
  };

  const countQuery = () => ({ search: search() || undefined, kind: kind() });
  return {
    searchText,
    setSearchText,
    status,
    setStatus: (value) => {
      setStatusSignal(value);
      changed();
    },
    kind,
    setKind: (value) => {
      setKindSignal(value);
      changed();
    },
    page,
    setPage,
    pageSize,
    setPageSize: (value) => {
      setPageSizeSignal(value);
      setPage(1);
    },
    query: () => ({ ...countQuery(), status: status(), page: page(), pageSize: pageSize() }),
    countQuery,
  };
}
