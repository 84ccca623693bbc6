import { createMemo, createSignal } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { t } from '../i18n';
import { initialDraft, isChanged, parseDraft } from './field-value';
import { type SettingKind, settingKind } from './setting-kind';
import type { DraftValue, SettingView } from './setting-types';

export interface Collected {
  /** Only the changed settings, as values the server validates (`settings.update({changes})`). */
  readonly changes: Record<string, unknown>;
  /** Inputs that cannot be sent as typed (bad JSON, not a number), by setting name. */
  readonly errors: Record<string, string>;
}

/**
 * The config page's edits: one draft value per setting, compared with what the server sent, so
 * the page knows what changed (the unsaved-changes count) and sends nothing else.
 */
export function createSettingsDraft() {
  const [drafts, setDrafts] = createStore<Record<string, DraftValue>>({});
  const [loaded, setLoaded] = createSignal<{ settings: readonly SettingView[]; kinds: Record<string, SettingKind> }>({ settings: [], kinds: {} });

  // Messages shown next to fields (a refused save); editing a field clears its message.
  const [errors, setErrors] = createSignal<Readonly<Record<string, string>>>({});
  const set = (name: string, value: DraftValue) => {
    setDrafts(name, value);
    if (errors()[name] !== undefined) setErrors(({ [name]: _cleared, ...rest }) => rest);
  };

  /** Starts over from the server's values (after loading, saving, or "discard"). */
  const reset = (settings: readonly SettingView[]) => {
    setErrors({});
    const kinds: Record<string, SettingKind> = Object.fromEntries(settings.map((s) => [s.name, settingKind(s)]));
    setLoaded({ settings, kinds });
    setDrafts(reconcile(Object.fromEntries(settings.map((s) => [s.name, initialDraft(s, kinds[s.name] ?? settingKind(s))]))));
  };

  const kindOf = (name: string): SettingKind => loaded().kinds[name] ?? { type: 'text' };

  const changedNames = createMemo(() =>
    loaded()
      .settings.filter((s) => {
        const draft = drafts[s.name];
        return draft !== undefined && isChanged(s, kindOf(s.name), draft);
      })
      .map((s) => s.name),
  );

  const collect = (): Collected => {
    const changes: Record<string, unknown> = {};
    const errors: Record<string, string> = {};
    for (const name of changedNames()) {
      const draft = drafts[name];
      if (draft === undefined) continue;
      const parsed = parseDraft(kindOf(name), draft);
      if (parsed.ok) changes[name] = parsed.value;
      else errors[name] = t(parsed.message, parsed.params);
    }
    return { changes, errors };
  };

  return {
    value: (name: string): DraftValue | undefined => drafts[name],
    set,
    error: (name: string): string | undefined => errors()[name],
    setErrors,
    kindOf,
    changedNames,
    isChanged: (name: string) => changedNames().includes(name),
    collect,
    reset,
  };
}

export type SettingsDraft = ReturnType<typeof createSettingsDraft>;
