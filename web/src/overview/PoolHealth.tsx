import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { t } from '../i18n';
import type { MessageKey } from '../i18n/en';
import { formatCount } from './format';
import { KEY_STATUSES, type KeyStatus, type PoolCounts } from './pool-health';
import './lists.css';

const TEXT: Record<KeyStatus, { label: MessageKey; hint: MessageKey }> = {
  active: { label: 'overview.pool.active', hint: 'overview.pool.activeHint' },
  cooling: { label: 'overview.pool.cooling', hint: 'overview.pool.coolingHint' },
  disabled: { label: 'overview.pool.disabled', hint: 'overview.pool.disabledHint' },
};

/** The keys by state, with what each state means: "cooling" and "disabled" worry people who do not know that the first heals itself. */
export function PoolHealth(props: { readonly counts: PoolCounts }) {
  const total = () => KEY_STATUSES.reduce((sum, s) => sum + props.counts[s], 0);
  return (
    <section class="card overview-panel overview-pool" aria-labelledby="overview-pool-title">
      <div class="overview-panel-head">
        <h2 class="overview-panel-title" id="overview-pool-title">
          {t('overview.pool.title')}
        </h2>
        <A href="/keys" class="overview-link">
          {t('overview.pool.manage')}
        </A>
      </div>
      <Show when={total() > 0} fallback={<p class="notice notice-warn overview-none">{t('overview.pool.none')}</p>}>
        <div class="overview-pool-bar" aria-hidden="true">
          <For each={KEY_STATUSES}>{(status) => <span class={`overview-pool-part overview-${status}`} style={{ flex: `${props.counts[status]} 0 0` }} />}</For>
        </div>
        <p class="muted overview-pool-total">{t('overview.pool.total', { count: formatCount(total()) })}</p>
      </Show>
      <ul class="overview-pool-list">
        <For each={KEY_STATUSES}>
          {(status) => (
            <li class="overview-pool-item" data-status={status}>
              <span class={`overview-dot overview-${status}`} aria-hidden="true" />
              <span class="overview-pool-label">{t(TEXT[status].label)}</span>
              <span class="overview-pool-count">{formatCount(props.counts[status])}</span>
              <span class="overview-pool-hint muted">{t(TEXT[status].hint)}</span>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
