import type { Group } from '../../settings/define';
import { maskSecret } from '../../settings/display';
import type { EnvDifference } from '../../settings/merge-stored';
import { type SettingName, settingsCatalog, type StoredSettings } from '../../settings/schema';
import { editableNames } from './stored-names';

export interface SettingView {
  readonly name: string;
  readonly group: Group;
  readonly description: string;
  /** null for a secret: only `masked` is shown; the dashboard sends a new value or nothing. */
  readonly value: unknown;
  readonly default: unknown;
  readonly secret: boolean;
  readonly masked: string | null;
  /** Applied at once when saved (every editable setting is; bootstrap ones are not editable). */
  readonly live: boolean;
  /** What a valid value looks like, for inline validation messages. */
  readonly expected: string;
  readonly example: string;
}

function masked(value: unknown): string {
  if (typeof value === 'string') return value === '' ? '' : maskSecret(value);
  if (Array.isArray(value)) return `${value.length} item${value.length === 1 ? '' : 's'}`;
  if (value && typeof value === 'object') return `${Object.keys(value).length} entries`;
  return '';
}

/** Every editable setting with its metadata; secrets masked. Pure. */
export function settingsView(current: StoredSettings, differences: readonly EnvDifference[]) {
  const settings: SettingView[] = editableNames.map((name: SettingName) => {
    const def = settingsCatalog[name];
    const value: unknown = current[name as keyof StoredSettings];
    return {
      name,
      group: def.group,
      description: def.description,
      value: def.secret ? null : value,
      default: def.secret ? null : def.default,
      secret: def.secret,
      masked: def.secret ? masked(value) : null,
      live: def.live,
      expected: def.expected,
      example: def.example,
    };
  });
  return { settings, differences };
}
