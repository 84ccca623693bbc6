import { createResource, createSignal, For, Show } from 'solid-js';
import { t } from '../i18n';
import { describeError } from '../lib/api-error';
import { api } from '../lib/trpc';
import { Dialog } from './Dialog';
import { downloadText } from './download';
import { formatCount } from './format';
import { KINDS, type KeyKind } from './key-types';
import './key-dialogs.css';

type Part = 'valid' | 'invalid' | 'all';

/** 2026-11-22: sorts well and reads the same in every language. */
const today = () => new Date().toLocaleDateString('sv-SE');

/**
 * Downloads full keys as a .txt, one per line — the format the import dialog and API_KEYS read
 * back. Usable and disabled keys are separate files so a backup of the good keys does not carry
 * the dead ones along.
 */
export function ExportDialog(props: { readonly initialKind: KeyKind | undefined; readonly onClose: () => void; readonly onDone: (file: string) => void }) {
  const [kind, setKind] = createSignal<KeyKind>(props.initialKind ?? 'gemini');
  const [keys] = createResource(kind, (chosen) => api.keys.export.query({ kind: chosen }));
  const ready = () => (keys.state === 'ready' ? keys() : undefined);

  const save = (part: Part) => {
    const got = ready();
    if (!got) return;
    const lines = part === 'valid' ? got.valid : part === 'invalid' ? got.invalid : [...got.valid, ...got.invalid];
    const file = `${kind()}-keys-${part}-${today()}.txt`;
    downloadText(file, `${lines.join('\n')}\n`);
    props.onDone(file);
  };

  return (
    <Dialog
      id="export-dialog"
      title={t('keys.export.title')}
      onClose={props.onClose}
      footer={
        <button type="button" class="btn" onClick={() => props.onClose()}>
          {t('keys.close')}
        </button>
      }
    >
      <p>{t('keys.export.body')}</p>
      <label class="field-label" for="export-kind">
        {t('keys.kindFilter')}
      </label>
      <select id="export-kind" class="select" value={kind()} onChange={(event) => setKind(KINDS.find((k) => k === event.currentTarget.value) ?? 'gemini')}>
        <For each={KINDS}>{(k) => <option value={k}>{t(`keys.kind.${k}`)}</option>}</For>
      </select>
      <Show when={keys.state === 'errored'}>
        <p class="notice notice-error">{describeError(keys.error).message}</p>
      </Show>
      <Show when={ready()} fallback={<Show when={keys.loading}>{<p class="muted">{t('common.loading')}</p>}</Show>}>
        {(got) => (
          <div class="export-choices">
            <button type="button" class="btn btn-primary" id="export-valid" disabled={got().valid.length === 0} onClick={() => save('valid')}>
              {t('keys.export.valid', { count: formatCount(got().valid.length) })}
            </button>
            <button type="button" class="btn" id="export-invalid" disabled={got().invalid.length === 0} onClick={() => save('invalid')}>
              {t('keys.export.invalid', { count: formatCount(got().invalid.length) })}
            </button>
            <button type="button" class="btn" id="export-all" disabled={got().valid.length + got().invalid.length === 0} onClick={() => save('all')}>
              {t('keys.export.all', { count: formatCount(got().valid.length + got().invalid.length) })}
            </button>
          </div>
        )}
      </Show>
    </Dialog>
  );
}
