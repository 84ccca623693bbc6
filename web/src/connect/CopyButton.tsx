import { createSignal, onCleanup } from 'solid-js';
import { t } from '../i18n';
import { copyText } from '../lib/clipboard';
import './copy.css';

type State = 'idle' | 'copied' | 'failed';

/** Copies `text` and says so on the button for a moment; a screen reader hears it through the live region. */
export function CopyButton(props: { readonly text: string; readonly label?: string }) {
  const [state, setState] = createSignal<State>('idle');
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));

  const copy = async () => {
    setState((await copyText(props.text)) ? 'copied' : 'failed');
    clearTimeout(timer);
    timer = setTimeout(() => setState('idle'), 2_500);
  };

  return (
    <button
      type="button"
      class="btn connect-copy"
      classList={{ 'connect-copy-done': state() === 'copied', 'connect-copy-failed': state() === 'failed' }}
      onClick={copy}
      aria-label={props.label ? `${t('connect.copy')}: ${props.label}` : undefined}
    >
      <span aria-live="polite">{state() === 'copied' ? `✓ ${t('connect.copied')}` : state() === 'failed' ? t('connect.copyFailed') : t('connect.copy')}</span>
    </button>
  );
}
