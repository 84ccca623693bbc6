import { createSignal, type JSX, Show } from 'solid-js';
import { t } from '../i18n';
import { describeError } from '../lib/api-error';
import { Dialog } from './Dialog';

interface Props {
  readonly open: boolean;
  readonly title: string;
  readonly confirmLabel: string;
  readonly onConfirm: () => Promise<void>;
  readonly onClose: () => void;
  /** When set, the button stays disabled until exactly this is typed (for what cannot be undone at scale). */
  readonly typeToConfirm?: string;
  readonly children: JSX.Element;
}

/**
 * "Are you sure?" for a destructive action: the action runs from here, so a failure is shown in
 * the dialog (the server's words) and the user can try again or cancel.
 */
export function ConfirmDialog(props: Props) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [typed, setTyped] = createSignal('');
  const ready = () => !busy() && (props.typeToConfirm === undefined || typed().trim() === props.typeToConfirm);

  const close = () => {
    if (busy()) return;
    setError(null);
    setTyped('');
    props.onClose();
  };

  const confirm = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!ready()) return;
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
      setTyped('');
      props.onClose();
    } catch (caught) {
      setError(describeError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.open} title={props.title} onClose={close} class="lt-confirm-dialog">
      <form class="lt-confirm-form" onSubmit={confirm}>
        {props.children}
        <Show when={props.typeToConfirm}>
          {(word) => (
            <label class="lt-confirm-type">
              <span>{t('logs.typeToConfirm', { word: word() })}</span>
              <input class="input" value={typed()} onInput={(e) => setTyped(e.currentTarget.value)} autocomplete="off" spellcheck={false} />
            </label>
          )}
        </Show>
        <Show when={error()}>
          <p class="notice notice-error" role="alert">
            {error()}
          </p>
        </Show>
        <div class="lt-confirm-actions">
          <button type="button" class="btn" onClick={close} disabled={busy()}>
            {t('logs.cancel')}
          </button>
          <button type="submit" class="btn lt-btn-danger" disabled={!ready()}>
            {busy() ? t('logs.working') : props.confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
