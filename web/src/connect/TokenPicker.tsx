import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { t } from '../i18n';
import { describeError } from '../lib/api-error';
import { api } from '../lib/trpc';
import { CopyField } from './CopyField';

/**
 * Which key the apps get: an access token, never a Gemini key. Choosing one of the stored tokens
 * fetches it in full (tokens.reveal, which the server logs) and fills it into every guide below, so
 * what is copied from them works as is.
 */
export function TokenPicker(props: { readonly token: string; readonly onToken: (token: string) => void }) {
  const [tokens] = createResource(() => api.tokens.list.query());
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const listed = () => (tokens.state === 'ready' ? tokens() : []);

  const choose = async (value: string) => {
    setError(null);
    if (value === '') return props.onToken('');
    setBusy(true);
    try {
      props.onToken((await api.tokens.reveal.mutate({ id: Number(value) })).token);
    } catch (caught) {
      setError(describeError(caught).message);
      props.onToken('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card connect-key" aria-labelledby="connect-key-title">
      <h2 id="connect-key-title">{t('connect.key.title')}</h2>
      <p>{t('connect.key.body')}</p>
      <p class="notice notice-warn connect-key-never">{t('connect.key.never')}</p>
      <div class="connect-key-choice">
        <label class="connect-key-label" for="connect-token">
          {t('connect.key.choose')}
        </label>
        <select id="connect-token" class="select" disabled={busy()} onChange={(e) => void choose(e.currentTarget.value)}>
          <option value="">{t('connect.key.placeholderOption')}</option>
          <For each={listed()}>
            {(item) => {
              const expired = item.expiresAt !== null && item.expiresAt <= Date.now();
              return (
                <option value={String(item.id)} disabled={expired}>
                  {`${item.label} (${item.maskedToken})${expired ? ` — ${t('connect.key.expired')}` : ''}`}
                </option>
              );
            }}
          </For>
        </select>
      </div>
      <Show when={tokens.state === 'ready' && listed().length === 0}>
        <p class="muted connect-key-hint">{t('connect.key.noTokens')}</p>
      </Show>
      <Show when={tokens.state === 'errored'}>
        <p class="notice notice-error">{describeError(tokens.error).message}</p>
      </Show>
      <Show when={error()}>{(message) => <p class="notice notice-error" role="alert">{message()}</p>}</Show>
      <Show when={props.token !== ''}>
        <CopyField label={t('connect.key.chosen')} value={props.token} id="token" />
      </Show>
      <p class="muted connect-key-hint">
        {t('connect.key.tokensPage')} <A href="/tokens">{t('connect.key.tokensLink')}</A>
      </p>
    </section>
  );
}
