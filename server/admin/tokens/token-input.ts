import * as v from 'valibot';

/** Far enough for any real expiry; keeps the value a safe integer in both databases' BIGINT. */
const YEAR_9999 = 253_402_300_799_999;

const Id = v.pipe(v.number('A token id is a number.'), v.integer('A token id is a whole number.'), v.minValue(1, 'A token id is at least 1.'));

const Label = v.pipe(v.string('label is text.'), v.trim(), v.nonEmpty('Give the token a label.'), v.maxLength(100, 'The label is at most 100 characters.'));

const Model = v.pipe(
  v.string('allowedModels holds model names (text).'),
  v.trim(),
  v.nonEmpty('A model name cannot be empty.'),
  v.maxLength(200, 'A model name is at most 200 characters.'),
  // Stored as Google lists models without the prefix; the proxy accepts both spellings.
  v.transform((name) => name.replace(/^models\//, '')),
);

/** null = every model. An empty list would lock the token out of everything: a mistake, not a setting. */
const AllowedModels = v.nullable(
  v.pipe(
    v.array(Model, 'allowedModels is a list of model names, or null for every model.'),
    v.minLength(1, 'List at least one model, or send null for every model.'),
    v.maxLength(1000, 'At most 1,000 models.'),
    v.transform((models) => [...new Set(models)]),
  ),
);

/** Epoch milliseconds; null = never. */
const ExpiresAt = v.nullable(
  v.pipe(
    v.number('expiresAt is epoch milliseconds, or null for never.'),
    v.integer('expiresAt is epoch milliseconds (a whole number).'),
    v.minValue(0, 'expiresAt cannot be negative.'),
    v.maxValue(YEAR_9999, 'expiresAt is beyond the year 9999.'),
  ),
);

/** Requests in any 60 s; null = no limit. */
const RpmLimit = v.nullable(
  v.pipe(
    v.number('rpmLimit is a number of requests a minute, or null for no limit.'),
    v.integer('The per-minute limit is a whole number.'),
    v.minValue(1, 'The per-minute limit is at least 1.'),
    v.maxValue(100_000, 'The per-minute limit is at most 100,000.'),
  ),
);

/**
 * A token the admin chooses. URL-unreserved characters only: it travels in headers, in `?key=`
 * unencoded, and back into ALLOWED_TOKENS (a comma-separated or JSON list) on export.
 */
const ChosenToken = v.pipe(
  v.string('token is text.'),
  v.minLength(8, 'A token is at least 8 characters.'),
  v.maxLength(255, 'A token is at most 255 characters.'),
  v.regex(/^[A-Za-z0-9._~-]+$/, 'A token may hold only letters, digits and . _ ~ -'),
);

export const CreateTokenInput = v.object({
  label: Label,
  allowedModels: v.optional(AllowedModels, null),
  expiresAt: v.optional(ExpiresAt, null),
  rpmLimit: v.optional(RpmLimit, null),
  /** Absent: a strong random token is generated. */
  token: v.optional(ChosenToken),
});

/** Absent fields are left as they are; null clears a limit. The token itself never changes (clients hold it). */
export const UpdateTokenInput = v.object({
  id: Id,
  label: v.optional(Label),
  allowedModels: v.optional(AllowedModels),
  expiresAt: v.optional(ExpiresAt),
  rpmLimit: v.optional(RpmLimit),
});

export const TokenIdInput = v.object({ id: Id });

export const DeleteTokensInput = v.object({
  ids: v.pipe(v.array(Id, 'ids is a list of token ids.'), v.minLength(1, 'Choose at least one token.'), v.maxLength(10_000, 'At most 10,000 tokens at once.')),
});

export type CreateTokenInput = v.InferOutput<typeof CreateTokenInput>;
export type UpdateTokenInput = v.InferOutput<typeof UpdateTokenInput>;
