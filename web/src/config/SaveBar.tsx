import { Show } from 'solid-js';
import { t } from '../i18n';
import './save-bar.css';

interface Props {
  readonly unsaved: number;
  readonly saving: boolean;
  /** The last save's result, shown here too: the banner at the top may be scrolled out of sight. */
  readonly saved: string | undefined;
  readonly onSave: () => void;
  readonly onDiscard: () => void;
}

/** Stays at the bottom of the screen: the unsaved-changes count and the buttons are always in reach on a phone. */
export function SaveBar(props: Props) {
  return (
    <div class="save-bar" classList={{ 'save-bar-dirty': props.unsaved > 0 }}>
      <div class="save-bar-inner">
        <span class="save-bar-status" role="status">
          <Show when={props.unsaved > 0} fallback={<span class="save-bar-saved">{props.saved ? `✓ ${props.saved}` : t('config.noChanges')}</span>}>
            <span class="dot" aria-hidden="true" />
            {t('config.unsaved', { count: props.unsaved })}
          </Show>
        </span>
        <button type="button" class="btn" disabled={props.unsaved === 0 || props.saving} onClick={() => props.onDiscard()}>
          {t('config.discard')}
        </button>
        <button type="button" class="btn btn-primary" disabled={props.unsaved === 0 || props.saving} onClick={() => props.onSave()}>
          {props.saving ? t('config.saving') : t('config.save')}
        </button>
      </div>
    </div>
  );
}
