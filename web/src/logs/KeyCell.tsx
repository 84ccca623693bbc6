import { Show } from 'solid-js';
import { t } from '../i18n';
import type { LogNames } from './key-names';

interface Props {
  readonly fingerprint: string | null;
  readonly names: LogNames;
  /** Narrows the list to this key (the filter takes the masked key, or the id when no name is known). */
  readonly onFilter: (key: string) => void;
}

/** A log row's key: masked as on the keys page when known, else its id; a click filters by it. */
export function KeyCell(props: Props) {
  const label = () => props.names.maskedOf(props.fingerprint) ?? props.fingerprint ?? '';
  return (
    <Show when={props.fingerprint} fallback={<span class="muted">—</span>}>
      <button type="button" class="lt-link mono" title={t('logs.filterByKey')} onClick={() => props.onFilter(label())}>
        {label()}
      </button>
    </Show>
  );
}
