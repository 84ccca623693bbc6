import { t } from '../i18n';
import { Dialog } from './Dialog';
import { formatCount } from './format';

interface Props {
  readonly count: number;
  readonly busy: boolean;
  readonly onConfirm: () => void;
  readonly onClose: () => void;
}

/** Deleting cannot be undone, so it asks first and says how to keep a copy. */
export function DeleteDialog(props: Props) {
  return (
    <Dialog
      id="delete-dialog"
      title={t('keys.delete.title', { count: formatCount(props.count) })}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" class="btn" onClick={() => props.onClose()}>
            {t('keys.cancel')}
          </button>
          <button type="button" class="btn btn-danger" id="delete-confirm" disabled={props.busy} onClick={() => props.onConfirm()}>
            {t('keys.delete.confirm', { count: formatCount(props.count) })}
          </button>
        </>
      }
    >
      <p>{t('keys.delete.body')}</p>
    </Dialog>
  );
}
