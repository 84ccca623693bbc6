/**
 * URL_NORMALIZATION_ENABLED ("smart routing"): a mistyped client path is rewritten to the route it
 * meant, as gemini-balance did (proxy-behaviour.md "Smart routing"). Pure. Unlike the original,
 * an explicit native action (`:countTokens`, `:embedContent`, …) is kept rather than turned into
 * generateContent, the `/gemini` and `/vertex-express` prefixes are kept, and audio goes to the
 * speech route that exists. Only the path changes; the query stays.
 */

const CANONICAL = [
  /^\/(gemini\/|vertex-express\/)?v1beta\/models\/[^/:]+:(generateContent|streamGenerateContent)$/,
  /^\/(gemini\/|vertex-express\/)?v1beta\/models$/,
  /^\/(v1|hf\/v1)\/(chat\/completions|models|embeddings|images\/generations|audio\/speech)$/,
  /^\/openai\/v1\/(chat\/completions|models|embeddings|images\/generations)$/,
];

const NATIVE_ACTIONS = ['generateContent', 'streamGenerateContent', 'countTokens', 'embedContent', 'batchEmbedContents'];

function nativePath(method: string, path: string, query: URLSearchParams): string | undefined {
  const lower = path.toLowerCase();
  const prefix = lower.includes('/vertex-express/') ? '/vertex-express' : lower.includes('/gemini/') ? '/gemini' : '';
  if (method === 'GET') return `${prefix}/v1beta/models`;
  const model = query.get('model') ?? /\/models\/([^/:]+)/.exec(path)?.[1];
  if (!model) return undefined;
  const asked = /:([A-Za-z]+)(?:\/|$)/.exec(path)?.[1] ?? /\/([A-Za-z]+)$/.exec(path)?.[1];
  const stream = lower.includes('stream') || query.get('stream') === 'true';
  const named = NATIVE_ACTIONS.find((a) => a.toLowerCase() === asked?.toLowerCase());
  const action = named === undefined || named === 'generateContent' ? (stream ? 'streamGenerateContent' : 'generateContent') : named;
  return `${prefix}/v1beta/models/${model}:${action}`;
}

function openaiPath(method: string, lower: string, base: string): string | undefined {
  if (method === 'POST') {
    if (lower.includes('chat') || lower.includes('completion')) return `${base}/chat/completions`;
    if (lower.includes('embedding')) return `${base}/embeddings`;
    if (lower.includes('image')) return `${base}/images/generations`;
    // Google's OpenAI-compatible API has no speech route: ours is under /v1.
    if (lower.includes('audio') || lower.includes('speech')) return '/v1/audio/speech';
  }
  if (method === 'GET' && lower.includes('model')) return `${base}/models`;
  return undefined;
}

/** The path a request meant, or undefined when it is fine as it is (or nothing better is known). */
export function normalizedPath(method: string, path: string, query: URLSearchParams): string | undefined {
  if (CANONICAL.some((re) => re.test(path))) return undefined;
  const lower = path.toLowerCase();
  let meant: string | undefined;
  if (lower.includes('generatecontent') || lower.includes('v1beta/models')) meant = nativePath(method, path, query);
  else if (lower.includes('/openai/')) meant = openaiPath(method, lower, '/openai/v1');
  else if (lower.includes('/v1/')) meant = openaiPath(method, lower, lower.includes('/hf/') ? '/hf/v1' : '/v1');
  else if (lower.includes('/chat/completions')) meant = '/v1/chat/completions';
  return meant === path ? undefined : meant;
}
