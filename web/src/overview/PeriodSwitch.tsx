import { For } from 'solid-js';
import { t } from '../i18n';
import { PERIOD_LABELS, PERIODS, type Period } from './format';
import './chart.css';

/** One switch for the chart and the top lists: they always describe the same stretch of time. */
export function PeriodSwitch(props: { readonly value: Period; readonly onChange: (period: Period) => void }) {
  return (
    <div class="overview-periods" role="group" aria-label={t('overview.period.label')}>
      <For each={PERIODS}>
        {(period) => (
          <button
            type="button"
            class="overview-period"
            classList={{ active: props.value === period }}
            aria-pressed={props.value === period}
            data-period={period}
            onClick={() => props.onChange(period)}
          >
            {t(PERIOD_LABELS[period])}
          </button>
        )}
      </For>
    </div>
  );
}
