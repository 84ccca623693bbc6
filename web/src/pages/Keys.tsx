import { Match, Show, Switch } from 'solid-js';
import { t } from '../i18n';
import { usePageTitle } from '../lib/page-title';
import { BulkBar, type BulkAction } from '../keys/BulkBar';
import { DeleteDialog } from '../keys/DeleteDialog';
import { DisableDialog } from '../keys/DisableDialog';
import { ExportDialog } from '../keys/ExportDialog';
import { formatCount, useNow } from '../keys/format';
import { ImportDialog } from '../keys/ImportDialog';
import { createKeyActions } from '../keys/key-actions';
import { createKeyFilters } from '../keys/key-filters';
import { createKeyList } from '../keys/key-list';
import { KeyFiltersBar } from '../keys/KeyFiltersBar';
import { KeyTable } from '../keys/KeyTable';
import { ManualCopyDialog } from '../keys/ManualCopyDialog';
import { Pagination } from '../keys/Pagination';
import { createSelection } from '../keys/selection';
import { StatusLegend } from '../keys/StatusLegend';
import { createVerifyJob } from '../keys/verify-job';
import { VerifyDialog } from '../keys/VerifyDialog';
import '../keys/keys.css';

/** The key pool: every key's state, search and filters, bulk actions, import and export. */
export function Keys() {
  usePageTitle('keys.title');
  const now = useNow();
  const selection = createSelection();
  const filters = createKeyFilters(() => selection.clear());
  const list = createKeyList(filters);
  const actions = createKeyActions(list, selection);
  const verify = createVerifyJob((done) => {
    actions.setNotice({ kind: done.invalid === 0 ? 'ok' : 'warn', text: t('keys.verify.summary', { valid: formatCount(done.valid), invalid: formatCount(done.invalid) }) });
    void list.reload();
  });
  const page = () => list.data();
  const filtered = () => filters.searchText() !== '' || filters.status() !== undefined || filters.kind() !== undefined;

  const onAction = (action: BulkAction) => {
    switch (action) {
      case 'verify':
        // A run already going: show it rather than start a second one over the same keys.
        if (!verify.running()) void verify.start(selection.ids());
        return actions.setDialog('verify');
      case 'disable':
      case 'delete':
        return actions.setDialog(action);
      case 'copy':
        return void actions.copy(selection.ids());
      default:
        return void actions.change(action);
    }
  };

  const verifying = () => {
    const progress = verify.progress();
    if (!verify.running()) return null;
    return t('keys.verify.running', { done: progress?.done ?? 0, total: progress?.total ?? '…' });
  };

  return (
    <div class="keys-page" classList={{ 'keys-page-selecting': selection.size() > 0 }}>
      <header class="keys-header">
        <div>
          <h1>{t('keys.title')}</h1>
          <p class="muted">{t('keys.intro')}</p>
        </div>
        <div class="keys-header-actions">
          <button type="button" class="btn btn-primary" id="open-import" onClick={() => actions.setDialog('import')}>
            {t('keys.import')}
          </button>
          <button type="button" class="btn" id="open-export" onClick={() => actions.setDialog('export')}>
            {t('keys.export')}
          </button>
          <button type="button" class="btn" disabled={list.loading()} onClick={() => void list.reload()}>
            {t('keys.refresh')}
          </button>
        </div>
      </header>

      <div id="keys-notice" aria-live="polite">
        <Show when={actions.notice()}>
          {(shown) => (
            <p class={`notice keys-notice notice-${shown().kind}`} role={shown().kind === 'error' ? 'alert' : 'status'}>
              <span>{shown().text}</span>
              <button type="button" class="dialog-x" aria-label={t('keys.close')} onClick={() => actions.setNotice(null)}>
                ×
              </button>
            </p>
          )}
        </Show>
      </div>

      <KeyFiltersBar filters={filters} counts={list.counts()} />
      <StatusLegend />

      <Show when={list.error()}>
        {(message) => (
          <div class="notice notice-error keys-load-error">
            <p>{message()}</p>
            <button type="button" class="btn" onClick={() => void list.reload()}>
              {t('common.retry')}
            </button>
          </div>
        )}
      </Show>

      <Switch fallback={<p class="muted">{t('common.loading')}</p>}>
        <Match when={page() && page()?.total === 0 && !filtered()}>
          <div class="card keys-empty">
            <p>{t('keys.empty')}</p>
            <button type="button" class="btn btn-primary" onClick={() => actions.setDialog('import')}>
              {t('keys.import')}
            </button>
          </div>
        </Match>
        <Match when={page()}>
          {(loaded) => (
            <section class="card keys-list" classList={{ 'keys-list-loading': list.loading() }} aria-busy={list.loading()}>
              <Show when={loaded().items.length > 0} fallback={<p class="keys-no-match muted">{t('keys.noMatch')}</p>}>
                <KeyTable items={loaded().items} now={now()} selection={selection} onCopy={(item) => void actions.copy([item.id])} />
              </Show>
              <Pagination page={loaded().page} pageSize={loaded().pageSize} total={loaded().total} onPage={filters.setPage} onPageSize={filters.setPageSize} />
            </section>
          )}
        </Match>
      </Switch>

      <Show when={selection.size() > 0}>
        <BulkBar
          selected={selection.size()}
          total={page()?.total ?? 0}
          busy={actions.busy() || verify.running()}
          verifying={verifying()}
          onAction={onAction}
          onSelectAll={() => void actions.selectAll(filters.query())}
          onClear={() => selection.clear()}
        />
      </Show>

      <Switch>
        <Match when={actions.dialog() === 'import'}>
          <ImportDialog onClose={() => actions.setDialog(null)} onImported={() => void list.reload()} />
        </Match>
        <Match when={actions.dialog() === 'export'}>
          <ExportDialog
            initialKind={filters.kind()}
            onClose={() => actions.setDialog(null)}
            onDone={(file) => actions.setNotice({ kind: 'ok', text: t('keys.export.downloaded', { file }) })}
          />
        </Match>
        <Match when={actions.dialog() === 'disable'}>
          <DisableDialog count={selection.size()} busy={actions.busy()} onConfirm={(reason) => void actions.disable(reason)} onClose={() => actions.setDialog(null)} />
        </Match>
        <Match when={actions.dialog() === 'delete'}>
          <DeleteDialog count={selection.size()} busy={actions.busy()} onConfirm={() => void actions.change('delete')} onClose={() => actions.setDialog(null)} />
        </Match>
        <Match when={actions.dialog() === 'verify'}>
          <VerifyDialog job={verify} onClose={() => actions.setDialog(null)} />
        </Match>
        <Match when={actions.dialog() === 'copy'}>
          <ManualCopyDialog text={actions.manualCopy()} onClose={() => actions.setDialog(null)} />
        </Match>
      </Switch>
    </div>
  );
}
