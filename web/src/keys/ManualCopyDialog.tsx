import { onMount } from 'solid-js';
import { t } from '../i18n';
import { Dialog } from './Dialog';

/** When the browser refuses to copy (no https, no permission): the keys, selected, to copy by hand. */
export function ManualCopyDialog(props: { readonly text: string; readonly onClose: () => void }) {
  let area: HTMLTextAreaElement | undefined;
  onMount(() => area?.select());
  return (
    <Dialog
      id="copy-dialog"
      title={t('keys.copyManual.title')}
      onClose={props.onClose}
      footer={
        <button type="button" class="btn btn-primary" onClick={() => props.onClose()}>
          {t('keys.close')}
        </button>
      }
    >
      <p>{t('keys.copyManual.body')}</p>
      <textarea ref={area} class="textarea" rows={8} readOnly value={props.text} onFocus={(event) => event.currentTarget.select()} />
    </Dialog>
  );
}
