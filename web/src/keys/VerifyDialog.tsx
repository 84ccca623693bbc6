import { For, Show } from 'solid-js';
import { t } from '../i18n';
import { Dialog } from './Dialog';
import { formatCount } from './format';
import type { VerifyJob } from './verify-job';
import './key-dialogs.css';

/**
 * The verify run: a progress bar while Google answers, then which keys are valid and why the
 * others are not. Closing it early is fine: the page keeps watching and reports the end.
 */
export function VerifyDialog(props: { readonly job: VerifyJob; readonly onClose: () => void }) {
  const progress = () => props.job.progress();
  const percent = () => {
    const p = progress();
    if (!p) return 0;
    return p.total === 0 ? 100 : Math.floor((p.done / p.total) * 100);
  };
  const invalid = () => progress()?.results.filter((r) => !r.ok) ?? [];
  const valid = () => progress()?.results.filter((r) => r.ok) ?? [];

  return (
    <Dialog
      id="verify-dialog"
      title={t('keys.verify.title')}
      onClose={props.onClose}
      footer={
        <button type="button" class="btn" classList={{ 'btn-primary': !props.job.running() }} onClick={() => props.onClose()}>
          {t('keys.close')}
        </button>
      }
    >
      <p class="muted">{t('keys.verify.body')}</p>
      <div class="verify-progress">
        <div class="progress-track" role="progressbar" aria-label={t('keys.verify.progressLabel')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent()}>
          <div class="progress-fill" classList={{ 'progress-done': !!progress()?.finished }} style={{ width: `${percent()}%` }} />
        </div>
        <div class="progress-text">
          <span class="progress-percent">{percent()}%</span>
          <span class="muted">
            {progress() ? t('keys.verify.progress', { done: formatCount(progress()?.done ?? 0), total: formatCount(progress()?.total ?? 0) }) : t('keys.verify.starting')}
          </span>
        </div>
        <Show when={props.job.running()}>
          <p class="muted field-note">{t('keys.verify.background')}</p>
        </Show>
      </div>
      <Show when={props.job.error()}>{(message) => <p class="notice notice-error">{message()}</p>}</Show>
      <Show when={progress()?.finished ? progress() : undefined}>
        {(finished) => (
          <p class="notice verify-summary" classList={{ 'notice-ok': finished().invalid === 0, 'notice-warn': finished().invalid > 0 }} role="status">
            {t('keys.verify.summary', { valid: formatCount(finished().valid), invalid: formatCount(finished().invalid) })}
          </p>
        )}
      </Show>
      <Show when={invalid().length > 0}>
        <section class="verify-group">
          <h3>{t('keys.verify.invalidList', { count: formatCount(invalid().length) })}</h3>
          <ul class="verify-list verify-invalid">
            <For each={invalid()}>
              {(result) => (
                <li>
                  <span class="mono">{result.masked}</span>
                  <span class="verify-error">{result.error ?? ''}</span>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
      <Show when={valid().length > 0}>
        <details class="verify-group" open={valid().length <= 10}>
          <summary>{t('keys.verify.validList', { count: formatCount(valid().length) })}</summary>
          <ul class="verify-list verify-valid">
            <For each={valid()}>{(result) => <li class="mono">{result.masked}</li>}</For>
          </ul>
        </details>
      </Show>
    </Dialog>
  );
}
