import { createMemo, createSignal, For } from 'solid-js';
import { AddressesCard } from '../connect/AddressesCard';
import { connectContext, isLocalOnly } from '../connect/addresses';
import { ClientCard, clientAnchor } from '../connect/ClientCard';
import { CLIENT_GUIDES } from '../connect/clients';
import { MistakesNotice } from '../connect/MistakesNotice';
import { TokenPicker } from '../connect/TokenPicker';
import { t } from '../i18n';
import { usePageTitle } from '../lib/page-title';
import '../connect/connect.css';

/**
 * "Connect a client": this server's exact base URLs and a token, filled into a guide per app.
 * A wrong base URL (a missing or doubled /v1) is the most common support question of the original
 * project, so every value here is the one to paste, with a copy button.
 */
export function Connect() {
  usePageTitle('connect.title');
  const [token, setToken] = createSignal('');
  const context = createMemo(() => connectContext(window.location.origin, token()));
  const localOnly = isLocalOnly(window.location.hostname);
  // Buttons, not #hash links: the router's URL stays the page's own.
  const jump = (id: string) => document.getElementById(clientAnchor(id))?.scrollIntoView({ behavior: 'smooth', block: 'start' });

  return (
    <div class="connect-page">
      <header class="page-header">
        <h1>{t('connect.title')}</h1>
        <p class="muted">{t('connect.intro')}</p>
      </header>
      <div class="connect-top">
        <AddressesCard context={context()} localOnly={localOnly} />
        <TokenPicker token={token()} onToken={setToken} />
      </div>
      <MistakesNotice context={context()} />
      <nav class="connect-jump" aria-label={t('connect.jump')}>
        <span class="muted">{t('connect.jump')}</span>
        <For each={CLIENT_GUIDES}>
          {(guide) => (
            <button type="button" class="connect-chip" onClick={() => jump(guide.id)}>
              {guide.name}
            </button>
          )}
        </For>
      </nav>
      <div class="connect-clients">
        <For each={CLIENT_GUIDES}>{(guide) => <ClientCard guide={guide} context={context()} />}</For>
      </div>
    </div>
  );
}
