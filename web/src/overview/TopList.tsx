import { For, Show } from 'solid-js';
import { t } from '../i18n';
import { formatCount } from './format';
import './lists.css';

export interface TopRow {
  readonly id: string;
  readonly label: string;
  /** Shown muted after the label: why a row has no proper name (a deleted key). */
  readonly note?: string;
  readonly calls: number;
  readonly failures: number;
}

/** A ranked list with a bar per row, scaled to the busiest: who carries the traffic, at a glance. */
export function TopList(props: { readonly title: string; readonly rows: readonly TopRow[]; readonly mono?: boolean; readonly testId: string }) {
  const max = () => props.rows.reduce((m, r) => Math.max(m, r.calls), 0) || 1;
  return (
    <section class="card overview-panel overview-top" data-list={props.testId}>
      <h2 class="overview-panel-title">{props.title}</h2>
      <Show when={props.rows.length > 0} fallback={<p class="muted overview-none">{t('overview.top.empty')}</p>}>
        <ol class="overview-top-list">
          <For each={props.rows}>
            {(row) => (
              <li class="overview-top-row">
                <div class="overview-top-text">
                  <span class="overview-top-name" classList={{ mono: props.mono === true }} title={row.label}>
                    {row.label}
                  </span>
                  <Show when={row.note}>
                    <span class="muted overview-top-note">{row.note}</span>
                  </Show>
                  <span class="overview-top-count">
                    {formatCount(row.calls)}
                    <Show when={row.failures > 0}>
                      <span class="overview-bad"> · {t('overview.failedCount', { count: formatCount(row.failures) })}</span>
                    </Show>
                  </span>
                </div>
                <div class="overview-top-track" aria-hidden="true">
                  <div class="overview-top-fill" style={{ width: `${(row.calls / max()) * 100}%` }} />
                  <div class="overview-top-fill overview-top-fill-bad" style={{ width: `${(row.failures / max()) * 100}%` }} />
                </div>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
