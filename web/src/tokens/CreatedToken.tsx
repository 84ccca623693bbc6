import { Show } from 'solid-js';
import { t } from '../i18n';
import { CopyButton } from '../logs/CopyButton';
import { Dialog } from '../logs/Dialog';
import './token-form.css';

interface Props {
  /** The new token in full; null = closed. */
  readonly created: { readonly label: string; readonly token: string } | null;
  readonly onClose: () => void;
}

/**
 * The one time a new token is shown without asking: afterwards the list masks it and revealing
 * it is written to the server log. Closing needs a button (not a stray click beside the box).
 */
export function CreatedToken(props: Props) {
  return (
    <Dialog open={props.created !== null} title={t('tokens.created.title')} onClose={props.onClose} closeOnBackdrop={false}>
      <Show when={props.created}>
        {(created) => (
          <div class="token-created">
            <p>{t('tokens.created.intro', { label: created().label })}</p>
            <div class="token-created-value">
              {/* Text, not an input: it wraps on a phone instead of hiding its end, and one tap selects it all. */}
              <code id="created-token" class="token-created-code" tabindex="0">
                {created().token}
              </code>
              <CopyButton text={created().token} class="btn-primary" label={t('tokens.created.copy')} />
            </div>
            <p class="notice notice-warn" role="note">
              <strong>{t('tokens.created.warnTitle')}</strong> {t('tokens.created.warn')}
            </p>
            <p class="muted">{t('tokens.created.howTo')}</p>
            <div class="lt-confirm-actions">
              <button type="button" class="btn" onClick={() => props.onClose()}>
                {t('tokens.created.done')}
              </button>
            </div>
          </div>
        )}
      </Show>
    </Dialog>
  );
}
