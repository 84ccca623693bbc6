import { For, Show } from 'solid-js';
import { t } from '../i18n';
import type { EnvDifference } from './setting-types';

/**
 * After the first start the database wins over the environment; a value still set differently
 * in .env is ignored, which users mistake for "my change did not work". This lists them.
 */
export function DifferencesNotice(props: { readonly differences: readonly EnvDifference[] }) {
  return (
    <Show when={props.differences.length > 0}>
      <section class="notice notice-warn differences" aria-labelledby="differences-title">
        <h2 id="differences-title">{t('config.differencesTitle')}</h2>
        <p>{t('config.differencesBody')}</p>
        <ul>
          <For each={props.differences}>
            {(difference) => (
              <li>
                <code class="difference-name">{difference.name}</code>
                <span class="difference-values">
                  <span>
                    {t('config.envValue')}: <code>{difference.env}</code>
                  </span>
                  <span>
                    {t('config.dbValue')}: <code>{difference.database}</code>
                  </span>
                </span>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
