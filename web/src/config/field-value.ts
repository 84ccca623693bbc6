import type { MessageKey } from '../i18n/en';
import type { SettingKind } from './setting-kind';
import type { DraftValue, SettingView } from './setting-types';

/** The text (or checkbox state) an input starts with. A secret's "replace" input starts empty. */
export function initialDraft(setting: SettingView, kind: SettingKind): DraftValue {
  if (kind.type === 'boolean') return setting.value === true;
  if (setting.secret) return '';
  if (kind.type === 'json') return JSON.stringify(setting.value, null, 2);
  return setting.value === null || setting.value === undefined ? '' : String(setting.value);
}

export type Parsed =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: MessageKey; readonly params?: Record<string, string> };

/** The value to send for what the user typed, or why it cannot be sent. */
export function parseDraft(kind: SettingKind, draft: DraftValue): Parsed {
  if (typeof draft === 'boolean') return { ok: true, value: draft };
  if (kind.type === 'number') {
    const value = Number(draft);
    return draft.trim() !== '' && Number.isFinite(value) ? { ok: true, value } : { ok: false, message: 'config.numberInvalid' };
  }
  if (kind.type === 'json') {
    try {
      return { ok: true, value: JSON.parse(draft) as unknown };
    } catch (error) {
      return { ok: false, message: 'config.jsonInvalid', params: { message: error instanceof Error ? error.message : String(error) } };
    }
  }
  // Stray spaces from a copy-paste would make a URL or a model name invalid.
  return { ok: true, value: draft.trim() };
}

const canonical = (value: unknown) => JSON.stringify(value);

/** Whether the input holds a change to send: compared as values, so re-indented JSON is no change. */
export function isChanged(setting: SettingView, kind: SettingKind, draft: DraftValue): boolean {
  if (setting.secret) return typeof draft === 'string' && draft.trim() !== '';
  const parsed = parseDraft(kind, draft);
  if (!parsed.ok) return true;
  return canonical(parsed.value) !== canonical(setting.value);
}
