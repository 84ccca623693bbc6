import { Show } from 'solid-js';
import { t } from '../i18n';
import { formatCount } from './format';

interface Props {
  readonly count: number;
  readonly onClear: () => void;
  readonly onDelete: () => void;
}

/** Pinned to the bottom while rows are ticked, so the action stays in reach however far the list scrolls. */
export function BulkBar(props: Props) {
  return (
    <Show when={props.count > 0}>
      <div class="log-bulk-bar" role="region" aria-label={t('logs.selection')}>
        <div class="log-bulk-bar-inner">
          <span class="log-bulk-count">{t('logs.selectedCount', { count: formatCount(props.count) })}</span>
          <button type="button" class="btn" onClick={() => props.onClear()}>
            {t('logs.clearSelection')}
          </button>
          <button type="button" class="btn lt-btn-danger" onClick={() => props.onDelete()}>
            {t('logs.deleteSelected.button')}
          </button>
        </div>
      </div>
    </Show>
  );
}
