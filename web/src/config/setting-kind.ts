import type { SettingView } from './setting-types';

/** Which input a setting gets. */
export type SettingKind =
  | { readonly type: 'boolean' }
  | { readonly type: 'number'; readonly integer: boolean }
  | { readonly type: 'choice'; readonly options: readonly string[] }
  | { readonly type: 'text' }
  | { readonly type: 'json' };

/**
 * Read from the value when there is one. A secret comes without its value (masked), so its
 * kind is read from the server's description of a valid value ("a list…", "a JSON object…").
 */
export function settingKind(setting: SettingView): SettingKind {
  const sample = setting.value ?? setting.default;
  if (typeof sample === 'boolean') return { type: 'boolean' };
  if (typeof sample === 'number') return { type: 'number', integer: setting.expected.includes('whole number') };
  if (typeof sample === 'object' && sample !== null) return { type: 'json' };
  // "one of slow, normal, fast": a closed list is a select, so a typo cannot be saved.
  const choices = /^one of (.+)$/.exec(setting.expected);
  if (choices?.[1]) return { type: 'choice', options: choices[1].split(', ') };
  if (sample === null || sample === undefined) return /\b(list|object)\b/.test(setting.expected) ? { type: 'json' } : { type: 'text' };
  return { type: 'text' };
}
