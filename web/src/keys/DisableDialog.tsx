import { createSignal } from 'solid-js';
import { t } from '../i18n';
import { Dialog } from './Dialog';
import { formatCount } from './format';

interface Props {
  readonly count: number;
  readonly busy: boolean;
  readonly onConfirm: (reason: string) => void;
  readonly onClose: () => void;
}

/** Disable the selected keys, with an optional reason that the table shows next to each one. */
export function DisableDialog(props: Props) {
  const [reason, setReason] = createSignal('');
  return (
    <Dialog
      id="disable-dialog"
      title={t('keys.disable.title', { count: formatCount(props.count) })}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" class="btn" onClick={() => props.onClose()}>
            {t('keys.cancel')}
          </button>
          <button type="button" class="btn btn-primary" disabled={props.busy} onClick={() => props.onConfirm(reason())}>
            {t('keys.disable.confirm')}
          </button>
        </>
      }
    >
      <p>{t('keys.disable.body')}</p>
      <label class="field-label" for="disable-reason">
        {t('keys.disable.reason')}
      </label>
      <input
        id="disable-reason"
        class="input"
        maxLength={500}
        placeholder={t('keys.disable.reasonPlaceholder')}
        value={reason()}
        onInput={(event) => setReason(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !props.busy) props.onConfirm(reason());
        }}
      />
    </Dialog>
  );
}
