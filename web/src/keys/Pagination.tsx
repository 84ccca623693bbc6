import { For } from 'solid-js';
import { t } from '../i18n';
import { formatCount } from './format';
import { PAGE_SIZES } from './key-types';

interface Props {
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  readonly onPage: (page: number) => void;
  readonly onPageSize: (size: number) => void;
}

/** Previous / next, where we are, and how many keys a page shows. */
export function Pagination(props: Props) {
  const pages = () => Math.max(1, Math.ceil(props.total / props.pageSize));
  return (
    <nav class="pagination" aria-label={t('keys.pagination')}>
      <span class="muted pagination-total">{t('keys.total', { count: formatCount(props.total) })}</span>
      <label class="pagination-size">
        <span class="muted">{t('keys.perPage')}</span>
        <select class="select switch-select" value={props.pageSize} onChange={(event) => props.onPageSize(Number(event.currentTarget.value))}>
          <For each={PAGE_SIZES}>{(size) => <option value={size}>{size}</option>}</For>
        </select>
      </label>
      <div class="pagination-pages">
        <button type="button" class="btn" disabled={props.page <= 1} onClick={() => props.onPage(props.page - 1)}>
          ‹ {t('keys.prev')}
        </button>
        <span class="pagination-where">{t('keys.pageOf', { page: props.page, pages: pages() })}</span>
        <button type="button" class="btn" disabled={props.page >= pages()} onClick={() => props.onPage(props.page + 1)}>
          {t('keys.next')} ›
        </button>
      </div>
    </nav>
  );
}
