import * as v from 'valibot';
import { KEY_KINDS } from '../../keypool/machine';

/**
 * What the keys procedures accept. Strict objects: a misspelt field (`pagesize`) is a 400 that
 * names it, not a silently ignored filter.
 */

export const MAX_PAGE_SIZE = 500;
/** Enough for "select all" over a large pool in one call, small enough to bound the request. */
export const MAX_IDS = 100_000;
/** 100,000 keys of 39 characters with separators fit with room to spare. */
export const MAX_PASTE_CHARS = 10_000_000;

const Kind = v.picklist(KEY_KINDS, 'kind is one of gemini, vertex, paid.');
const Status = v.picklist(['active', 'cooling', 'disabled'], 'status is one of active, cooling, disabled.');

/** A key's id is its fingerprint (as in the logs): 16 lowercase hex characters. */
const KeyId = v.pipe(v.string('A key id is a string.'), v.regex(/^[0-9a-f]{16}$/, 'A key id is 16 hex characters, as keys.list gives it.'));
const KeyIds = v.pipe(
  v.array(KeyId, 'ids is a list of key ids.'),
  v.minLength(1, 'Give at least one key id.'),
  v.maxLength(MAX_IDS, `At most ${MAX_IDS} key ids at once.`),
);

export const ListInput = v.strictObject({
  page: v.optional(v.pipe(v.number('page is a number.'), v.integer('page is a whole number.'), v.minValue(1, 'page starts at 1.')), 1),
  pageSize: v.optional(
    v.pipe(v.number('pageSize is a number.'), v.integer('pageSize is a whole number.'), v.minValue(1, 'pageSize is at least 1.'), v.maxValue(MAX_PAGE_SIZE, `pageSize is at most ${MAX_PAGE_SIZE}.`)),
    50,
  ),
  /** Part of the key, any letter case. */
  search: v.optional(v.pipe(v.string('search is a string.'), v.trim(), v.maxLength(200, 'search is at most 200 characters.'))),
  status: v.optional(Status),
  kind: v.optional(Kind),
});
export type ListInput = v.InferOutput<typeof ListInput>;

export const AddInput = v.strictObject({
  text: v.pipe(
    v.string('text is the pasted keys, as a string.'),
    v.trim(),
    v.nonEmpty('Paste at least one key.'),
    v.maxLength(MAX_PASTE_CHARS, `At most ${MAX_PASTE_CHARS} characters at once.`),
  ),
  /** Which pool the keys join: Gemini (default), Vertex Express, or paid (Imagen). */
  kind: v.optional(Kind, 'gemini'),
});

export const IdsInput = v.strictObject({ ids: KeyIds });

export const DisableInput = v.strictObject({
  ids: KeyIds,
  /** Shown in the list next to the key. */
  reason: v.optional(v.pipe(v.string('reason is a string.'), v.trim(), v.nonEmpty('reason is empty.'), v.maxLength(500, 'reason is at most 500 characters.')), 'Disabled in the dashboard.'),
});

export const JobInput = v.strictObject({ jobId: v.pipe(v.string('jobId is a string.'), v.uuid('jobId is the id keys.verify answered.')) });

export const ExportInput = v.optional(v.strictObject({ kind: v.optional(Kind, 'gemini') }), { kind: 'gemini' });
