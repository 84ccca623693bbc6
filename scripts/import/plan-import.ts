/**
 * What a gemini-balance `t_settings` table becomes here, without touching any database: the
 * settings rows to write, the keys and tokens to add, the dashboard password, and what is left
 * out with the reason. The original stored every value as text (admin-behaviour.md §1.3): JSON
 * lists (`["a", "b"]`), `true`/`false`, numbers in Python's form (`1024.0`), and the literal
 * `None` for an empty value saved from its dashboard.
 */
import * as v from 'valibot';
import { describeValue } from '../../server/settings/display';
import { decodeStored } from '../../server/settings/merge-stored';
import { settingDef, type SettingName, settingNames } from '../../server/settings/schema';

export const SourceRowSchema = v.object({ key: v.string(), value: v.nullable(v.string()) });
export type SourceRow = v.InferOutput<typeof SourceRowSchema>;

export interface ImportPlan {
  /** `value` is the decoded setting; `shown` is how the report may print it (secrets masked). */
  readonly settings: { name: SettingName; value: unknown; shown: string }[];
  readonly keys: { gemini: string[]; vertex: string[]; paid: string[] };
  readonly tokens: string[];
  readonly authToken: string | undefined;
  /** Said in the report, next to what was imported (e.g. where the dashboard password came from). */
  readonly notes: string[];
  readonly skipped: { name: string; reason: string }[];
}

const known = new Set<string>(settingNames);
const KEY_KINDS = { API_KEYS: 'gemini', VERTEX_API_KEYS: 'vertex', PAID_KEY: 'paid' } as const;
type Decoded = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * gemini-balance stored text settings as they are (a password `"abc"` keeps its quotes), and
 * everything else in its JSON/Python forms, which decodeStored reads.
 */
function decode(name: SettingName, text: string): Decoded {
  const def = settingDef(name);
  const asText = typeof def.default === 'string' ? v.safeParse(def.schema, def.decode(text)) : undefined;
  if (asText?.success) return { ok: true, value: asText.output };
  const decoded = decodeStored(def, text);
  if (decoded.ok) return decoded;
  const shown = def.secret ? `(hidden, ${text.length} characters)` : JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
  return { ok: false, reason: `the value ${shown} is not valid here: expected ${def.expected}` };
}

/** Values gemini-balance's Docker image ships (`API_KEYS='["your_api_key_1"]'`, `ALLOWED_TOKENS='["your_token_1"]'`): public, never real. */
const PLACEHOLDERS = new Set(['your_api_key_1', 'your_token_1']);

const unique = (items: readonly string[]) => [...new Set(items.map((item) => item.trim()).filter((item) => item !== ''))];
const asList = (value: unknown): string[] => (Array.isArray(value) ? unique(value.map(String)) : typeof value === 'string' ? unique([value]) : []);

/** The plan for these rows; later rows of the same name (any case) win, as in a table without duplicates. */
export function planImport(rows: readonly SourceRow[]): ImportPlan {
  const plan: ImportPlan = { settings: [], keys: { gemini: [], vertex: [], paid: [] }, tokens: [], authToken: undefined, notes: [], skipped: [] };
  const byName = new Map(rows.map((row) => [row.key.trim().toUpperCase(), row.value]));
  let authToken: string | undefined;
  for (const [upper, text] of byName) {
    if (!known.has(upper)) {
      plan.skipped.push({ name: upper, reason: 'not a setting of this server' });
      continue;
    }
    const name = upper as SettingName;
    const def = settingDef(name);
    if (def.store === 'bootstrap') {
      plan.skipped.push({ name, reason: 'database and listening settings are read from the environment only here' });
      continue;
    }
    if (text === null || text.trim() === 'None') {
      plan.skipped.push({ name, reason: 'empty in gemini-balance (None): the default applies' });
      continue;
    }
    const decoded = decode(name, text);
    if (!decoded.ok) {
      plan.skipped.push({ name, reason: `${decoded.reason}; the default applies` });
      continue;
    }
    const placeholders = placeholdersIn(decoded.value);
    if (placeholders > 0 && def.store !== 'settings') {
      plan.skipped.push({ name, reason: `${placeholders === 1 ? 'a' : placeholders} placeholder${placeholders === 1 ? '' : 's'} of gemini-balance's Docker image (your_…_1), public and never a real ${name === 'AUTH_TOKEN' || name === 'ALLOWED_TOKENS' ? 'token' : 'key'}: left out` });
      decoded.value = dropPlaceholders(decoded.value);
    }
    if (name === 'API_KEYS' || name === 'VERTEX_API_KEYS' || name === 'PAID_KEY') plan.keys[KEY_KINDS[name]].push(...asList(decoded.value));
    else if (name === 'ALLOWED_TOKENS') plan.tokens.push(...asList(decoded.value));
    else if (name === 'AUTH_TOKEN') authToken = typeof decoded.value === 'string' && decoded.value.trim() !== '' ? decoded.value : undefined;
    else plan.settings.push({ name, value: decoded.value, shown: describeValue(decoded.value, def.secret) });
  }
  return { ...plan, ...dashboardPassword(authToken, plan.tokens) };
}

function placeholdersIn(value: unknown): number {
  const items = Array.isArray(value) ? value : [value];
  return items.filter((item) => typeof item === 'string' && PLACEHOLDERS.has(item.trim())).length;
}

const dropPlaceholders = (value: unknown): unknown =>
  Array.isArray(value) ? value.filter((item) => !(typeof item === 'string' && PLACEHOLDERS.has(item.trim()))) : '';

/** gemini-balance's rule: an empty AUTH_TOKEN means the first ALLOWED_TOKENS entry. */
function dashboardPassword(authToken: string | undefined, tokens: readonly string[]): Pick<ImportPlan, 'authToken' | 'notes'> {
  if (authToken !== undefined) return { authToken, notes: ['the dashboard password is your gemini-balance AUTH_TOKEN'] };
  const first = tokens[0];
  if (first !== undefined) return { authToken: first, notes: ['AUTH_TOKEN was empty, so the dashboard password is the first ALLOWED_TOKENS entry (as in gemini-balance)'] };
  return { authToken: undefined, notes: ['gemini-balance had no AUTH_TOKEN and no ALLOWED_TOKENS: the dashboard password is unchanged'] };
}
