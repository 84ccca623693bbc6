import { createSignal, onCleanup } from 'solid-js';
import { t } from '../i18n';
import { copyText } from '../lib/clipboard';

interface Props {
  /** The text, or a function that fetches it (a token is revealed only when copied). */
  readonly text: string | (() => Promise<string>);
  readonly label?: string;
  /** Replaces the default small size (e.g. `btn-primary` for the main action of a dialog). */
  readonly class?: string;
  /** Called with the error when fetching the text failed. */
  readonly onError?: (error: unknown) => void;
}

/** A copy button that says for two seconds whether it worked: a silent copy leaves people unsure. */
export function CopyButton(props: Props) {
  const [state, setState] = createSignal<'idle' | 'copied' | 'failed'>('idle');
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));

  const copy = async () => {
    let text: string;
    try {
      text = typeof props.text === 'string' ? props.text : await props.text();
    } catch (caught) {
      props.onError?.(caught);
      return;
    }
    setState((await copyText(text)) ? 'copied' : 'failed');
    clearTimeout(timer);
    timer = setTimeout(() => setState('idle'), 2000);
  };

  return (
    <button type="button" class={`btn ${props.class ?? 'lt-btn-small'}`} onClick={copy} aria-live="polite">
      {state() === 'copied' ? `✓ ${t('logs.copied')}` : state() === 'failed' ? t('logs.copyFailed') : (props.label ?? t('logs.copy'))}
    </button>
  );
}
