import { resolveVariant, thinkingConfig, type Variant } from '../convert/model-variant';
import type { StoredSettings } from '../settings/schema';

/**
 * The model the client named, resolved to the upstream model, and the body to send. Pure.
 * Injections follow gemini-balance's features but touch only their own fields, and only when
 * the client did not set that field itself; when nothing applies the body bytes pass unchanged.
 */
export interface NativeRequest {
  readonly upstreamModel: string;
  /** undefined: send the client's bytes as they are. */
  readonly rewrittenBody: string | undefined;
}

type Settings = Pick<
  StoredSettings,
  | 'SEARCH_MODELS'
  | 'IMAGE_MODELS'
  | 'THINKING_BUDGET_MAP'
  | 'SHOW_THINKING_PROCESS'
  | 'SAFETY_SETTINGS'
  | 'TOOLS_CODE_EXECUTION_ENABLED'
  | 'URL_CONTEXT_ENABLED'
  | 'URL_CONTEXT_MODELS'
>;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Function calling cannot be mixed with Google's built-in tools; media inputs rule out code execution. */
function requestTraits(body: Json) {
  const tools = Array.isArray(body.tools) ? body.tools.filter(isObject) : [];
  const text = JSON.stringify(body.contents ?? []);
  return {
    functions: tools.some((t) => Array.isArray(t.functionDeclarations) && t.functionDeclarations.length > 0) || text.includes('"functionCall"'),
    media: /"(inlineData|inline_data|fileData|file_data)"/.test(text),
    json: isObject(body.generationConfig) && body.generationConfig.responseMimeType === 'application/json',
  };
}

function builtInTools(v: Variant, body: Json, s: Settings): Json[] {
  const traits = requestTraits(body);
  if (traits.functions) return [];
  const tools: Json[] = [];
  if (v.search) tools.push({ googleSearch: {} });
  if (s.URL_CONTEXT_ENABLED && s.URL_CONTEXT_MODELS.includes(v.base)) tools.push({ urlContext: {} });
  if (s.TOOLS_CODE_EXECUTION_ENABLED && !v.search && !v.image && !traits.media && !traits.json) tools.push({ codeExecution: {} });
  const present = JSON.stringify(body.tools ?? []);
  return tools.filter((t) => !present.includes(`"${Object.keys(t)[0]}"`));
}

/** Applies the configured injections to a parsed body; returns whether anything changed. */
function inject(body: Json, v: Variant, s: Settings, tts: boolean): boolean {
  let changed = false;
  if (!tts && body.safetySettings === undefined && s.SAFETY_SETTINGS.length > 0) {
    body.safetySettings = s.SAFETY_SETTINGS;
    changed = true;
  }
  const wantsTools = v.search || s.TOOLS_CODE_EXECUTION_ENABLED || s.URL_CONTEXT_ENABLED;
  const tools = tts || !wantsTools ? [] : builtInTools(v, body, s);
  if (tools.length > 0) {
    body.tools = [...(Array.isArray(body.tools) ? body.tools : []), ...tools];
    changed = true;
  }
  const config: Json = isObject(body.generationConfig) ? body.generationConfig : {};
  const thinking = thinkingConfig(v, s);
  if (thinking && config.thinkingConfig === undefined) {
    body.generationConfig = { ...config, thinkingConfig: thinking };
    changed = true;
  }
  if (v.image && config.responseModalities === undefined) {
    body.generationConfig = { ...(body.generationConfig as Json | undefined), responseModalities: ['TEXT', 'IMAGE'] };
    changed = true;
  }
  return changed;
}

const GENERATING = new Set(['generateContent', 'streamGenerateContent']);

/** Whether any injection could apply, decided without parsing the body (the common case: none). */
function anythingToInject(v: Variant, s: Settings): boolean {
  return (
    v.search ||
    v.image ||
    v.nonThinking ||
    s.SAFETY_SETTINGS.length > 0 ||
    s.TOOLS_CODE_EXECUTION_ENABLED ||
    s.URL_CONTEXT_ENABLED ||
    Object.hasOwn(s.THINKING_BUDGET_MAP, v.base)
  );
}

export function prepareNativeRequest(model: string, action: string, body: string, s: Settings): NativeRequest {
  const variant = resolveVariant(model, s);
  if (!GENERATING.has(action) || !anythingToInject(variant, s)) return { upstreamModel: variant.base, rewrittenBody: undefined };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    // Not JSON: Google answers it with its own 400, which the client should see.
    return { upstreamModel: variant.base, rewrittenBody: undefined };
  }
  if (!isObject(parsed)) return { upstreamModel: variant.base, rewrittenBody: undefined };
  const changed = inject(parsed, variant, s, /tts/i.test(variant.base));
  return { upstreamModel: variant.base, rewrittenBody: changed ? JSON.stringify(parsed) : undefined };
}
