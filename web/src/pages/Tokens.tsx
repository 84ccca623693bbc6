import { createResource, createSignal, Show } from 'solid-js';
import { t } from '../i18n';
import { describeError } from '../lib/api-error';
import { usePageTitle } from '../lib/page-title';
import { api } from '../lib/trpc';
import { ConfirmDialog } from '../logs/ConfirmDialog';
import { CreatedToken } from '../tokens/CreatedToken';
import { type FormMode, TokenForm } from '../tokens/TokenForm';
import type { TokenView } from '../tokens/token-form';
import { TokenTable } from '../tokens/TokenTable';
import '../logs/ui.css';
import '../tokens/tokens.css';

/** Access tokens: what apps put in their "API key" field to use this proxy. */
export function Tokens() {
  usePageTitle('tokens.title');
  const [tokens, { refetch }] = createResource(async () => ({ list: await api.tokens.list.query(), at: Date.now() }));
  const [form, setForm] = createSignal<FormMode | null>(null);
  const [created, setCreated] = createSignal<{ label: string; token: string } | null>(null);
  const [deleting, setDeleting] = createSignal<TokenView | null>(null);
  const [banner, setBanner] = createSignal<{ kind: 'ok' | 'error'; text: string } | null>(null);
  // Reading a failed resource throws; the error has its own notice below.
  const loaded = () => (tokens.state === 'ready' || tokens.state === 'refreshing' ? tokens() : undefined);

  const saved = (token: TokenView & { readonly token?: string }) => {
    setForm(null);
    if (token.token !== undefined) setCreated({ label: token.label, token: token.token });
    setBanner({ kind: 'ok', text: t(token.token !== undefined ? 'tokens.createdBanner' : 'tokens.savedBanner', { label: token.label }) });
    void refetch();
  };

  const remove = async () => {
    const target = deleting();
    if (!target) return;
    await api.tokens.delete.mutate({ ids: [target.id] });
    setBanner({ kind: 'ok', text: t('tokens.deletedBanner', { label: target.label }) });
    await refetch();
  };

  const openCreate = () => {
    setBanner(null);
    setForm({ kind: 'create' });
  };

  return (
    <div class="tokens-page">
      <header class="tokens-header">
        <div>
          <h1>{t('tokens.title')}</h1>
          <p class="muted">{t('tokens.intro')}</p>
        </div>
        <button type="button" class="btn btn-primary" onClick={openCreate}>
          + {t('tokens.new')}
        </button>
      </header>
      <p class="muted tokens-note">{t('tokens.authTokenNote')}</p>

      <div aria-live="polite">
        <Show when={banner()}>
          {(shown) => (
            <p class="notice" classList={{ 'notice-ok': shown().kind === 'ok', 'notice-error': shown().kind === 'error' }} role={shown().kind === 'error' ? 'alert' : undefined}>
              {shown().text}
            </p>
          )}
        </Show>
      </div>

      <Show when={tokens.state === 'errored'}>
        <div class="notice notice-error">
          <p>{describeError(tokens.error).message}</p>
          <button type="button" class="btn" onClick={() => refetch()}>
            {t('common.retry')}
          </button>
        </div>
      </Show>
      <Show when={loaded()} fallback={<Show when={tokens.loading}>{<p class="muted">{t('common.loading')}</p>}</Show>}>
        {(data) => (
          <Show
            when={data().list.length > 0}
            fallback={
              <div class="tokens-empty">
                <p>{t('tokens.empty')}</p>
                <button type="button" class="btn btn-primary" onClick={openCreate}>
                  + {t('tokens.new')}
                </button>
              </div>
            }
          >
            <div class="token-table-wrap card">
              <TokenTable
                tokens={data().list}
                now={data().at}
                onEdit={(token) => {
                  setBanner(null);
                  setForm({ kind: 'edit', token });
                }}
                onDelete={(token) => setDeleting(token)}
                onError={(error) => setBanner({ kind: 'error', text: describeError(error).message })}
              />
            </div>
          </Show>
        )}
      </Show>

      <TokenForm mode={form()} onClose={() => setForm(null)} onSaved={saved} />
      <CreatedToken created={created()} onClose={() => setCreated(null)} />
      <ConfirmDialog
        open={deleting() !== null}
        title={t('tokens.deleteTitle', { label: deleting()?.label ?? '' })}
        confirmLabel={t('tokens.delete')}
        onConfirm={remove}
        onClose={() => setDeleting(null)}
      >
        <p>{t('tokens.deleteBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
