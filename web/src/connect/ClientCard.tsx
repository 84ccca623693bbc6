import { For, Show } from 'solid-js';
import { t } from '../i18n';
import { type ConnectContext, TOKEN_PLACEHOLDER } from './addresses';
import type { ClientGuide } from './clients';
import { CodeBlock } from './CodeBlock';
import { CopyField } from './CopyField';

export const clientAnchor = (id: string) => `connect-client-${id}`;

/** One app: where its settings are, the exact values for each field, its trap, and runnable examples. */
export function ClientCard(props: { readonly guide: ClientGuide; readonly context: ConnectContext }) {
  return (
    <section class="card connect-client" id={clientAnchor(props.guide.id)} data-client={props.guide.id} aria-labelledby={`${clientAnchor(props.guide.id)}-title`}>
      <header class="connect-client-head">
        <h2 id={`${clientAnchor(props.guide.id)}-title`}>{props.guide.name}</h2>
        <span class="connect-format" classList={{ 'connect-format-gemini': props.guide.format === 'gemini' }}>
          {props.guide.format === 'openai' ? t('connect.format.openai') : t('connect.format.gemini')}
        </span>
      </header>
      <p class="connect-steps">{t(props.guide.steps)}</p>
      <Show when={props.guide.fields.length > 0}>
        <div class="connect-fields">
          <For each={props.guide.fields}>
            {(field) => {
              const value = () => field.value(props.context);
              return <CopyField label={t(field.label)} value={value()} id={field.label} placeholder={value() === TOKEN_PLACEHOLDER} />;
            }}
          </For>
        </div>
      </Show>
      <Show when={props.guide.note}>{(note) => <p class="connect-note">{t(note())}</p>}</Show>
      <For each={props.guide.snippets ?? []}>{(snippet) => <CodeBlock title={snippet.title} code={snippet.code(props.context)} />}</For>
    </section>
  );
}
