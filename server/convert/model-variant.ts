import type { StoredSettings } from '../settings/schema';

/**
 * gemini-balance's model-name suffixes: `x-search` (Google Search tool), `x-image` (image output),
 * `x-non-thinking` (thinking off). Pure; shared by the native and the OpenAI paths.
 */
export interface Variant {
  readonly base: string;
  readonly search: boolean;
  readonly image: boolean;
  readonly nonThinking: boolean;
}

export function resolveVariant(model: string, s: Pick<StoredSettings, 'SEARCH_MODELS' | 'IMAGE_MODELS'>): Variant {
  const strip = (suffix: string) => (model.endsWith(suffix) ? model.slice(0, -suffix.length) : undefined);
  const search = strip('-search');
  if (search !== undefined && s.SEARCH_MODELS.includes(search)) return { base: search, search: true, image: false, nonThinking: false };
  const image = strip('-image');
  if (image !== undefined && s.IMAGE_MODELS.includes(image)) return { base: image, search: false, image: true, nonThinking: false };
  const plain = strip('-non-thinking');
  if (plain !== undefined) return { base: plain, search: false, image: false, nonThinking: true };
  return { base: model, search: false, image: false, nonThinking: false };
}

/** The thinking config a variant gets from the settings, or undefined for the model's own default. */
export function thinkingConfig(v: Variant, s: Pick<StoredSettings, 'THINKING_BUDGET_MAP' | 'SHOW_THINKING_PROCESS'>): Record<string, unknown> | undefined {
  if (v.nonThinking) return { thinkingBudget: v.base.includes('gemini-2.5-pro') ? 128 : 0 };
  const budget = s.THINKING_BUDGET_MAP[v.base];
  if (budget === undefined) return undefined;
  return s.SHOW_THINKING_PROCESS ? { thinkingBudget: budget, includeThoughts: true } : { thinkingBudget: budget };
}

