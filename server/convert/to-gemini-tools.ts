import type { StoredSettings } from '../settings/schema';
import { cleanJsonSchema } from './clean-json-schema';
import type { GeminiRequest, GeminiTool } from './gemini-types';
import type { Variant } from './model-variant';
import type { ChatRequest, FunctionTool } from './openai-request';
import { ConvertError } from './convert-error';

/**
 * OpenAI `tools`, `tool_choice`, `parallel_tool_calls` → Gemini `tools` + `toolConfig`, plus the
 * built-in tools the model variant and settings add, by the same rules as the native path
 * (server/proxy/native-request.ts). Pure.
 */
export type ToolSettings = Pick<StoredSettings, 'TOOLS_CODE_EXECUTION_ENABLED' | 'URL_CONTEXT_ENABLED' | 'URL_CONTEXT_MODELS'>;

/** What the rest of the request says about which built-in tools may be added. */
export interface ToolTraits {
  /** The history already holds function calls or results (Gemini then refuses built-in tools). */
  readonly functionsInHistory: boolean;
  /** Images, audio or files are attached (code execution would refuse them). */
  readonly media: boolean;
  /** JSON output was asked for (code execution cannot be combined with it). */
  readonly json: boolean;
}

export interface ConvertedTools {
  readonly tools?: GeminiTool[];
  readonly toolConfig?: GeminiRequest['toolConfig'];
  readonly warnings: readonly string[];
}

type Declaration = Record<string, unknown> & { name: string };

/** Cherry Studio asks for Google Search by declaring a function of this name. */
const SEARCH_FUNCTION = 'googleSearch';

export function toGeminiTools(
  req: Pick<ChatRequest, 'tools' | 'tool_choice' | 'parallel_tool_calls'>,
  variant: Variant,
  s: ToolSettings,
  traits: ToolTraits,
): ConvertedTools {
  const warnings: string[] = [];
  const declarations = functionDeclarations(req.tools ?? [], warnings);
  const searchAsked = (req.tools ?? []).some((t) => t.function.name === SEARCH_FUNCTION);
  const builtIns = declarations.length > 0 || traits.functionsInHistory ? [] : builtInTools(variant, s, traits, searchAsked);
  if (declarations.length > 0 && (searchAsked || variant.search)) warnings.push('dropped Google Search (Gemini cannot mix it with function tools)');
  if (req.parallel_tool_calls === false) warnings.push('dropped parameter "parallel_tool_calls" (Gemini cannot forbid parallel calls)');
  const tools: GeminiTool[] = [...(declarations.length > 0 ? [{ functionDeclarations: declarations }] : []), ...builtIns];
  const toolConfig = toolChoice(req.tool_choice, declarations);
  return { ...(tools.length > 0 && { tools }), ...(toolConfig && { toolConfig }), warnings };
}

function functionDeclarations(tools: readonly FunctionTool[], warnings: string[]): Declaration[] {
  const declarations: Declaration[] = [];
  tools.forEach((tool, i) => {
    const { name, description, parameters, ...rest } = tool.function;
    const at = `tools[${i}].function`;
    if (name === SEARCH_FUNCTION) return;
    if (declarations.some((d) => d.name === name)) {
      warnings.push(`dropped ${at}: a second function named "${name}" (the first one is kept)`);
      return;
    }
    for (const [key, value] of Object.entries(rest)) {
      if (value !== undefined && value !== null && value !== false) warnings.push(`dropped "${key}" of ${at} (not supported by Gemini)`);
    }
    const cleaned = parameters ? cleanJsonSchema(parameters) : undefined;
    for (const warning of cleaned?.warnings ?? []) warnings.push(`${at}.parameters: ${warning}`);
    const schema = cleaned?.schema;
    // A function without arguments: Gemini rejects an object schema without properties, so none is sent.
    const hasParameters = schema !== undefined && !(schema.properties === undefined && (schema.type === 'object' || schema.type === undefined));
    declarations.push({ name, ...(description !== undefined && { description }), ...(hasParameters && { parameters: schema }) });
  });
  return declarations;
}

/** Same rules as the native path: Gemini refuses built-ins mixed with functions, code execution with media or JSON. */
function builtInTools(variant: Variant, s: ToolSettings, traits: ToolTraits, searchAsked: boolean): GeminiTool[] {
  if (/tts/i.test(variant.base)) return [];
  const tools: GeminiTool[] = [];
  if (variant.search || searchAsked) tools.push({ googleSearch: {} });
  if (s.URL_CONTEXT_ENABLED && s.URL_CONTEXT_MODELS.includes(variant.base)) tools.push({ urlContext: {} });
  if (s.TOOLS_CODE_EXECUTION_ENABLED && !variant.search && !variant.image && !traits.media && !traits.json) {
    tools.push({ codeExecution: {} });
  }
  return tools;
}

function toolChoice(choice: ChatRequest['tool_choice'], declarations: readonly Declaration[]): GeminiRequest['toolConfig'] {
  if (choice === undefined || choice === null) return undefined;
  // Without functions there is nothing to allow or forbid: "none" and "auto" then mean nothing.
  if (declarations.length === 0 && (choice === 'none' || choice === 'auto')) return undefined;
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (choice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } };
  if (declarations.length === 0) throw new ConvertError('tool_choice asks for a function call but tools declares no function', 'tool_choice');
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  const name = choice.function.name;
  if (!declarations.some((d) => d.name === name)) throw new ConvertError(`tool_choice names the function "${name}", which tools does not declare`, 'tool_choice');
  return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [name] } };
}
