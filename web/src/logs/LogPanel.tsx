import { createEffect, createSignal, type JSX, on, Show } from 'solid-js';
import { t } from '../i18n';
import { describeError } from '../lib/api-error';
import { BulkBar } from './BulkBar';
import { ConfirmDialog } from './ConfirmDialog';
import { formatCount } from './format';
import { createLogList, type LogCursor, type LogPage } from './log-list';
import { createSelection, type Selection } from './selection';

/** The API takes at most this many ids a call (MAX_LOG_IDS); a bigger selection goes in turns. */
const IDS_PER_CALL = 1000;

interface Props<T extends { readonly id: number }> {
  readonly kind: 'requests' | 'errors';
  /** A different value (other filters, "Refresh") starts the list over; the same one changes nothing. */
  readonly reloadKey: string;
  readonly fetchPage: (cursor: LogCursor | undefined) => Promise<LogPage<T>>;
  readonly remove: (ids: number[]) => Promise<{ deleted: number }>;
  readonly removeAll: () => Promise<{ deleted: number }>;
  readonly emptyText: string;
  readonly table: (items: readonly T[], selection: Selection) => JSX.Element;
}

/** One log's list with what both logs share: the count, "load more", selection, and the two deletes. */
export function LogPanel<T extends { readonly id: number }>(props: Props<T>) {
  const list = createLogList<T>((cursor) => props.fetchPage(cursor));
  const selection = createSelection();
  const [confirming, setConfirming] = createSignal<'selected' | 'all' | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);

  createEffect(
    on(
      () => props.reloadKey,
      () => {
        selection.clear();
        setNotice(null);
        void list.reload();
      },
    ),
  );

  const totalText = () => `${formatCount(list.total())}${list.capped() ? '+' : ''}`;
  const allShownSelected = () => list.items().length > 0 && selection.size() === list.items().length;
  const noun = () => (props.kind === 'requests' ? t('logs.noun.requests') : t('logs.noun.errors'));

  const deleteSelected = async () => {
    const ids = [...selection.ids()];
    let deleted = 0;
    for (let start = 0; start < ids.length; start += IDS_PER_CALL) {
      deleted += (await props.remove(ids.slice(start, start + IDS_PER_CALL))).deleted;
    }
    list.removed(new Set(ids), deleted);
    selection.clear();
    setNotice(t('logs.deletedCount', { count: formatCount(deleted) }));
  };

  const deleteAll = async () => {
    const { deleted } = await props.removeAll();
    selection.clear();
    await list.reload();
    setNotice(t('logs.deletedCount', { count: formatCount(deleted) }));
  };

  return (
    <div class="log-panel">
      <div class="log-toolbar">
        <label class="log-select-all">
          <input
            type="checkbox"
            checked={allShownSelected()}
            disabled={list.items().length === 0}
            onChange={(e) => (e.currentTarget.checked ? selection.set(list.items().map((row) => row.id)) : selection.clear())}
          />
          {t('logs.selectAllShown')}
        </label>
        <span class="log-count muted" role="status">
          <Show when={list.status() !== 'loading'} fallback={t('common.loading')}>
            {t('logs.shownOf', { shown: formatCount(list.items().length), total: totalText() })}
          </Show>
        </span>
        <button type="button" class="btn lt-btn-small lt-btn-danger-outline" onClick={() => setConfirming('all')}>
          {t('logs.deleteAll.button')}
        </button>
      </div>

      <Show when={notice()}>
        <p class="notice notice-ok log-notice">{notice()}</p>
      </Show>
      <Show when={list.status() === 'failed'}>
        <div class="notice notice-error log-notice">
          <p>{describeError(list.error()).message}</p>
          <button type="button" class="btn" onClick={() => list.loadMore()}>
            {t('common.retry')}
          </button>
        </div>
      </Show>

      <Show when={list.items().length > 0} fallback={<Show when={list.status() === 'ready'}>{<p class="log-empty muted">{props.emptyText}</p>}</Show>}>
        <div class="log-table-wrap card" classList={{ 'log-reloading': list.status() === 'loading' }}>{props.table(list.items(), selection)}</div>
        <div class="log-more">
          <Show when={list.hasMore()} fallback={<span class="muted">{t('logs.endOfList')}</span>}>
            <button type="button" class="btn" disabled={list.status() === 'loading-more'} onClick={() => list.loadMore()}>
              {list.status() === 'loading-more' ? t('common.loading') : t('logs.loadMore')}
            </button>
          </Show>
        </div>
      </Show>

      <BulkBar count={selection.size()} onClear={selection.clear} onDelete={() => setConfirming('selected')} />

      <ConfirmDialog
        open={confirming() === 'selected'}
        title={t('logs.deleteSelected.title', { count: formatCount(selection.size()), noun: noun() })}
        confirmLabel={t('logs.deleteSelected.confirm')}
        onConfirm={deleteSelected}
        onClose={() => setConfirming(null)}
      >
        <p>{t('logs.cannotUndo')}</p>
        <Show when={props.kind === 'requests'}>
          <p class="muted">{t('logs.statsNote')}</p>
        </Show>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming() === 'all'}
        title={t('logs.deleteAll.title', { noun: noun() })}
        confirmLabel={t('logs.deleteAll.confirm')}
        typeToConfirm={t('logs.deleteAll.word')}
        onConfirm={deleteAll}
        onClose={() => setConfirming(null)}
      >
        <p class="notice notice-warn">{t('logs.deleteAll.body', { noun: noun() })}</p>
        <Show when={props.kind === 'requests'}>
          <p class="muted">{t('logs.statsNote')}</p>
        </Show>
      </ConfirmDialog>
    </div>
  );
}
