import * as v from 'valibot';
import { type Bootstrap, bootstrapNames, defaultSettings, settingDef, settingNames, type Settings } from './schema';

export type EnvRecord = Readonly<Record<string, string | undefined>>;

export interface EnvParseResult {
  /** Only the settings the environment actually gives, validated. */
  readonly values: Partial<Settings>;
  /** One line per bad variable: name, what was expected, an example. */
  readonly errors: string[];
}

const known = new Set<string>(settingNames);

/** Names match case-insensitively, as in gemini-balance (`api_keys=` works); exact case wins. */
function pickKnown(env: EnvRecord): Map<string, string> {
  const picked = new Map<string, string>();
  for (const [name, raw] of Object.entries(env)) {
    const upper = name.toUpperCase();
    // An empty value counts as not given, so it never hides another spelling that has one.
    if (!known.has(upper) || raw === undefined || raw.trim() === '') continue;
    if (name === upper || !picked.has(upper)) picked.set(upper, raw);
  }
  return picked;
}

function errorLine(name: string, raw: string, issue: v.BaseIssue<unknown> | undefined): string {
  const def = settingDef(name as keyof Settings);
  const shown = def.secret ? `(hidden, ${raw.length} characters)` : JSON.stringify(raw.length > 80 ? `${raw.slice(0, 77)}...` : raw);
  // valibot's message quotes the bad input: never for a secret.
  const detail = issue?.path?.length ? `item ${issue.path.map((p) => String(p.key)).join('.')}` : '';
  const where = detail ? ` (${detail}${def.secret ? '' : `: ${issue?.message}`})` : '';
  // One line whatever the input held: valibot quotes bad input as it is, line breaks included.
  return `Invalid ${name}=${shown}: expected ${def.expected}${where}, e.g. ${name}=${def.example}`.replace(/\s*[\r\n]+\s*/g, ' ');
}

/**
 * Parses the settings the environment gives. An empty value counts as not given, so a blank
 * field in a hosting panel means "use the default", never an error.
 */
export function parseEnv(env: EnvRecord): EnvParseResult {
  const values: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const [name, raw] of pickKnown(env)) {
    const def = settingDef(name as keyof Settings);
    const result = v.safeParse(def.schema, def.decode(raw));
    if (result.success) values[name] = result.output;
    else errors.push(errorLine(name, raw, result.issues[0]));
  }
  return { values: values as Partial<Settings>, errors };
}

export function bootstrapFrom(values: Partial<Settings>): Bootstrap {
  const defaults = defaultSettings();
  return Object.fromEntries(bootstrapNames.map((n) => [n, values[n] ?? defaults[n]])) as Bootstrap;
}

