import type { StoredSettings } from '../settings/schema';
import type { GeminiContent, GeminiRequest } from './gemini-types';
import { resolveVariant, type Variant } from './model-variant';
import type { ChatRequest } from './openai-request';
import { toGeminiConfig } from './to-gemini-config';
import { toGeminiContents } from './to-gemini-contents';
import type { MediaMap } from './to-gemini-parts';
import { toGeminiTools } from './to-gemini-tools';

/**
 * An OpenAI chat-completions request → the Gemini generateContent call that answers it. Pure:
 * media behind http(s) URLs are downloaded by the caller beforehand (see mediaUrls) and passed
 * in `media`. Everything the request asks for that Gemini cannot do is listed in `warnings`
 * rather than silently lost; what cannot be sent at all is a ConvertError (a 400 for the client).
 */

export interface RequestContext {
  readonly settings: Pick<
    StoredSettings,
    | 'SEARCH_MODELS'
    | 'IMAGE_MODELS'
    | 'THINKING_BUDGET_MAP'
    | 'THINKING_MODELS'
    | 'SHOW_THINKING_PROCESS'
    | 'SAFETY_SETTINGS'
    | 'TOOLS_CODE_EXECUTION_ENABLED'
    | 'URL_CONTEXT_ENABLED'
    | 'URL_CONTEXT_MODELS'
  >;
  readonly media: MediaMap;
}

export interface GeminiCall {
  readonly upstreamModel: string;
  readonly variant: Variant;
  readonly body: GeminiRequest;
  readonly warnings: readonly string[];
}

/** Request fields some converter reads; any other field with a value is reported as dropped. */
const HANDLED = new Set([
  'model', 'messages', 'stream', 'stream_options', 'temperature', 'top_p', 'top_k', 'n', 'stop', 'max_tokens',
  'max_completion_tokens', 'seed', 'presence_penalty', 'frequency_penalty', 'response_format', 'tools', 'tool_choice',
  'parallel_tool_calls', 'reasoning_effort',
]);

export function toGeminiRequest(req: ChatRequest, ctx: RequestContext): GeminiCall {
  const s = ctx.settings;
  const variant = resolveVariant(req.model, s);
  const { contents, systemInstruction, warnings: contentWarnings } = toGeminiContents(req.messages, ctx.media);
  const { generationConfig, warnings: configWarnings } = toGeminiConfig(req, variant, s);
  const traits = {
    functionsInHistory: contents.some((c) => c.parts.some((p) => p.functionCall || p.functionResponse)),
    media: hasMedia(contents),
    json: generationConfig?.responseMimeType === 'application/json',
  };
  const { tools, toolConfig, warnings: toolWarnings } = toGeminiTools(req, variant, s, traits);
  // TTS models reject safetySettings, as on the native path.
  const safety = !/tts/i.test(variant.base) && s.SAFETY_SETTINGS.length > 0 ? s.SAFETY_SETTINGS.map((x) => ({ ...x })) : undefined;
  const body: GeminiRequest = {
    contents,
    ...(systemInstruction && { systemInstruction }),
    ...(tools && { tools }),
    ...(toolConfig && { toolConfig }),
    ...(safety && { safetySettings: safety }),
    ...(generationConfig && { generationConfig }),
  };
  const warnings = [...droppedParameters(req), ...contentWarnings, ...toolWarnings, ...configWarnings];
  return { upstreamModel: variant.base, variant, body, warnings: [...new Set(warnings)] };
}

function hasMedia(contents: readonly GeminiContent[]): boolean {
  return contents.some((c) => c.parts.some((p) => p.inlineData !== undefined || p.fileData !== undefined));
}

/** null and false are OpenAI's "off" values for every such field (logprobs, store, …): nothing is lost. */
function droppedParameters(req: ChatRequest): string[] {
  return Object.entries(req)
    .filter(([key, value]) => !HANDLED.has(key) && value !== undefined && value !== null && value !== false)
    .map(([key]) => `dropped parameter "${key}" (not supported by Gemini)`);
}
