/**
 * OpenAI's `POST /v1/images/generations` as an Imagen `:predict` call, and Imagen's answer back. Pure.
 * gemini-balance's prompt directives are kept: `{n:2}` (1–4 images) and `{ratio:16:9}` in the
 * prompt override `n` and `size`, and are removed from it.
 */
import * as v from 'valibot';

export const ImageRequestSchema = v.object({
  prompt: v.pipe(v.string('prompt must be text.'), v.trim(), v.nonEmpty('prompt is empty: describe the image.'), v.maxLength(10_000, 'prompt is longer than 10000 characters.')),
  model: v.optional(v.string('model must be text.')),
  n: v.optional(v.nullable(v.pipe(v.number('n must be a number.'), v.integer('n must be a whole number.'), v.minValue(1, 'n is at least 1.'), v.maxValue(4, 'n is at most 4 (Imagen makes up to 4 images a call).')))),
  size: v.optional(v.nullable(v.string('size must be text, e.g. 1024x1024.'))),
  response_format: v.optional(v.nullable(v.picklist(['url', 'b64_json'], 'response_format must be url or b64_json.'))),
  quality: v.optional(v.unknown()),
  style: v.optional(v.unknown()),
  user: v.optional(v.unknown()),
});
export type ImageRequest = v.InferOutput<typeof ImageRequestSchema>;

/** OpenAI sizes → Imagen aspect ratios (gemini-balance's 1027x1792 was a typo for 1024x1792). */
const SIZES: Readonly<Record<string, string>> = {
  auto: '1:1',
  '256x256': '1:1',
  '512x512': '1:1',
  '1024x1024': '1:1',
  '1792x1024': '16:9',
  '1024x1792': '9:16',
  '1536x1024': '4:3',
  '1024x1536': '3:4',
};
const RATIOS = new Set(['1:1', '3:4', '4:3', '9:16', '16:9']);

export interface ImagenCall {
  readonly model: string;
  readonly body: { instances: { prompt: string }[]; parameters: Record<string, unknown> };
  readonly responseFormat: 'url' | 'b64_json';
  /** The prompt as sent (directives removed), OpenAI's revised_prompt. */
  readonly prompt: string;
}

export type ImagenPlan = { ok: true; call: ImagenCall } | { ok: false; param: string; message: string };

export function toImagenCall(request: ImageRequest, createImageModel: string): ImagenPlan {
  let prompt = request.prompt;
  const n = /\{n:(\d+)\}/.exec(prompt);
  const ratio = /\{ratio:(\d+:\d+)\}/.exec(prompt);
  prompt = prompt.replace(/\{n:\d+\}/g, '').replace(/\{ratio:\d+:\d+\}/g, '').trim();
  const count = n ? Number(n[1]) : (request.n ?? 1);
  if (!Number.isInteger(count) || count < 1 || count > 4) return { ok: false, param: 'prompt', message: 'The {n:…} in the prompt must be 1 to 4.' };
  if (ratio?.[1] !== undefined && !RATIOS.has(ratio[1])) return { ok: false, param: 'prompt', message: `The {ratio:…} in the prompt must be one of ${[...RATIOS].join(', ')}.` };
  const size = request.size ?? '1024x1024';
  const aspect = ratio?.[1] ?? (Object.hasOwn(SIZES, size) ? SIZES[size] : undefined);
  if (aspect === undefined) return { ok: false, param: 'size', message: `size ${request.size} is not supported: use one of ${Object.keys(SIZES).join(', ')}.` };
  if (prompt === '') return { ok: false, param: 'prompt', message: 'prompt is empty once the {n:…}/{ratio:…} directives are taken out.' };
  const model = request.model?.startsWith('imagen') ? request.model : createImageModel;
  const parameters = { sampleCount: count, aspectRatio: aspect, personGeneration: 'allow_adult', safetySetting: 'block_low_and_above', outputOptions: { mimeType: 'image/png' } };
  return { ok: true, call: { model, body: { instances: [{ prompt }], parameters }, responseFormat: request.response_format ?? 'url', prompt } };
}

export interface ImagenImage {
  readonly bytesBase64Encoded: string;
  readonly mimeType: string;
}

/** The images of Imagen's `{predictions:[…]}`; the filter reasons of the ones it withheld. */
export function imagenImages(answer: unknown): { images: ImagenImage[]; filtered: string[] } {
  const predictions = typeof answer === 'object' && answer !== null && Array.isArray((answer as { predictions?: unknown }).predictions) ? (answer as { predictions: unknown[] }).predictions : [];
  const images: ImagenImage[] = [];
  const filtered: string[] = [];
  for (const p of predictions) {
    if (typeof p !== 'object' || p === null) continue;
    const entry = p as { bytesBase64Encoded?: unknown; mimeType?: unknown; raiFilteredReason?: unknown };
    if (typeof entry.bytesBase64Encoded === 'string' && entry.bytesBase64Encoded !== '') {
      images.push({ bytesBase64Encoded: entry.bytesBase64Encoded, mimeType: typeof entry.mimeType === 'string' ? entry.mimeType : 'image/png' });
    } else if (typeof entry.raiFilteredReason === 'string') {
      filtered.push(entry.raiFilteredReason);
    }
  }
  return { images, filtered };
}
