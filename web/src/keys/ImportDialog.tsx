import { createMemo, createSignal, For, Show } from 'solid-js';
import { t } from '../i18n';
import { describeError } from '../lib/api-error';
import { api } from '../lib/trpc';
import { previewPaste } from './count-keys';
import { Dialog } from './Dialog';
import { formatCount } from './format';
import { type AddResult, KINDS, type KeyKind } from './key-types';
import './key-dialogs.css';

/**
 * Paste keys in any shape; the dialog counts them as they are pasted (so a wrong clipboard is
 * seen before anything is sent), then keys.add stores them and the answer says what happened
 * to each: added, already there, or not a whole key.
 */
export function ImportDialog(props: { readonly onClose: () => void; readonly onImported: () => void }) {
  const [text, setText] = createSignal('');
  const [kind, setKind] = createSignal<KeyKind>('gemini');
  const [sending, setSending] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [result, setResult] = createSignal<AddResult | null>(null);
  const preview = createMemo(() => previewPaste(text(), kind()));

  const submit = async () => {
    setSending(true);
    setError(null);
    try {
      setResult(await api.keys.add.mutate({ text: text(), kind: kind() }));
      setText('');
      props.onImported();
    } catch (caught) {
      setError(describeError(caught).message);
    } finally {
      setSending(false);
    }
  };

  const footer = () => (
    <Show
      when={result() === null}
      fallback={
        <>
          <button type="button" class="btn" onClick={() => setResult(null)}>
            {t('keys.import.more')}
          </button>
          <button type="button" class="btn btn-primary" onClick={() => props.onClose()}>
            {t('keys.close')}
          </button>
        </>
      }
    >
      <button type="button" class="btn" onClick={() => props.onClose()}>
        {t('keys.cancel')}
      </button>
      <button type="button" class="btn btn-primary" id="import-submit" disabled={preview().unique === 0 || sending()} onClick={submit}>
        {sending() ? t('keys.import.submitting') : t('keys.import.submit', { count: formatCount(preview().unique) })}
      </button>
    </Show>
  );

  return (
    <Dialog id="import-dialog" title={t('keys.import.title')} onClose={props.onClose} footer={footer()}>
      <Show when={result()} fallback={
        <>
          <label class="field-label" for="import-kind">
            {t('keys.import.kind')}
          </label>
          <select id="import-kind" class="select" value={kind()} onChange={(event) => setKind(KINDS.find((k) => k === event.currentTarget.value) ?? 'gemini')}>
            <For each={KINDS}>{(k) => <option value={k}>{t(`keys.kind.${k}`)}</option>}</For>
          </select>
          <label class="field-label" for="import-text">
            {t('keys.import.label')}
          </label>
          <p class="muted field-note" id="import-hint">
            {t('keys.import.hint')}
          </p>
          <textarea
            id="import-text"
            class="textarea"
            rows={8}
            spellcheck={false}
            autocomplete="off"
            placeholder={kind() === 'vertex' ? 'AQ.Ab8RN6…\nAQ.Ab8RN6…' : 'AIzaSy…\nAIzaSy…'}
            aria-describedby="import-hint import-preview"
            value={text()}
            onInput={(event) => setText(event.currentTarget.value)}
          />
          <div id="import-preview" class="import-preview" aria-live="polite">
            <Show when={preview().unique > 0} fallback={<span class="muted">{t('keys.import.none')}</span>}>
              <strong>{t('keys.import.found', { count: formatCount(preview().unique) })}</strong>
            </Show>
            <Show when={preview().found > preview().unique}>
              <span class="muted">{t('keys.import.repeated', { count: formatCount(preview().found - preview().unique) })}</span>
            </Show>
            <Show when={preview().damaged > 0}>
              <span class="import-damaged">{t('keys.import.damaged', { count: formatCount(preview().damaged) })}</span>
            </Show>
          </div>
          <Show when={error()}>{(message) => <p class="notice notice-error" role="alert">{message()}</p>}</Show>
        </>
      }>
        {(done) => (
          <div class="import-result" id="import-result" role="status">
            <div class="result-tile result-added">
              <span class="result-number">{formatCount(done().added)}</span>
              <span>{t('keys.import.added')}</span>
            </div>
            <div class="result-tile">
              <span class="result-number">{formatCount(done().duplicates)}</span>
              <span>{t('keys.import.duplicates')}</span>
            </div>
            <div class="result-tile" classList={{ 'result-bad': done().invalid > 0 }}>
              <span class="result-number">{formatCount(done().invalid)}</span>
              <span>{t('keys.import.invalid')}</span>
            </div>
          </div>
        )}
      </Show>
    </Dialog>
  );
}
