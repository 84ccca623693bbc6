import * as v from 'valibot';

/**
 * What the logs procedures accept. Strict objects: a misspelt filter (`modle`) is a 400 that names
 * it, not a silently ignored one. Every message is written out so none echoes the input (a full
 * key may be typed into `key`).
 */

export const MAX_LOG_PAGE = 500;
/** Rows one delete call takes: what a dashboard page can select, with room to spare. */
export const MAX_LOG_IDS = 1000;

/** Every outcome a request log can carry (server/proxy/log-rows.ts). */
export const OUTCOMES = ['ok', 'rate-limited', 'key-invalid', 'transient', 'client-error', 'cancelled', 'stream-broken'] as const;

const Millis = (name: string) =>
  v.pipe(v.number(`${name} is a time in epoch milliseconds.`), v.integer(`${name} is whole milliseconds.`), v.minValue(0, `${name} is not negative.`), v.maxValue(8.64e15, `${name} is too far in the future.`));
const RowId = v.pipe(v.number('A log id is a number.'), v.integer('A log id is a whole number.'), v.minValue(1, 'A log id is at least 1.'));

const filters = {
  from: v.optional(Millis('from')),
  to: v.optional(Millis('to')),
  /** A key fingerprint (the id keys.list shows) or the full key, which is fingerprinted and never stored. */
  key: v.optional(v.pipe(v.string('key is a string.'), v.trim(), v.minLength(1, 'key is empty.'), v.maxLength(255, 'key is at most 255 characters.'))),
  model: v.optional(v.pipe(v.string('model is a string.'), v.trim(), v.minLength(1, 'model is empty.'), v.maxLength(255, 'model is at most 255 characters.'))),
  status: v.optional(v.pipe(v.number('status is an HTTP status.'), v.integer('status is a whole number.'), v.minValue(100, 'status is 100–599.'), v.maxValue(599, 'status is 100–599.'))),
  /** Continue after this row: the `nextCursor` of the previous page. */
  cursor: v.optional(v.strictObject({ at: Millis('cursor.at'), id: RowId }, 'cursor is the nextCursor of the previous page.')),
  limit: v.optional(
    v.pipe(v.number('limit is a number.'), v.integer('limit is a whole number.'), v.minValue(1, 'limit is at least 1.'), v.maxValue(MAX_LOG_PAGE, `limit is at most ${MAX_LOG_PAGE}.`)),
    50,
  ),
};

const fromNotAfterTo = (i: { from?: number; to?: number }) => i.from === undefined || i.to === undefined || i.from <= i.to;

export const RequestListInput = v.pipe(
  v.strictObject({ ...filters, outcome: v.optional(v.picklist(OUTCOMES, `outcome is one of ${OUTCOMES.join(', ')}.`)) }),
  v.check((i) => fromNotAfterTo(i), 'from is after to.'),
);
export type RequestListInput = v.InferOutput<typeof RequestListInput>;

export const ErrorListInput = v.pipe(v.strictObject(filters), v.check((i) => fromNotAfterTo(i), 'from is after to.'));
export type ErrorListInput = v.InferOutput<typeof ErrorListInput>;

export const IdInput = v.strictObject({ id: RowId });

export const IdsInput = v.strictObject({
  ids: v.pipe(v.array(RowId, 'ids is a list of log ids.'), v.minLength(1, 'Give at least one log id.'), v.maxLength(MAX_LOG_IDS, `At most ${MAX_LOG_IDS} log ids at once.`)),
});

export const KindInput = v.strictObject({ kind: v.picklist(['requests', 'errors'], 'kind is requests or errors.') });
