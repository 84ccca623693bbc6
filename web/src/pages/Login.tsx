import { useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, onMount, Show } from 'solid-js';
import { EmbeddedNotice, isEmbedded } from '../components/EmbeddedNotice';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { ThemeSwitch } from '../components/ThemeSwitch';
import { t } from '../i18n';
import { describeError } from '../lib/api-error';
import { usePageTitle } from '../lib/page-title';
import { api } from '../lib/trpc';
import './login.css';

export function Login() {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [token, setToken] = createSignal('');
  const [visible, setVisible] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  usePageTitle('login.title');

  // Already logged in (a bookmark of /login, the back button): go straight to the dashboard.
  onMount(async () => {
    try {
      if ((await api.auth.session.query()).loggedIn) navigate('/', { replace: true });
    } catch {
      // The form is still usable; a failing server shows its error on submit.
    }
  });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (token().trim() === '') return setError(t('login.empty'));
    setBusy(true);
    setError(null);
    try {
      await api.auth.login.mutate({ token: token() });
      // The answer set the cookie; if the browser refused it (an embedded frame), say so here
      // rather than bouncing between the dashboard and this page.
      const session = await api.auth.session.query();
      if (!session.loggedIn) return setError(t('login.cookieBlocked'));
      navigate('/', { replace: true });
    } catch (caught) {
      setError(describeError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="login-screen">
      <div class="login-tools">
        <LanguageSwitch />
        <ThemeSwitch />
      </div>
      <main class="login-card card">
        <div class="login-brand">
          <span class="brand-dot" aria-hidden="true" />
          {t('app.title')}
        </div>
        <h1>{t('login.title')}</h1>
        <EmbeddedNotice />
        <Show when={search.expired && !error()}>
          <p class="notice notice-warn">{t('login.expired')}</p>
        </Show>
        <form class="login-form" onSubmit={submit} novalidate>
          <label for="auth-token">{t('login.tokenLabel')}</label>
          <div class="password-row">
            <input
              id="auth-token"
              class="input"
              type={visible() ? 'text' : 'password'}
              autocomplete="current-password"
              // Chromium refuses autofocus in a cross-origin frame and logs an error for it.
              autofocus={!isEmbedded()}
              value={token()}
              onInput={(e) => setToken(e.currentTarget.value)}
              aria-invalid={error() ? 'true' : undefined}
              aria-describedby="auth-token-hint"
            />
            <button type="button" class="btn" onClick={() => setVisible(!visible())} aria-pressed={visible()}>
              {visible() ? t('common.hide') : t('common.show')}
            </button>
          </div>
          <p id="auth-token-hint" class="muted login-hint">
            {t('login.tokenHint')}
          </p>
          <Show when={error()}>
            {(message) => (
              <p class="notice notice-error" role="alert">
                {message()}
              </p>
            )}
          </Show>
          <button type="submit" class="btn btn-primary login-submit" disabled={busy()}>
            {busy() ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
