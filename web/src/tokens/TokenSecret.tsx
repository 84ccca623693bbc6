import { createSignal, Show } from 'solid-js';
import { t } from '../i18n';
import { api } from '../lib/trpc';
import { CopyButton } from '../logs/CopyButton';
import type { TokenView } from './token-form';

interface Props {
  readonly token: TokenView;
  readonly onError: (error: unknown) => void;
}

/** The masked token, with "Show" and "Copy". The full value is asked of the server only when wanted (each reveal is logged there). */
export function TokenSecret(props: Props) {
  const [full, setFull] = createSignal<string | null>(null);
  const [shown, setShown] = createSignal(false);
  const [busy, setBusy] = createSignal(false);

  const reveal = async (): Promise<string> => {
    const known = full();
    if (known !== null) return known;
    const { token } = await api.tokens.reveal.mutate({ id: props.token.id });
    setFull(token);
    return token;
  };

  const toggle = async () => {
    if (shown()) return setShown(false);
    setBusy(true);
    try {
      await reveal();
      setShown(true);
    } catch (caught) {
      props.onError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="token-secret">
      <code class="token-value">{shown() ? full() : props.token.maskedToken}</code>
      <span class="token-secret-actions">
        <button type="button" class="btn lt-btn-small" disabled={busy()} aria-pressed={shown()} onClick={toggle}>
          <Show when={shown()} fallback={t('common.show')}>
            {t('common.hide')}
          </Show>
        </button>
        <CopyButton text={reveal} onError={props.onError} />
      </span>
    </div>
  );
}
