import type { StoredSettings } from '../settings/schema';
import { cleanJsonSchema } from './clean-json-schema';
import { thinkingConfig, type Variant } from './model-variant';
import type { ChatRequest } from './openai-request';
import { ConvertError } from './convert-error';

/**
 * OpenAI sampling and output options → Gemini `generationConfig`. Only what the client sent is
 * set: no invented defaults, so the model's own defaults apply otherwise. Pure.
 */
export type ConfigSettings = Pick<StoredSettings, 'THINKING_BUDGET_MAP' | 'THINKING_MODELS' | 'SHOW_THINKING_PROCESS'>;

export interface ConvertedConfig {
  readonly generationConfig?: Record<string, unknown>;
  readonly warnings: readonly string[];
}

type Config = Record<string, unknown>;

/** Gemini refuses more stop sequences than this. */
const MAX_STOP_SEQUENCES = 5;

/**
 * reasoning_effort → Gemini 2.5 thinkingBudget. low/medium/high are the budgets Google's own
 * OpenAI-compatible endpoint uses (1024 / 8192 / 24576). minimal is 512, the smallest budget
 * every 2.5 model accepts (Flash-Lite's floor), so it still thinks a little as OpenAI's minimal
 * does. none turns thinking off (0), except on 2.5 Pro, which cannot stop thinking and gets its
 * minimum 128 (the same rule as the -non-thinking alias).
 */
const EFFORT_BUDGET = { minimal: 512, low: 1024, medium: 8192, high: 24576 } as const;

export function toGeminiConfig(req: ChatRequest, variant: Variant, s: ConfigSettings): ConvertedConfig {
  const warnings: string[] = [];
  const config: Config = {
    ...sampling(req),
    ...responseFormat(req.response_format, warnings),
    ...(variant.image && { responseModalities: ['TEXT', 'IMAGE'] }),
  };
  const thinking = thinkingFor(req.reasoning_effort, variant, s);
  if (thinking) config.thinkingConfig = thinking;
  return { ...(Object.keys(config).length > 0 && { generationConfig: config }), warnings };
}

function sampling(req: ChatRequest): Config {
  const maxTokens = req.max_completion_tokens ?? req.max_tokens;
  const param = req.max_completion_tokens != null ? 'max_completion_tokens' : 'max_tokens';
  if (maxTokens != null && maxTokens < 1) throw new ConvertError(`${param} must be at least 1`, param);
  const config: Config = {};
  set(config, 'temperature', req.temperature);
  set(config, 'topP', req.top_p);
  set(config, 'topK', req.top_k);
  set(config, 'maxOutputTokens', maxTokens);
  set(config, 'stopSequences', stopSequences(req.stop));
  set(config, 'candidateCount', req.n);
  set(config, 'seed', req.seed);
  set(config, 'presencePenalty', req.presence_penalty);
  set(config, 'frequencyPenalty', req.frequency_penalty);
  return config;
}

function set(config: Config, key: string, value: unknown): void {
  if (value !== undefined && value !== null) config[key] = value;
}

function stopSequences(stop: ChatRequest['stop']): string[] | undefined {
  if (stop === undefined || stop === null) return undefined;
  const list = typeof stop === 'string' ? [stop] : stop;
  if (list.length > MAX_STOP_SEQUENCES) {
    throw new ConvertError(`stop holds ${list.length} sequences; Gemini accepts at most ${MAX_STOP_SEQUENCES}`, 'stop');
  }
  return list.length > 0 ? list : undefined;
}

function responseFormat(format: ChatRequest['response_format'], warnings: string[]): Config {
  if (!format || format.type === 'text') return {};
  if (format.type === 'json_object') return { responseMimeType: 'application/json' };
  const schema = format.type === 'json_schema' && 'json_schema' in format ? format.json_schema.schema : undefined;
  if (!schema) return { responseMimeType: 'application/json' };
  const cleaned = cleanJsonSchema(schema);
  for (const warning of cleaned.warnings) warnings.push(`response_format.json_schema.schema: ${warning}`);
  return { responseMimeType: 'application/json', responseSchema: cleaned.schema };
}

/**
 * Which thinking the request gets, strongest first: the -non-thinking alias (the client chose
 * the model for that), then the client's reasoning_effort, then THINKING_BUDGET_MAP. With
 * SHOW_THINKING_PROCESS, thoughts are asked for whenever thinking is on, to fill reasoning_content.
 */
function thinkingFor(effort: ChatRequest['reasoning_effort'], variant: Variant, s: ConfigSettings): Config | undefined {
  if (variant.nonThinking) return thinkingConfig(variant, s);
  const budget = effort ? effortBudget(effort, variant.base) : s.THINKING_BUDGET_MAP[variant.base];
  // "none" on a model that cannot stop thinking still gets a small budget, but no thoughts shown.
  const thoughts = s.SHOW_THINKING_PROCESS && budget !== 0 && effort !== 'none';
  if (budget !== undefined) return { thinkingBudget: budget, ...(thoughts && { includeThoughts: true }) };
  // THINKING_MODELS lists the models that think by default: ask for their thoughts too.
  return thoughts && s.THINKING_MODELS.includes(variant.base) ? { includeThoughts: true } : undefined;
}

function effortBudget(effort: NonNullable<ChatRequest['reasoning_effort']>, model: string): number {
  if (effort !== 'none') return EFFORT_BUDGET[effort];
  return model.includes('gemini-2.5-pro') ? 128 : 0;
}
