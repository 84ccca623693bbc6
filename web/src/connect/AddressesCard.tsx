import { Show } from 'solid-js';
import { t } from '../i18n';
import type { ConnectContext } from './addresses';
import { CopyField } from './CopyField';

/** The two base URLs this server has, each with who takes it: most questions end here. */
export function AddressesCard(props: { readonly context: ConnectContext; readonly localOnly: boolean }) {
  return (
    <section class="card connect-addresses" aria-labelledby="connect-addresses-title">
      <h2 id="connect-addresses-title">{t('connect.addresses.title')}</h2>
      <div class="connect-address">
        <CopyField label={t('connect.addresses.openai')} value={props.context.openai} id="openai-base" />
        <p class="muted connect-address-hint">{t('connect.addresses.openaiHint')}</p>
      </div>
      <div class="connect-address">
        <CopyField label={t('connect.addresses.gemini')} value={props.context.origin} id="gemini-base" />
        <p class="muted connect-address-hint">{t('connect.addresses.geminiHint')}</p>
      </div>
      <Show when={props.localOnly}>
        <p class="notice notice-warn connect-local">{t('connect.addresses.localOnly')}</p>
      </Show>
    </section>
  );
}
