import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Copies of recorded Google responses (see tests/fixtures/gemini/SOURCES.md); read at load time so a
// missing file fails the importing test at once instead of mid-request.
const DIR = join(import.meta.dir, '..', '..', 'fixtures', 'gemini');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');

export interface GoogleErrorBody {
  error: { code: number; message: string; status: string; details?: Array<Record<string, unknown>> };
}

const UNARY = read('unary-success-basic-reply-short.json');
const SSE = read('streaming-success-basic-reply-short.txt');
const MID_STREAM = read('streaming-failure-error-mid-stream.txt');
const UNKNOWN_MODEL = read('unary-failure-unknown-model.json');
const INVALID_KEY = read('unary-failure-api-key.json');
const NOT_ENABLED = read('unary-failure-generativelanguage-api-not-enabled.json');
const RETRY_INFO = read('google-429-retry-info.json');
export const MODEL_LIST = read('test_cli_gemini_models.response-body.json');

// The recordings were made against gemini-2.0-flash; the fake answers for whatever model was asked.
const RECORDED_VERSION = '"modelVersion": "gemini-2.0-flash"';

/** Data payloads of the recorded SSE stream, byte for byte (Google's own spacing, not JSON.stringify's). */
const SSE_EVENTS = SSE.split('\r\n\r\n')
  .filter((event) => event.startsWith('data: '))
  .map((event) => event.slice('data: '.length));
if (SSE_EVENTS.length < 2 || !SSE_EVENTS.every((event) => event.includes(RECORDED_VERSION))) {
  throw new Error('streaming fixture changed: expected several CRLF-separated events naming gemini-2.0-flash');
}

const parse = <T>(text: string): T => JSON.parse(text) as T;

/** The unary generateContent answer for `model`. */
export function unaryReply(model: string): Record<string, unknown> {
  return { ...parse<Record<string, unknown>>(UNARY), modelVersion: model };
}

/** Stream events as raw JSON text for `model`; only the last one carries finishReason. */
export function streamEvents(model: string): string[] {
  const version = `"modelVersion": ${JSON.stringify(model)}`;
  return SSE_EVENTS.map((event) => event.replace(RECORDED_VERSION, version));
}

/** The error object Google appends to an SSE stream that fails midway (raw, pretty-printed, as recorded). */
export function midStreamErrorText(): string {
  return MID_STREAM.slice(MID_STREAM.indexOf('\n{\n') + 1);
}

export const invalidKeyBody = () => parse<GoogleErrorBody>(INVALID_KEY);
export const permissionDeniedBody = () => parse<GoogleErrorBody>(NOT_ENABLED);

/** The recorded 429 with its RetryInfo.retryDelay replaced when one is given. */
export function rateLimitBody(retryDelay: string | undefined): GoogleErrorBody {
  const body = parse<GoogleErrorBody>(RETRY_INFO);
  if (retryDelay === undefined) return body;
  for (const detail of body.error.details ?? []) {
    if (detail['@type'] === 'type.googleapis.com/google.rpc.RetryInfo') detail.retryDelay = retryDelay;
  }
  return body;
}

/** The recorded 404 for an unknown model, naming `model` and the API version the request used. */
export function unknownModelBody(model: string, version: string): GoogleErrorBody {
  // Substituted inside JSON text, so the replacement must be JSON-escaped itself.
  const name = JSON.stringify(`models/${model}`).slice(1, -1);
  const text = UNKNOWN_MODEL.replaceAll('models/gemini-5.0-flash', name).replaceAll(
    'for API version v1,',
    `for API version ${version},`,
  );
  return parse<GoogleErrorBody>(text);
}
