import * as v from 'valibot';
import type { SettingDef } from './define';
import { describeValue, sameValue } from './display';
import { defaultSettings, namesIn, settingDef, type Settings, type StoredSettings } from './schema';

/** An env value that differs from the database's, where the database won. */
export interface EnvDifference {
  readonly name: string;
  readonly env: string;
  readonly database: string;
}

export interface MergeResult {
  readonly values: StoredSettings;
  /** Rows to upsert: settings missing from the database, or overridden by CONFIG_SOURCE=env. */
  readonly writes: { key: string; value: string }[];
  readonly differences: EnvDifference[];
  /** Stored rows that do not validate: the env/default is used, and the row is kept untouched
   * unless CONFIG_SOURCE=env replaces it with the env value. */
  readonly invalid: { name: string; reason: string }[];
  /** Names whose env value replaced the database's because CONFIG_SOURCE=env. */
  readonly overridden: string[];
}

type Decoded = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Stored values are JSON; text in the original's formats ("true", "k1, k2") is accepted too. A
 * stored string goes through the same decoder as env text, so it is normalised the same way
 * (a BASE_URL saved with a trailing slash equals the same URL in the env).
 */
export function decodeStored(def: SettingDef<unknown>, text: string): Decoded {
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: fall through to the env decoder
  }
  const asJson = v.safeParse(def.schema, typeof json === 'string' ? def.decode(json) : json);
  if (asJson.success) return { ok: true, value: asJson.output };
  const asText = v.safeParse(def.schema, def.decode(text));
  if (asText.success) return { ok: true, value: asText.output };
  return { ok: false, reason: `expected ${def.expected} (${asJson.issues[0].message})` };
}

export const encodeStored = (value: unknown) => JSON.stringify(value);

export function mergeStoredSettings(
  stored: ReadonlyMap<string, string>,
  env: Partial<Settings>,
  configSource: 'db' | 'env',
): MergeResult {
  const defaults = defaultSettings();
  const values: Record<string, unknown> = {};
  const result: MergeResult = { values: values as StoredSettings, writes: [], differences: [], invalid: [], overridden: [] };
  for (const name of namesIn('settings')) {
    const def = settingDef(name);
    const fromEnv = env[name];
    const text = stored.get(name);
    const decoded = text === undefined ? undefined : decodeStored(def, text);
    const fallback = fromEnv ?? defaults[name];
    if (!decoded || !decoded.ok) {
      values[name] = fallback;
      if (decoded) result.invalid.push({ name, reason: decoded.reason });
      if (!decoded || (fromEnv !== undefined && configSource === 'env')) {
        result.writes.push({ key: name, value: encodeStored(fallback) });
      }
      continue;
    }
    values[name] = decoded.value;
    if (fromEnv === undefined || sameValue(fromEnv, decoded.value)) continue;
    if (configSource === 'env') {
      values[name] = fromEnv;
      result.writes.push({ key: name, value: encodeStored(fromEnv) });
      result.overridden.push(name);
    } else {
      result.differences.push({
        name,
        env: describeValue(fromEnv, def.secret),
        database: describeValue(decoded.value, def.secret),
      });
    }
  }
  return result;
}
