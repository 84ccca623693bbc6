import { For } from 'solid-js';
import { t } from '../i18n';
import type { ConnectContext } from './addresses';

/** The mistakes behind most "404" and "401" questions (gemini-balance FAQ 26–27), with this server's real addresses in them. */
export function MistakesNotice(props: { readonly context: ConnectContext }) {
  const items = () => [
    t('connect.mistakes.openaiV1', { openai: props.context.openai, origin: props.context.origin }),
    t('connect.mistakes.doubled', { origin: props.context.origin }),
    t('connect.mistakes.gemini', { origin: props.context.origin }),
    t('connect.mistakes.key'),
    t('connect.mistakes.readError'),
  ];
  return (
    <section class="notice notice-warn connect-mistakes" aria-labelledby="connect-mistakes-title">
      <h2 id="connect-mistakes-title">{t('connect.mistakes.title')}</h2>
      <ul>
        <For each={items()}>{(item) => <li>{item}</li>}</For>
      </ul>
    </section>
  );
}
