import { Show } from 'solid-js';
import { t } from '../i18n';
import { formatCount } from './format';
import './bulk-bar.css';

export type BulkAction = 'verify' | 'enable' | 'disable' | 'resetFailures' | 'copy' | 'delete';

interface Props {
  readonly selected: number;
  /** Keys matching the filters, over all pages. */
  readonly total: number;
  readonly busy: boolean;
  /** "Verifying 3/10": a run is going on; the button reopens its window instead of starting another. */
  readonly verifying: string | null;
  readonly onAction: (action: BulkAction) => void;
  readonly onSelectAll: () => void;
  readonly onClear: () => void;
}

/**
 * What can be done with the chosen keys. Fixed at the bottom of the screen while something is
 * chosen: the buttons stay in reach however far down the list (or a phone's card stack) one is.
 */
export function BulkBar(props: Props) {
  return (
    <div class="bulk-bar" role="region" aria-label={t('keys.bulk.label')}>
      <div class="bulk-inner">
        <div class="bulk-status">
          <strong>{t('keys.selected', { count: formatCount(props.selected) })}</strong>
          <Show when={props.selected < props.total}>
            <button type="button" class="link-btn" disabled={props.busy} onClick={() => props.onSelectAll()}>
              {t('keys.selectAllMatching', { count: formatCount(props.total) })}
            </button>
          </Show>
          <button type="button" class="link-btn" onClick={() => props.onClear()}>
            {t('keys.clearSelection')}
          </button>
        </div>
        <div class="bulk-actions">
          <button type="button" class="btn btn-primary" data-action="verify" disabled={props.busy && !props.verifying} onClick={() => props.onAction('verify')}>
            {props.verifying ?? t('keys.action.verify')}
          </button>
          <button type="button" class="btn" data-action="enable" disabled={props.busy} onClick={() => props.onAction('enable')}>
            {t('keys.action.enable')}
          </button>
          <button type="button" class="btn" data-action="disable" disabled={props.busy} onClick={() => props.onAction('disable')}>
            {t('keys.action.disable')}
          </button>
          <button type="button" class="btn" data-action="resetFailures" disabled={props.busy} onClick={() => props.onAction('resetFailures')}>
            {t('keys.action.reset')}
          </button>
          <button type="button" class="btn" data-action="copy" disabled={props.busy} onClick={() => props.onAction('copy')}>
            {t('keys.action.copy')}
          </button>
          <button type="button" class="btn btn-danger-outline" data-action="delete" disabled={props.busy} onClick={() => props.onAction('delete')}>
            {t('keys.action.delete')}
          </button>
        </div>
      </div>
    </div>
  );
}
