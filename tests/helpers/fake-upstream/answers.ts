import { emptyReply, functionToCall, maxTokensReply, toolCallReply } from './chat-replies';
import { midStreamErrorText, streamEvents, unaryReply } from './fixtures';
import { findModel, listModels } from './models';
import { invalidPayload, JSON_HEADERS, jsonResponse, SSE_HEADERS, unknownModel } from './replies';
import type { RecordedRequest } from './server';
import { isSpeechRequest, speechReply } from './speech';
import { imagenReply } from './imagen';
import { imageOutputEvents, imageOutputReply, wantsImage } from './image-output';

/** What the server must do with a request; hang, drop and paced streams need the live connection. */
export type Outcome =
  | { kind: 'response'; response: Response }
  | { kind: 'hang' }
  | { kind: 'drop' }
  | { kind: 'stream'; headers: Record<string, string>; pieces: string[] };

export interface Route {
  version: string;
  /** Absent for ListModels. */
  model?: string;
  /** The `:action` of a POST; absent for GETs. */
  action?: string;
}

const reply = (response: Response): Outcome => ({ kind: 'response', response });

export interface AnswerOptions {
  /** Streams break after that many events. */
  readonly failAfter: number | undefined;
  /** Generation answers an empty candidate. */
  readonly empty: boolean;
  /** Generation answers a text cut off at the token limit. */
  readonly maxTokens?: boolean;
}

/** The answer of a healthy key: text, or a function call when the request declares functions. */
export function answer(route: Route, req: RecordedRequest, options: AnswerOptions): Outcome {
  const { model, action } = route;
  const { failAfter } = options;
  if (model === undefined) return reply(jsonResponse(200, listModels(req.query)));
  if (action === undefined) {
    const info = findModel(model);
    return reply(info ? jsonResponse(200, info) : unknownModel(model, route.version));
  }
  const called = functionToCall(req.body);
  const special = options.empty ? emptyReply() : options.maxTokens ? maxTokensReply() : called ? toolCallReply(called, model) : undefined;
  switch (action) {
    case 'generateContent':
      if (!special && isSpeechRequest(model, req.body)) return reply(jsonResponse(200, speechReply(model, req.body)));
      if (!special && wantsImage(req.body)) return reply(jsonResponse(200, imageOutputReply(model)));
      return reply(jsonResponse(200, special ?? unaryReply(model)));
    case 'streamGenerateContent':
      if (special) return { kind: 'stream', headers: SSE_HEADERS, pieces: ssePieces([JSON.stringify(special)]) };
      if (wantsImage(req.body) && req.query.alt === 'sse') return { kind: 'stream', headers: SSE_HEADERS, pieces: ssePieces(imageOutputEvents(model)) };
      return streamAnswer(model, req.query.alt === 'sse', failAfter);
    case 'predict':
      return reply(jsonResponse(200, imagenReply(req.body)));
    case 'countTokens':
      return reply(jsonResponse(200, countTokens(req.body)));
    case 'embedContent':
      return reply(jsonResponse(200, { embedding: { values: embed(req.body) } }));
    case 'batchEmbedContents':
      return batchEmbed(req.body);
    default:
      return reply(jsonResponse(200, { action, model }));
  }
}

function streamAnswer(model: string, sse: boolean, failAfter: number | undefined): Outcome {
  const events = streamEvents(model);
  const sent = failAfter === undefined ? events : repeatBeforeLast(events, failAfter);
  const failure = failAfter === undefined ? undefined : midStreamErrorText();
  if (sse) return { kind: 'stream', headers: SSE_HEADERS, pieces: ssePieces(sent, failure) };
  const elements = sent.map((event) => JSON.stringify(JSON.parse(event), null, 2));
  return { kind: 'stream', headers: JSON_HEADERS, pieces: arrayPieces(elements, failure?.trimEnd()) };
}

/** `count` events that are not the final one (cycled if needed), so a failing stream never finishes. */
function repeatBeforeLast(events: string[], count: number): string[] {
  const middle = events.length > 1 ? events.slice(0, -1) : events;
  return Array.from({ length: count }, (_, i) => middle[i % middle.length] ?? '');
}

/** SSE: `data: <json>` + CRLF CRLF per event; a failure is appended raw, not as an event, as Google does. */
export function ssePieces(events: string[], failure?: string): string[] {
  const pieces = events.map((event) => `data: ${event}\r\n\r\n`);
  return failure === undefined ? pieces : [...pieces, failure];
}

/**
 * One JSON array sent element by element: `[{…}`, then `\n,\r\n{…}` per element, then `\n]` (the bytes of
 * the llm-gemini recording). A failure becomes the array's last element; Google's bytes for that case
 * were not recorded, so this is the natural reading of the framing.
 */
export function arrayPieces(elements: string[], failure?: string): string[] {
  const all = failure === undefined ? elements : [...elements, failure];
  return all.map((element, i) => `${i === 0 ? '[' : '\n,\r\n'}${element}${i === all.length - 1 ? '\n]' : ''}`);
}

/** Roughly four characters a token, like Google's estimate for English text. */
function countTokens(body: string) {
  const tokens = Math.max(1, Math.ceil(body.length / 4));
  return { totalTokens: tokens, promptTokensDetails: [{ modality: 'TEXT', tokenCount: tokens }] };
}

/** Eight stable floats derived from the input, so equal inputs embed equally and different ones differ. */
function embed(input: string): number[] {
  let hash = 2166136261;
  for (let i = 0; i < input.length; i++) hash = Math.imul(hash ^ input.charCodeAt(i), 16777619) >>> 0;
  return Array.from({ length: 8 }, (_, i) => {
    const mixed = Math.imul(hash ^ (i * 0x9e3779b9), 2654435761) >>> 0;
    return Number(((mixed / 0xffffffff) * 0.2 - 0.1).toFixed(8));
  });
}

function batchEmbed(body: string): Outcome {
  let requests: unknown;
  try {
    requests = (JSON.parse(body) as { requests?: unknown }).requests;
  } catch {
    return reply(invalidPayload('Unexpected token.'));
  }
  if (!Array.isArray(requests)) return reply(invalidPayload('Expected a "requests" list.'));
  const embeddings = requests.map((item: unknown) => ({ values: embed(JSON.stringify(item)) }));
  return reply(jsonResponse(200, { embeddings }));
}
