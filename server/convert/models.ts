import type { StoredSettings } from '../settings/schema';

/**
 * Model lists: Google's `GET /v1beta/models` answer, filtered and extended with gemini-balance's
 * alias models (`-search`, `-image`, `-non-thinking`), rendered for the Gemini-native and the
 * OpenAI-format list routes. Pure: fetching (and merging Google's 1000-model pages) is the caller's job.
 */

/** One entry of Google's list; fields other than these are kept as they come. */
export interface GeminiModel {
  name: string;
  displayName?: string;
  description?: string;
  [k: string]: unknown;
}

export interface GeminiModelList {
  models?: GeminiModel[];
  nextPageToken?: string;
}

export interface OpenAIModel {
  id: string;
  object: 'model';
  created: number;
  owned_by: 'google';
}

export interface OpenAIModelList {
  object: 'list';
  data: OpenAIModel[];
}

type ListSettings = Pick<StoredSettings, 'FILTERED_MODELS' | 'SEARCH_MODELS' | 'IMAGE_MODELS' | 'THINKING_MODELS'>;

interface AliasKind {
  suffix: string;
  displaySuffix: string;
  configured: (s: ListSettings) => readonly string[];
}

/** Same suffixes, display suffixes and order (search, image, non-thinking) as gemini-balance. */
const ALIASES: readonly AliasKind[] = [
  { suffix: '-search', displaySuffix: ' For Search', configured: (s) => s.SEARCH_MODELS },
  { suffix: '-image', displaySuffix: ' For Image', configured: (s) => s.IMAGE_MODELS },
  { suffix: '-non-thinking', displaySuffix: ' Non Thinking', configured: (s) => s.THINKING_MODELS },
];

const PREFIX = 'models/';

/** The id clients use: the name without Google's `models/` prefix. */
export function modelId(name: string): string {
  return name.startsWith(PREFIX) ? name.slice(PREFIX.length) : name;
}

/**
 * Upstream models minus FILTERED_MODELS, each followed by its configured aliases.
 *
 * Differences from gemini-balance, on purpose:
 * - aliases sit right after their base in both formats (the original appended them at the end of
 *   the Gemini-format list), so both lists show the same models in the same order;
 * - every id appears once: a config list naming a model twice or overlapping upstream pages never
 *   yield a duplicate. When Google itself lists a model under an alias' name (`x-image` while `x` is
 *   in IMAGE_MODELS), the alias is shown, because requests to that name are routed as the alias
 *   (see model-variant.ts);
 * - an alias whose own id is in FILTERED_MODELS is hidden too, since that setting means "hidden";
 * - an entry without a string `name` is skipped instead of failing the whole list.
 */
export function visibleModels(list: GeminiModelList, s: ListSettings): GeminiModel[] {
  const hidden = new Set(s.FILTERED_MODELS);
  // The type says `name: string`, but this is parsed JSON from the network.
  const named = (list.models ?? []).filter((m) => typeof m?.name === 'string' && m.name !== '');
  const bases = named.filter((m) => !hidden.has(modelId(m.name)));
  const aliasIds = new Set(bases.flatMap((m) => aliasKinds(modelId(m.name), s).map((k) => modelId(m.name) + k.suffix)));
  const seen = new Set<string>();
  const out: GeminiModel[] = [];
  for (const base of bases) {
    const id = modelId(base.name);
    if (seen.has(id) || aliasIds.has(id)) continue;
    seen.add(id);
    out.push(base);
    for (const kind of aliasKinds(id, s)) {
      const alias = aliasOf(base, id, kind);
      const aliasId = modelId(alias.name);
      if (hidden.has(aliasId) || seen.has(aliasId)) continue;
      seen.add(aliasId);
      out.push(alias);
    }
  }
  return out;
}

const aliasKinds = (id: string, s: ListSettings) => ALIASES.filter((k) => k.configured(s).includes(id));

/**
 * A deep copy of the base (limits, methods, version… stay valid for the alias) with a new name.
 * Like the original, the description becomes the display name: the base's text would describe a
 * model without the alias' behaviour.
 */
function aliasOf(base: GeminiModel, id: string, kind: AliasKind): GeminiModel {
  const display = `${base.displayName ?? id}${kind.displaySuffix}`;
  return { ...structuredClone(base), name: `${base.name}${kind.suffix}`, displayName: display, description: display };
}

/**
 * The OpenAI `GET /v1/models` body. An empty list gives `data: []` (the original answered HTTP 200
 * `null` when the upstream failed and crashed on an empty list). The original's extra fields
 * (`permission`, `root`, `parent`, `success`) are not part of OpenAI's model object and are left out;
 * the `<CREATE_IMAGE_MODEL>-chat` entry, if wanted, is the caller's to append.
 */
export function toOpenAIModels(models: GeminiModel[], created: number): OpenAIModelList {
  return {
    object: 'list',
    data: models.map((m) => ({ id: modelId(m.name), object: 'model', created, owned_by: 'google' })),
  };
}

/**
 * The Gemini-native `GET /v1beta/models` body. `models` is always present (even empty) so clients
 * that read `.models` never meet `undefined`; `nextPageToken` only when the caller has one to pass on.
 */
export function toGeminiModelList(models: GeminiModel[], nextPageToken?: string): GeminiModelList {
  return nextPageToken ? { models, nextPageToken } : { models };
}
