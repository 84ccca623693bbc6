import { t } from '../i18n';
import { formatTime } from './format';
import { KeyCell } from './KeyCell';
import type { LogNames } from './key-names';
import type { Selection } from './selection';

interface Props {
  readonly row: { readonly id: number; readonly at: number; readonly keyFingerprint: string | null };
  readonly selection: Selection;
  readonly names: LogNames;
  readonly onFilterKey: (key: string) => void;
}

/** The cells both log tables start with: select, time, key. */
export function LeadCells(props: Props) {
  return (
    <>
      <td class="col-check">
        <input
          type="checkbox"
          checked={props.selection.has(props.row.id)}
          onChange={(e) => props.selection.toggle(props.row.id, e.currentTarget.checked)}
          aria-label={t('logs.selectRow', { time: formatTime(props.row.at) })}
        />
      </td>
      <td class="lt-nowrap" data-label={t('logs.col.time')}>
        {formatTime(props.row.at)}
      </td>
      <td data-label={t('logs.col.key')}>
        <KeyCell fingerprint={props.row.keyFingerprint} names={props.names} onFilter={props.onFilterKey} />
      </td>
    </>
  );
}
