import { createEffect, createResource, createSignal, For, Show } from 'solid-js';
import { createSettingsDraft } from '../config/draft';
import { DifferencesNotice } from '../config/DifferencesNotice';
import { groupSettings } from '../config/group-order';
import { useLeaveGuard } from '../config/leave-guard';
import { SaveBar } from '../config/SaveBar';
import { SectionLinks } from '../config/SectionLinks';
import { SettingGroup } from '../config/SettingGroup';
import { t } from '../i18n';
import { describeError } from '../lib/api-error';
import { usePageTitle } from '../lib/page-title';
import { api } from '../lib/trpc';
import '../config/config.css';

type Banner = { readonly kind: 'ok' | 'error'; readonly text: string };

/** Every editable setting, grouped; saves only what changed and shows the server's verdict. */
export function Config() {
  usePageTitle('config.title');
  const [data, { refetch }] = createResource(() => api.settings.get.query());
  const draft = createSettingsDraft();
  const [banner, setBanner] = createSignal<Banner | null>(null);
  const [saving, setSaving] = createSignal(false);
  // Reading a failed resource throws; the error has its own notice below.
  const current = () => (data.state === 'ready' || data.state === 'refreshing' ? data() : undefined);
  const groups = () => groupSettings(current()?.settings ?? []);
  useLeaveGuard(() => draft.changedNames().length > 0);

  // Every load (the first, and the reload after a save) starts the edits over from the server's values.
  createEffect(() => {
    const loaded = data.state === 'ready' ? data() : undefined;
    if (loaded) draft.reset(loaded.settings);
  });

  /** The first refused field gets the focus (which scrolls it into view): on a phone it can be far from the Save button. */
  const focusFirstError = () =>
    requestAnimationFrame(() => document.querySelector('.setting-invalid')?.querySelector<HTMLElement>('input, textarea, select')?.focus());

  const save = async () => {
    // The last save's verdict would otherwise stand next to this one's "Saving…".
    setBanner(null);
    const { changes, errors: local } = draft.collect();
    draft.setErrors(local);
    if (Object.keys(local).length > 0) {
      setBanner({ kind: 'error', text: t('config.fixFirst') });
      return focusFirstError();
    }
    setSaving(true);
    try {
      const { saved } = await api.settings.update.mutate({ changes });
      await refetch();
      setBanner({ kind: 'ok', text: saved.length > 0 ? t('config.saved', { names: saved.join(', ') }) : t('config.savedNothing') });
    } catch (caught) {
      const failure = describeError(caught);
      draft.setErrors(Object.fromEntries(failure.fields.map((field) => [field.name, field.message])));
      setBanner({ kind: 'error', text: failure.message });
      focusFirstError();
    } finally {
      setSaving(false);
    }
  };

  const discard = () => {
    const loaded = current();
    if (loaded) draft.reset(loaded.settings);
    setBanner(null);
  };

  return (
    <div class="config-page">
      <header class="page-header">
        <h1>{t('config.title')}</h1>
        <p class="muted">{t('config.intro')}</p>
      </header>
      <div id="config-banner" aria-live="polite">
        <Show when={banner()}>
          {(shown) => (
            <p class="notice" classList={{ 'notice-ok': shown().kind === 'ok', 'notice-error': shown().kind === 'error' }} role={shown().kind === 'error' ? 'alert' : undefined}>
              {shown().text}
            </p>
          )}
        </Show>
      </div>
      <Show when={data.state === 'errored'}>
        <div class="notice notice-error">
          <p>{describeError(data.error).message}</p>
          <button type="button" class="btn" onClick={() => refetch()}>
            {t('common.retry')}
          </button>
        </div>
      </Show>
      <Show when={current()} fallback={<Show when={data.loading}>{<p class="muted">{t('common.loading')}</p>}</Show>}>
        {(loaded) => (
          <>
            <DifferencesNotice differences={loaded().differences} />
            <SectionLinks groups={groups().map((g) => g.group)} />
            <For each={groups()}>{(group) => <SettingGroup group={group.group} settings={group.settings} draft={draft} />}</For>
            <SaveBar
              unsaved={draft.changedNames().length}
              saving={saving()}
              saved={banner()?.kind === 'ok' ? banner()?.text : undefined}
              onSave={save}
              onDiscard={discard}
            />
          </>
        )}
      </Show>
    </div>
  );
}
