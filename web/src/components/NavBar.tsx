import { A, useNavigate } from '@solidjs/router';
import { createSignal, For } from 'solid-js';
import { t } from '../i18n';
import { api } from '../lib/trpc';
import { LanguageSwitch } from './LanguageSwitch';
import { NAV_ITEMS } from './nav-items';
import { ThemeSwitch } from './ThemeSwitch';
import './nav-bar.css';

export function NavBar() {
  const navigate = useNavigate();
  const [leaving, setLeaving] = createSignal(false);

  const logout = async () => {
    setLeaving(true);
    try {
      await api.auth.logout.mutate();
    } catch {
      // Already logged out (401) or the server is down: either way the login page is next.
    } finally {
      setLeaving(false);
      navigate('/login', { replace: true });
    }
  };

  return (
    <header class="topbar">
      <div class="topbar-inner">
        <A href="/" class="brand">
          <span class="brand-dot" aria-hidden="true" />
          {t('app.title')}
        </A>
        <nav class="topbar-links" aria-label={t('nav.main')}>
          <For each={NAV_ITEMS}>
            {(item) => (
              // `end` for the overview at "/": every path starts with "/", so it would look active on every page.
              <A href={item.href} class="topbar-link" activeClass="active" end={item.href === '/'}>
                {t(item.label)}
              </A>
            )}
          </For>
        </nav>
        <div class="topbar-tools">
          <LanguageSwitch />
          <ThemeSwitch />
          <button type="button" class="btn" disabled={leaving()} onClick={logout}>
            {t('nav.logout')}
          </button>
        </div>
      </div>
    </header>
  );
}
