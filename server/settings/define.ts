import * as v from 'valibot';
import { decodeBool, decodeJson, decodeList, decodeNumber } from './decode-env';

/** Where a setting lives once the server has started. */
export type Store =
  /** env only, never written to the database: needed before the database is open */
  | 'bootstrap'
  /** one row of the `settings` table */
  | 'settings'
  /** rows of `api_keys` (the setting's list seeds them) */
  | 'keys'
  /** rows of `access_tokens` */
  | 'tokens'
  /** stored as a hash only */
  | 'auth';

export type Group =
  | 'database'
  | 'server'
  | 'api'
  | 'models'
  | 'tts'
  | 'images'
  | 'streaming'
  | 'scheduler'
  | 'logging'
  | 'files';

export interface SettingMeta {
  readonly group: Group;
  readonly description: string;
  readonly store?: Store;
  /** A secret is masked wherever it is shown or logged. */
  readonly secret?: boolean;
  /** Written as an example in error messages; defaults to the default value. */
  readonly example?: string;
}

export interface SettingDef<T> extends Required<Omit<SettingMeta, 'example'>> {
  readonly schema: v.GenericSchema<T>;
  readonly default: T;
  /** Turns the env text into a candidate value (lenient); the schema then validates it. */
  readonly decode: (raw: string) => unknown;
  /** What a valid value looks like, for the one-line start-up error. */
  readonly expected: string;
  readonly example: string;
  /** Restart-only settings: the bootstrap ones (the database and the listening socket). */
  readonly live: boolean;
}

function define<T>(
  schema: v.GenericSchema<T>,
  fallback: T,
  decode: (raw: string) => unknown,
  expected: string,
  meta: SettingMeta,
): SettingDef<T> {
  const store = meta.store ?? 'settings';
  const example = meta.example ?? (typeof fallback === 'string' ? fallback : JSON.stringify(fallback));
  return { secret: false, ...meta, store, schema, default: fallback, decode, expected, example, live: store !== 'bootstrap' };
}

const range = (min?: number, max?: number) =>
  min !== undefined && max !== undefined ? ` from ${min} to ${max}` : min !== undefined ? ` of at least ${min}` : '';

export const str = (
  fallback: string,
  meta: SettingMeta,
  schema: v.GenericSchema<string> = v.string(),
  expected = 'text',
) => define(schema, fallback, (raw) => raw, expected, meta);

export const url = (fallback: string, meta: SettingMeta) =>
  define(
    v.pipe(v.string(), v.url(), v.regex(/^https?:\/\//)),
    fallback,
    (raw) => raw.trim().replace(/\/+$/, ''),
    'an http(s) URL',
    meta,
  );

export const int = (fallback: number, meta: SettingMeta & { min?: number; max?: number }) => {
  const schema = v.pipe(
    v.number(),
    v.integer(),
    v.minValue(meta.min ?? Number.MIN_SAFE_INTEGER),
    v.maxValue(meta.max ?? Number.MAX_SAFE_INTEGER),
  );
  return define(schema, fallback, decodeNumber, `a whole number${range(meta.min, meta.max)}`, meta);
};

export const float = (fallback: number, meta: SettingMeta & { min?: number; max?: number }) => {
  const schema = v.pipe(v.number(), v.minValue(meta.min ?? -Infinity), v.maxValue(meta.max ?? Infinity));
  return define(schema, fallback, decodeNumber, `a number${range(meta.min, meta.max)}`, meta);
};

export const bool = (fallback: boolean, meta: SettingMeta) =>
  define(v.boolean(), fallback, decodeBool, 'true or false (also 1/0, yes/no, on/off)', meta);

export const oneOf = <const T extends string>(options: readonly [T, ...T[]], fallback: T, meta: SettingMeta) =>
  define<T>(
    v.picklist(options),
    fallback,
    (raw) => options.find((o) => o.toLowerCase() === raw.trim().toLowerCase()) ?? raw,
    `one of ${options.join(', ')}`,
    meta,
  );

const LIST_EXPECTED = 'a list: JSON ["a","b"] or comma-separated a,b';

export const list = (fallback: string[], meta: SettingMeta & { maxItemLength?: number }) =>
  define(
    v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(meta.maxItemLength ?? 10_000))),
    fallback,
    decodeList,
    LIST_EXPECTED,
    meta,
  );

/** valibot's record() takes an array too (`["a"]` would become `{"0":"a"}`), so maps are checked whole. */
const objectOf = <T>(isValue: (x: unknown) => x is T, message: string) =>
  v.custom<Record<string, T>>(
    (x) => typeof x === 'object' && x !== null && !Array.isArray(x) && Object.values(x).every(isValue),
    message,
  );

export const stringMap = (fallback: Record<string, string>, meta: SettingMeta) =>
  define(
    objectOf((x): x is string => typeof x === 'string', 'not a JSON object of text values'),
    fallback,
    decodeJson,
    'a JSON object of text values',
    meta,
  );

export const numberMap = (fallback: Record<string, number>, meta: SettingMeta) =>
  define(
    objectOf((x): x is number => Number.isInteger(x), 'not a JSON object of whole numbers'),
    fallback,
    decodeJson,
    'a JSON object of whole numbers',
    meta,
  );

export const SafetySettingSchema = v.object({ category: v.string(), threshold: v.string() });
export type SafetySetting = v.InferOutput<typeof SafetySettingSchema>;

export const safetyList = (fallback: SafetySetting[], meta: SettingMeta) =>
  define(
    v.array(SafetySettingSchema),
    fallback,
    (raw) => (raw.trim() === '' ? [] : decodeJson(raw)),
    'a JSON list of {"category": …, "threshold": …}',
    meta,
  );
