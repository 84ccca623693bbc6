import { For, Show } from 'solid-js';
import { t } from '../i18n';
import type { ApiOutputs } from '../lib/trpc';
import { finishNote } from './finish-reason';
import { formatCount } from './format';
import { LeadCells } from './LeadCells';
import type { LogNames } from './key-names';
import { isOutcome, OUTCOME_LABELS } from './log-filters';
import type { Selection } from './selection';
import './log-table.css';

export type RequestLog = ApiOutputs['logs']['listRequests']['items'][number];

interface Props {
  readonly items: readonly RequestLog[];
  readonly selection: Selection;
  readonly names: LogNames;
  readonly onFilterKey: (key: string) => void;
}

/** Green for success, amber for a rate limit (the pool moves on), red for the rest, grey for a client that left. */
export function outcomeTone(outcome: string): string {
  if (outcome === 'ok') return 'lt-tone-ok';
  if (outcome === 'rate-limited') return 'lt-tone-warn';
  if (outcome === 'cancelled') return 'lt-tone-muted';
  return 'lt-tone-bad';
}

export function statusTone(status: number | null): string {
  if (status === null) return 'lt-tone-muted';
  if (status < 400) return 'lt-tone-ok';
  return status === 429 ? 'lt-tone-warn' : 'lt-tone-bad';
}

const tokens = (row: RequestLog) => (row.promptTokens === null && row.completionTokens === null ? '—' : `${formatCount(row.promptTokens ?? 0)} / ${formatCount(row.completionTokens ?? 0)}`);

/** One upstream attempt per row (a retried call shows each try). On a phone each row becomes a card. */
export function RequestTable(props: Props) {
  return (
    <table class="log-table">
      <thead>
        <tr>
          <th class="col-check">
            <span class="visually-hidden">{t('logs.select')}</span>
          </th>
          <th>{t('logs.col.time')}</th>
          <th>{t('logs.col.key')}</th>
          <th>{t('logs.col.model')}</th>
          <th>{t('logs.col.status')}</th>
          <th>{t('logs.col.outcome')}</th>
          <th class="lt-num">{t('logs.col.latency')}</th>
          <th class="lt-num" title={t('logs.col.tokensHint')}>
            {t('logs.col.tokens')}
          </th>
          <th>{t('logs.col.client')}</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.items}>
          {(row) => (
            <tr classList={{ selected: props.selection.has(row.id) }}>
              <LeadCells row={row} selection={props.selection} names={props.names} onFilterKey={props.onFilterKey} />
              <td class="lt-wrap" data-label={t('logs.col.model')}>
                {row.model ?? '—'}
                <span class="lt-sub muted">{row.endpoint}</span>
              </td>
              <td data-label={t('logs.col.status')}>
                <span class={`lt-pill ${statusTone(row.status)}`}>{row.status ?? '—'}</span>
              </td>
              <td data-label={t('logs.col.outcome')}>
                <span class={`lt-pill ${outcomeTone(row.outcome)}`}>{isOutcome(row.outcome) ? t(OUTCOME_LABELS[row.outcome]) : row.outcome}</span>
                <Show when={row.attempt > 1}>
                  <span class="lt-sub muted">{t('logs.attempt', { n: row.attempt })}</span>
                </Show>
                {/* Google's reason (e.g. RESOURCE_EXHAUSTED) when it adds to the result's own words. */}
                <Show when={row.errorCode && row.errorCode !== row.outcome}>
                  <span class="lt-sub muted mono">{row.errorCode}</span>
                </Show>
                <Show when={finishNote(row.finishReason)}>{(note) => <span class="lt-sub lt-finish">{note()}</span>}</Show>
              </td>
              <td class="lt-num lt-nowrap" data-label={t('logs.col.latency')}>
                {t('logs.ms', { ms: formatCount(row.latencyMs) })}
              </td>
              <td class="lt-num lt-nowrap" data-label={t('logs.col.tokens')}>
                {tokens(row)}
              </td>
              <td class="lt-wrap" data-label={t('logs.col.client')}>
                {row.tokenLabel ?? '—'}
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
