import * as v from 'valibot';
import type { Deps } from '../../deps';
import { sameValue } from '../../settings/display';
import { encodeStored } from '../../settings/merge-stored';
import { type SettingName, settingsCatalog, type StoredSettings } from '../../settings/schema';
import { type Refusal, refusal } from './stored-names';

/** A save the server refuses, with one message per field (the dashboard shows them inline). */
export class SettingsRejected extends Error {
  constructor(readonly fields: Refusal[]) {
    super(`Not saved: ${fields.map((f) => `${f.name}: ${f.message}`).join('; ')}`);
  }
}

/** Checks every changed field against its schema; the whole change is refused if one is wrong. */
export function validateChanges(changes: Readonly<Record<string, unknown>>): Partial<StoredSettings> {
  const fields: Refusal[] = [];
  const valid: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(changes)) {
    const why = refusal(name);
    if (why) {
      fields.push({ name, message: why });
      continue;
    }
    const def = settingsCatalog[name as SettingName];
    const result = v.safeParse(def.schema, value);
    if (result.success) valid[name] = result.output;
    // valibot's message quotes the value it received: never for a secret (a proxy's password).
    else fields.push({ name, message: def.secret ? `invalid: expected ${def.expected}` : `${result.issues[0]?.message ?? 'invalid'} (expected ${def.expected}, e.g. ${def.example})` });
  }
  if (fields.length > 0) throw new SettingsRejected(fields);
  return valid as Partial<StoredSettings>;
}

/**
 * Validates, writes the changed rows in one transaction, then applies them: nothing changes if
 * the write fails (the real error reaches the dashboard). Everything reads `settings.current` at
 * use, so replacing it applies the change; the log level is the one thing held elsewhere.
 */
export async function applySettings(deps: Deps, changes: Readonly<Record<string, unknown>>): Promise<string[]> {
  const valid = validateChanges(changes);
  const current = deps.settings.current;
  const changed = Object.entries(valid).filter(([name, value]) => !sameValue(value, current[name as keyof StoredSettings]));
  if (changed.length === 0) return [];
  await deps.repo.writeSettings(changed.map(([key, value]) => ({ key, value: encodeStored(value) })), deps.now());
  deps.settings.localChangeAt = deps.now();
  deps.settings.current = { ...current, ...Object.fromEntries(changed) } as StoredSettings;
  if (valid.LOG_LEVEL !== undefined) deps.log.setLevel(valid.LOG_LEVEL);
  const names = changed.map(([name]) => name);
  deps.log.info(`Settings saved from the dashboard: ${names.join(', ')}`);
  return names;
}
