import { For } from 'solid-js';
import { t } from '../i18n';
import { STATUSES } from './key-types';
import './status-badge.css';
import './key-filters.css';

/**
 * What each status means and what brings a key back: the original dashboard left people guessing
 * how "failed" and "invalid" were decided (FAQ 21). Folded by default, one click away.
 */
export function StatusLegend() {
  return (
    <details class="status-legend">
      <summary>{t('keys.legend.title')}</summary>
      <dl>
        <For each={STATUSES}>
          {(status) => (
            <div class="legend-row">
              <dt>
                <span class={`status-badge status-${status}`}>{t(`keys.status.${status}`)}</span>
              </dt>
              <dd>{t(`keys.legend.${status}`)}</dd>
            </div>
          )}
        </For>
        <div class="legend-row">
          <dt class="legend-term">{t('keys.col.cooldowns')}</dt>
          <dd>{t('keys.legend.cooldowns')}</dd>
        </div>
        <div class="legend-row">
          <dt class="legend-term">{t('keys.col.failures')}</dt>
          <dd>{t('keys.failuresHelp')}</dd>
        </div>
      </dl>
    </details>
  );
}
