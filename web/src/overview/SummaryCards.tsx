import { For, Show } from 'solid-js';
import { t } from '../i18n';
import type { MessageKey } from '../i18n/en';
import type { ApiOutputs } from '../lib/trpc';
import { failureRate, formatCompact, formatCount } from './format';

type Summary = ApiOutputs['stats']['summary'];
type WindowName = Exclude<keyof Summary, 'at'>;

const WINDOWS: readonly { name: WindowName; label: MessageKey }[] = [
  { name: 'lastMinute', label: 'overview.window.lastMinute' },
  { name: 'lastHour', label: 'overview.window.lastHour' },
  { name: 'lastDay', label: 'overview.window.lastDay' },
  { name: 'last30Days', label: 'overview.window.last30Days' },
];

/** Calls, failures and tokens for four windows ending now: the first thing to check when "it is slow" or "it fails". */
export function SummaryCards(props: { readonly summary: Summary }) {
  return (
    <div class="overview-summary">
      <For each={WINDOWS}>
        {(window) => {
          const totals = () => props.summary[window.name];
          const tokens = () => totals().promptTokens + totals().completionTokens;
          return (
            <section class="card overview-stat" data-window={window.name} aria-label={t(window.label)}>
              <h3 class="overview-stat-title">{t(window.label)}</h3>
              <p class="overview-stat-main">
                <span class="overview-stat-calls">{formatCount(totals().calls)}</span>
                <span class="muted">{t(totals().calls === 1 ? 'overview.callOne' : 'overview.calls')}</span>
              </p>
              <p class="overview-stat-line" classList={{ 'overview-bad': totals().failures > 0 }}>
                {t('overview.failedCount', { count: formatCount(totals().failures) })}
                <Show when={totals().failures > 0}>
                  <span class="overview-rate">{failureRate(totals().calls, totals().failures)}</span>
                </Show>
              </p>
              <p
                class="overview-stat-line muted"
                title={t('overview.tokensDetail', { prompt: formatCount(totals().promptTokens), completion: formatCount(totals().completionTokens) })}
              >
                {t('overview.tokensCount', { count: formatCompact(tokens()) })}
              </p>
            </section>
          );
        }}
      </For>
    </div>
  );
}
