import { randomBytes } from 'node:crypto';
import { ImageRequestSchema, type ImagenImage, imagenImages, toImagenCall } from '../convert/image-request';
import type { Deps } from '../deps';
import { ProxyError, renderOpenAIError } from '../errors';
import { hostConfigured, UploadError, uploadImage } from '../images/image-hosts';
import { CORS_HEADERS } from './cors';
import type { Attempt, AttemptScope, Dialect, Failure, UpstreamCall } from './dialect';
import { bodyBroken } from './native-dialect';
import { openaiFailure, readJson, validate } from './openai-render';

export interface ImagesCall extends UpstreamCall {
  readonly responseFormat: 'url' | 'b64_json';
  readonly prompt: string;
}

/** OpenAI image generation on Imagen (`:predict`) with the paid keys (PAID_KEY), uploaded to UPLOAD_PROVIDER for `url`. */
export const openaiImagesDialect: Dialect<ImagesCall> = {
  read: (request, _url, deps) => readImages(request, deps),
  answer: imagesAnswer,
  renderError: renderOpenAIError,
  renderFailure: openaiFailure,
};

async function readImages(request: Request, deps: Deps): Promise<ImagesCall> {
  const { json, text } = await readJson(request);
  const s = deps.settings.current;
  const plan = toImagenCall(validate(ImageRequestSchema, json), s.CREATE_IMAGE_MODEL);
  if (!plan.ok) throw new ProxyError('bad-request', plan.message, undefined, plan.param);
  const { call } = plan;
  return {
    model: call.model,
    endpoint: 'images/generations',
    quotaModel: call.model,
    target: { baseUrl: s.BASE_URL, path: `models/${call.model}:predict`, query: '', customHeaders: s.CUSTOM_HEADERS, auth: 'goog-api-key' },
    method: 'POST',
    contentType: 'application/json',
    body: JSON.stringify(call.body),
    bodyText: text,
    keyKind: 'paid',
    responseFormat: call.responseFormat,
    prompt: call.prompt,
  };
}

export const failure = (status: number, message: string, googleStatus: string): Failure => ({
  status,
  body: JSON.stringify({ error: { message, status: googleStatus } }),
  retryAfterMs: null,
  keyRejected: false,
});

/**
 * Imagen's images from a 2xx answer (the key settled as fine), or the attempt's end: a body cut
 * off (retried on another key), or no image at all — Imagen withholds images its safety filters
 * catch, the prompt's doing, the same with every key.
 */
export async function imagenAnswer(upstream: Response, quotaModel: string, scope: AttemptScope): Promise<{ images: ImagenImage[] } | { attempt: Attempt }> {
  let answer: unknown;
  try {
    answer = await upstream.json();
  } catch (error) {
    return { attempt: bodyBroken(error, upstream.status, scope) };
  } finally {
    scope.deadline.clear();
  }
  scope.settle({ kind: 'ok', model: quotaModel });
  const { images, filtered } = imagenImages(answer);
  if (images.length > 0) return { images };
  scope.record(upstream.status, 'ok', null, 'empty-response');
  const why = filtered.length > 0 ? ` (filtered: ${filtered.join('; ')})` : '';
  return { attempt: { done: openaiFailure(failure(400, `Imagen returned no image for this prompt${why}.`, 'CONTENT_POLICY_VIOLATION')) } };
}

async function imagesAnswer(upstream: Response, call: ImagesCall, scope: AttemptScope): Promise<Attempt> {
  const read = await imagenAnswer(upstream, call.quotaModel, scope);
  if ('attempt' in read) return read.attempt;
  const { images } = read;
  try {
    const data = await Promise.all(images.map((image) => renderImage(image, call, scope.deps)));
    scope.record(upstream.status, 'ok', null, null);
    const body = JSON.stringify({ created: Math.floor(scope.deps.now() / 1000), data });
    return { done: new Response(body, { status: 200, headers: { ...CORS_HEADERS, 'content-type': 'application/json' } }) };
  } catch (error) {
    if (!(error instanceof UploadError)) throw error;
    // Google's part went well (the key is fine); the log still shows the request failed.
    scope.record(upstream.status, 'ok', null, 'upload-failed');
    scope.deps.log.warn(error.message);
    return { done: openaiFailure(failure(502, error.message, 'UPLOAD_FAILED')) };
  }
}

const warnedUnconfigured = new WeakSet<Deps>();

/** One image as OpenAI's data entry: uploaded (`url`) when asked and a host is configured, else `b64_json`. */
export async function renderImage(image: ImagenImage, call: Pick<ImagesCall, 'responseFormat' | 'prompt'>, deps: Deps): Promise<Record<string, string>> {
  const s = deps.settings.current;
  if (call.responseFormat === 'b64_json' || !hostConfigured(s)) {
    if (call.responseFormat === 'url' && !warnedUnconfigured.has(deps)) {
      warnedUnconfigured.add(deps);
      deps.log.warn(`images: url asked for, but UPLOAD_PROVIDER ${s.UPLOAD_PROVIDER} is not configured; answering b64_json instead (as gemini-balance did).`);
    }
    return { b64_json: image.bytesBase64Encoded, revised_prompt: call.prompt };
  }
  const day = new Date(deps.now()).toISOString().slice(0, 10).replaceAll('-', '/');
  const filename = `${day}/${randomBytes(4).toString('hex')}.png`;
  const bytes = Buffer.from(image.bytesBase64Encoded, 'base64');
  const url = await uploadImage({ bytes, filename, mimeType: image.mimeType }, s, deps.fetch, AbortSignal.timeout(s.TIME_OUT * 1000));
  return { url, revised_prompt: call.prompt };
}
