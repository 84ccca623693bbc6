import { For } from 'solid-js';
import { t } from '../i18n';
import { formatCount } from './format';
import type { KeyFilters } from './key-filters';
import type { StatusCounts } from './key-list';
import { KINDS, type KeyKind, type KeyStatus, STATUSES } from './key-types';
import './key-filters.css';

interface Props {
  readonly filters: KeyFilters;
  readonly counts: StatusCounts | undefined;
}

const isKind = (value: string): value is KeyKind => (KINDS as readonly string[]).includes(value);

/**
 * Search, status and type. The status choices carry their counts, so "how many keys are
 * disabled?" is answered without filtering first.
 */
export function KeyFiltersBar(props: Props) {
  const choices: readonly (KeyStatus | undefined)[] = [undefined, ...STATUSES];
  const count = (status: KeyStatus | undefined) => {
    const value = props.counts?.[status ?? 'all'];
    return value === undefined ? '' : ` ${formatCount(value)}`;
  };
  return (
    <div class="key-filters">
      <label class="key-search">
        <span class="visually-hidden">{t('keys.searchLabel')}</span>
        <input
          id="key-search"
          class="input"
          type="search"
          autocomplete="off"
          spellcheck={false}
          placeholder={t('keys.searchPlaceholder')}
          value={props.filters.searchText()}
          onInput={(event) => props.filters.setSearchText(event.currentTarget.value)}
        />
      </label>
      <div class="status-filter" role="group" aria-label={t('keys.statusFilter')}>
        <For each={choices}>
          {(status) => (
            <button
              type="button"
              class="filter-chip"
              classList={{ 'filter-chip-on': props.filters.status() === status, [`filter-chip-${status ?? 'all'}`]: true }}
              aria-pressed={props.filters.status() === status}
              data-status={status ?? 'all'}
              onClick={() => props.filters.setStatus(status)}
            >
              {status ? t(`keys.status.${status}`) : t('keys.filter.all')}
              <span class="filter-chip-count">{count(status)}</span>
            </button>
          )}
        </For>
      </div>
      <label class="key-kind">
        <span class="visually-hidden">{t('keys.kindFilter')}</span>
        <select
          id="key-kind"
          class="select"
          value={props.filters.kind() ?? ''}
          onChange={(event) => {
            const value = event.currentTarget.value;
            props.filters.setKind(isKind(value) ? value : undefined);
          }}
        >
          <option value="">{t('keys.kind.all')}</option>
          <For each={KINDS}>{(kind) => <option value={kind}>{t(`keys.kind.${kind}`)}</option>}</For>
        </select>
      </label>
    </div>
  );
}
