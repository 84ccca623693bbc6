import { createSignal, For } from 'solid-js';
import { t } from '../i18n';
import type { ApiOutputs } from '../lib/trpc';
import { ErrorDrawer } from './ErrorDrawer';
import { LeadCells } from './LeadCells';
import type { LogNames } from './key-names';
import { readableMessage } from './message-text';
import { statusTone } from './RequestTable';
import type { Selection } from './selection';
import './log-table.css';

export type ErrorLog = ApiOutputs['logs']['listErrors']['items'][number];

interface Props {
  readonly items: readonly ErrorLog[];
  readonly selection: Selection;
  readonly names: LogNames;
  readonly onFilterKey: (key: string) => void;
}

/** Error logs with the start of each message; "Details" (or the message) opens the whole log. */
export function ErrorTable(props: Props) {
  const [openId, setOpenId] = createSignal<number | null>(null);
  return (
    <>
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
            <th>{t('logs.col.message')}</th>
            <th>
              <span class="visually-hidden">{t('logs.detail.open')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.items}>
            {(row) => (
              <tr classList={{ selected: props.selection.has(row.id) }}>
                <LeadCells row={row} selection={props.selection} names={props.names} onFilterKey={props.onFilterKey} />
                <td class="lt-wrap" data-label={t('logs.col.model')}>
                  {/* The error type (gemini-<endpoint>) is in the details; here it only squeezed the row. */}
                  {row.model ?? '—'}
                </td>
                <td data-label={t('logs.col.status')}>
                  <span class={`lt-pill ${statusTone(row.status)}`}>{row.status ?? '—'}</span>
                </td>
                <td class="col-message" data-label={t('logs.col.message')}>
                  <button type="button" class="log-message-preview" title={row.messagePreview} onClick={() => setOpenId(row.id)}>
                    {readableMessage(row.messagePreview)}
                  </button>
                </td>
                <td class="col-action">
                  <button type="button" class="btn lt-btn-small" onClick={() => setOpenId(row.id)}>
                    {t('logs.detail.open')}
                  </button>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <ErrorDrawer id={openId()} names={props.names} onClose={() => setOpenId(null)} />
    </>
  );
}
