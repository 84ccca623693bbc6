import { type SettingName, settingNames, settingsCatalog } from '../../settings/schema';

/** The settings the dashboard edits: one `settings` row each. Bootstrap ones are env-only (restart), keys and tokens have their own pages. */
export const editableNames = settingNames.filter((name) => settingsCatalog[name].store === 'settings');

export type Refusal = { name: string; message: string };

/** Why a name cannot be set here, or undefined when it can. */
export function refusal(name: string): string | undefined {
  if (!Object.hasOwn(settingsCatalog, name)) return 'not a setting of this server';
  const store = settingsCatalog[name as SettingName].store;
  if (store === 'bootstrap') return 'set by the environment only (it is read before the database opens): change it there and restart';
  if (store === 'keys') return 'managed on the Keys page';
  if (store === 'tokens') return 'managed on the Tokens page';
  if (store === 'auth') return 'changed with settings.changeAuthToken';
  return undefined;
}
