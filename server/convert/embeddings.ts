import type { EmbeddingRequest } from './openai-request';

/**
 * OpenAI `POST /v1/embeddings` ↔ Gemini `models/{model}:batchEmbedContents`. Pure.
 *
 * gemini-balance sent this route to `{BASE_URL}/embeddings` through the OpenAI Python SDK, a path
 * Google does not serve (bug 37); we speak Gemini's native batch endpoint instead.
 */

/**
 * Gemini refuses larger batches with 400 INVALID_ARGUMENT "BatchEmbedContentsRequest.requests: at
 * most 100 requests can be in one batch" (tests/fixtures/gemini/google-embedding-batch-limit-error.json).
 * OpenAI accepts up to 2048 inputs, so the caller splits with `splitEmbedInputs`, makes one call per
 * slice and joins the answers with `mergeBatchEmbedResponses` before `fromBatchEmbedResponse`.
 */
export const MAX_BATCH_EMBED = 100;

export interface BatchEmbedRequest {
  requests: { model: string; content: { parts: { text: string }[] }; outputDimensionality?: number }[];
}

/** What Google answers; `usageMetadata` comes only from newer models (gemini-embedding-2). */
export interface BatchEmbedResponse {
  embeddings?: { values?: number[] }[];
  usageMetadata?: { promptTokenCount?: number };
}

export interface EmbeddingResponse {
  object: 'list';
  data: { object: 'embedding'; index: number; embedding: number[] | string }[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

/** One Gemini request per input, in order (Google answers in the same order). */
export function toBatchEmbedRequest(req: EmbeddingRequest, upstreamModel: string): BatchEmbedRequest {
  const model = upstreamModel.startsWith('models/') ? upstreamModel : `models/${upstreamModel}`;
  const inputs = typeof req.input === 'string' ? [req.input] : req.input;
  const dims = req.dimensions ?? undefined;
  return {
    requests: inputs.map((text) => ({
      model,
      content: { parts: [{ text }] },
      ...(dims === undefined ? {} : { outputDimensionality: dims }),
    })),
  };
}

/** Consecutive slices of at most MAX_BATCH_EMBED inputs, order kept; `[]` for no input. */
export function splitEmbedInputs(inputs: string[]): string[][] {
  const slices: string[][] = [];
  for (let i = 0; i < inputs.length; i += MAX_BATCH_EMBED) slices.push(inputs.slice(i, i + MAX_BATCH_EMBED));
  return slices;
}

/**
 * Joins the answers of the slices, in slice order. The token count is kept only when every slice
 * reported one: a partial sum would look exact while it is not.
 */
export function mergeBatchEmbedResponses(parts: BatchEmbedResponse[]): BatchEmbedResponse {
  const embeddings = parts.flatMap((p) => p.embeddings ?? []);
  const counts = parts.map((p) => p.usageMetadata?.promptTokenCount);
  if (parts.length === 0 || counts.some((c) => typeof c !== 'number')) return { embeddings };
  const promptTokenCount = counts.reduce<number>((sum, c) => sum + (c ?? 0), 0);
  return { embeddings, usageMetadata: { promptTokenCount } };
}

/**
 * The OpenAI body. `encoding: 'base64'` matters: the official openai SDKs send
 * `encoding_format: "base64"` when the user sets none, then decode each string as little-endian
 * float32 (openai-node `toFloat32Array`); the caller passes `req.encoding_format ?? 'float'`.
 *
 * Usage: gemini-embedding-001 and older answer no token count, so `ctx.promptTokens` is an estimate
 * the caller chooses (0 is fine; OpenAI clients rarely read it). When Google does report
 * `usageMetadata.promptTokenCount` (gemini-embedding-2), that real count wins.
 *
 * An entry without `values` becomes an empty vector at its index rather than shifting the others;
 * comparing `data.length` with the number of inputs is the caller's check.
 */
export function fromBatchEmbedResponse(
  res: BatchEmbedResponse,
  ctx: { model: string; encoding: 'float' | 'base64'; promptTokens: number },
): EmbeddingResponse {
  const reported = res.usageMetadata?.promptTokenCount;
  const tokens = typeof reported === 'number' ? reported : ctx.promptTokens;
  return {
    object: 'list',
    data: (res.embeddings ?? []).map((e, index) => {
      const values = e?.values ?? [];
      return { object: 'embedding', index, embedding: ctx.encoding === 'base64' ? float32Base64(values) : values };
    }),
    model: ctx.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

/** Little-endian whatever the host's byte order (DataView, not Float32Array), as the SDKs expect. */
export function float32Base64(values: readonly number[]): string {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return Buffer.from(view.buffer).toString('base64');
}
