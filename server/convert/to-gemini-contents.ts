import type { GeminiContent, GeminiPart } from './gemini-types';
import type { ChatRequest, Message } from './openai-request';
import { contentParts, isHttpUrl, MARKDOWN_IMAGE, type MediaMap } from './to-gemini-parts';
import { ConvertError } from './convert-error';

/**
 * OpenAI messages → Gemini `contents` + `systemInstruction`. Pure.
 * - system and developer messages → systemInstruction text, in order (developer is the newer
 *   name of system for OpenAI's reasoning models).
 * - tool calls and their results become functionCall / functionResponse parts, so Gemini sees a
 *   real function-calling exchange rather than prose.
 * - consecutive turns of one role are merged: Gemini wants the responses to one model turn's
 *   parallel calls together in one user turn, and merging is harmless for plain text.
 */
export interface ConvertedContents {
  readonly contents: GeminiContent[];
  readonly systemInstruction?: { parts: GeminiPart[] };
  readonly warnings: readonly string[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Message fields every converter path reads; anything else on a message is reported as dropped. */
const MESSAGE_FIELDS = new Set(['role', 'content', 'tool_calls', 'function_call', 'tool_call_id', 'name']);

export function toGeminiContents(messages: readonly Message[], media: MediaMap): ConvertedContents {
  const warnings: string[] = [];
  const system: GeminiPart[] = [];
  const contents: GeminiContent[] = [];
  const names = toolCallNames(messages);
  messages.forEach((message, i) => {
    const at = `messages[${i}]`;
    droppedFields(message, warnings);
    if (message.role === 'system' || message.role === 'developer') {
      system.push(...systemParts(message, at, media, warnings));
      return;
    }
    const turn = toTurn(message, at, names, media, warnings);
    if (turn.parts.length === 0) warnings.push(`dropped ${at}: an empty ${message.role} message`);
    else appendTurn(contents, turn);
  });
  if (contents.length > 0) return { contents, ...(system.length > 0 && { systemInstruction: { parts: system } }), warnings };
  // Only system/developer messages: Gemini rejects empty contents, and "follow these instructions"
  // with nothing to answer is best read as the prompt itself, so the system text becomes the user turn.
  if (system.length > 0) return { contents: [{ role: 'user', parts: system }], warnings };
  throw new ConvertError('messages hold no content to send (every message is empty)', 'messages');
}

function droppedFields(message: Message, warnings: string[]): void {
  for (const [key, value] of Object.entries(message)) {
    if (!MESSAGE_FIELDS.has(key) && value !== undefined && value !== null && value !== false) {
      warnings.push(`dropped message field "${key}" (not supported by Gemini)`);
    }
  }
  // Gemini has no per-turn author names; multi-user chats lose the attribution.
  if (message.name !== undefined && message.role !== 'tool' && message.role !== 'function') {
    warnings.push('dropped message field "name" (not supported by Gemini)');
  }
}

/** systemInstruction takes text only. */
function systemParts(message: Message, at: string, media: MediaMap, warnings: string[]): GeminiPart[] {
  const parts = typeof message.content === 'string' ? [{ text: message.content }] : contentParts(message.content, at, media, warnings);
  const text = parts.filter((p) => p.text !== undefined);
  if (text.length < parts.length) warnings.push(`dropped non-text parts of ${at} (system instructions are text only)`);
  return text.filter((p) => p.text !== '');
}

function toTurn(message: Message, at: string, names: ReadonlyMap<string, string>, media: MediaMap, warnings: string[]): GeminiContent {
  switch (message.role) {
    case 'assistant':
      return { role: 'model', parts: [...contentParts(message.content, at, media, warnings), ...functionCalls(message, at)] };
    case 'tool':
    case 'function':
      return { role: 'user', parts: [functionResponse(message, at, names, warnings)] };
    default:
      return { role: 'user', parts: contentParts(message.content, at, media, warnings) };
  }
}

function functionCalls(message: Message, at: string): GeminiPart[] {
  const calls: { call: Json; fn: { name: string; arguments?: unknown }; param: string }[] = (message.tool_calls ?? []).map((call, j) => ({
    call,
    fn: call.function,
    param: `${at}.tool_calls[${j}].function`,
  }));
  // The legacy single function_call (before tool_calls existed) is the same thing.
  const legacy = message.function_call;
  if (isObject(legacy)) calls.push({ call: legacy, fn: { ...legacy, name: String(legacy.name) }, param: `${at}.function_call` });
  return calls.map(({ call, fn, param }) => {
    const signature = thoughtSignature(call);
    const functionCall = { name: fn.name, args: parseArguments(fn.arguments, `${param}.arguments`) };
    return signature === undefined ? { functionCall } : { functionCall, thoughtSignature: signature };
  });
}

/**
 * Our answers carry a function call's thoughtSignature in extra_content.google (where Google's own
 * OpenAI-compatible endpoint puts it); Gemini 3 rejects a replayed call that lost it.
 */
function thoughtSignature(call: Json): string | undefined {
  const google = isObject(call.extra_content) ? call.extra_content.google : undefined;
  return isObject(google) && typeof google.thought_signature === 'string' ? google.thought_signature : undefined;
}

function parseArguments(text: unknown, param: string): Json {
  let args: unknown = {};
  try {
    // Some clients send "" (or nothing) for a call without arguments.
    if (typeof text === 'string' && text.trim() !== '') args = JSON.parse(text);
  } catch {
    throw new ConvertError('function arguments are not valid JSON', param);
  }
  if (!isObject(args)) throw new ConvertError('function arguments must be a JSON object', param);
  return args;
}

/** Gemini needs the function's name on its response; OpenAI links them by tool_call_id instead. */
function functionResponse(message: Message, at: string, names: ReadonlyMap<string, string>, warnings: string[]): GeminiPart {
  const name = (message.tool_call_id !== undefined ? names.get(message.tool_call_id) : undefined) ?? message.name;
  if (name === undefined) throw new ConvertError('tool message answers no tool call of any assistant message', `${at}.tool_call_id`);
  const text = toolText(message, at, warnings);
  let response: unknown;
  try {
    response = JSON.parse(text);
  } catch {
    response = undefined;
  }
  // functionResponse.response must be an object: anything else is wrapped.
  return { functionResponse: { name, response: isObject(response) ? response : { content: text } } };
}

function toolText(message: Message, at: string, warnings: string[]): string {
  if (typeof message.content === 'string') return message.content;
  const parts = message.content ?? [];
  const texts = parts.flatMap((p) => (p.type === 'text' && typeof p.text === 'string' ? [p.text] : []));
  if (texts.length < parts.length) warnings.push(`dropped non-text parts of ${at} (tool results are sent as text)`);
  return texts.join('');
}

function toolCallNames(messages: readonly Message[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of messages) {
    for (const call of message.tool_calls ?? []) if (call.id !== undefined) names.set(call.id, call.function.name);
  }
  return names;
}

function appendTurn(contents: GeminiContent[], turn: GeminiContent): void {
  const last = contents.at(-1);
  if (last !== undefined && last.role === turn.role) last.parts.push(...turn.parts);
  else contents.push(turn);
}

/** The http(s) URLs the caller must download before converting `req`, each once. */
export function mediaUrls(req: ChatRequest): string[] {
  const urls = new Set<string>();
  // Markdown images are only fetched for image models, whose history carries their pictures that way.
  const markdown = req.model.endsWith('-image');
  for (const message of req.messages) {
    const parts = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : (message.content ?? []);
    for (const part of parts as Json[]) {
      const image = isObject(part.image_url) ? part.image_url.url : part.image_url;
      if (part.type === 'image_url' && typeof image === 'string' && isHttpUrl(image)) urls.add(image);
      if (!markdown || part.type !== 'text' || typeof part.text !== 'string') continue;
      for (const [, url = ''] of part.text.matchAll(MARKDOWN_IMAGE)) if (isHttpUrl(url)) urls.add(url);
    }
  }
  return [...urls];
}
