import * as v from 'valibot';
import { apiSettings } from './catalog-api';
import { bootstrapSettings } from './catalog-bootstrap';
import { mediaSettings } from './catalog-media';
import { modelSettings } from './catalog-models';
import { runtimeSettings } from './catalog-runtime';
import type { SettingDef, Store } from './define';

/** Every configuration key of gemini-balance (same names, same defaults) plus ours. */
export const settingsCatalog = {
  ...bootstrapSettings,
  ...apiSettings,
  ...modelSettings,
  ...mediaSettings,
  ...runtimeSettings,
};

export type SettingName = keyof typeof settingsCatalog;
type Schemas = { [K in SettingName]: (typeof settingsCatalog)[K]['schema'] };

export const settingNames = Object.keys(settingsCatalog) as SettingName[];

export const SettingsSchema = v.object(
  Object.fromEntries(settingNames.map((name) => [name, settingsCatalog[name].schema])) as Schemas,
);
export type Settings = v.InferOutput<typeof SettingsSchema>;

export const settingDef = (name: SettingName): SettingDef<unknown> => settingsCatalog[name];

export const namesIn = (store: Store): SettingName[] => settingNames.filter((n) => settingsCatalog[n].store === store);

/** Settings kept in tables or as a hash rather than as a `settings` row. */
export type TableBacked = 'API_KEYS' | 'VERTEX_API_KEYS' | 'PAID_KEY' | 'ALLOWED_TOKENS' | 'AUTH_TOKEN';
export type Bootstrap = Pick<Settings, (typeof bootstrapNames)[number]>;
export const bootstrapNames = [
  'DATABASE_TYPE',
  'SQLITE_DATABASE',
  'MYSQL_HOST',
  'MYSQL_PORT',
  'MYSQL_USER',
  'MYSQL_PASSWORD',
  'MYSQL_DATABASE',
  'MYSQL_SOCKET',
  'DB_CONNECT_RETRIES',
  'CONFIG_SOURCE',
  'REDIS_URL',
  'PORT',
  'HOST',
] as const satisfies readonly (keyof typeof bootstrapSettings)[];

/** What the running server reads: every setting that lives in the `settings` table. */
export type StoredSettings = Omit<Settings, TableBacked | keyof Bootstrap>;

export function defaultSettings(): Settings {
  return structuredClone(Object.fromEntries(settingNames.map((n) => [n, settingsCatalog[n].default]))) as Settings;
}
