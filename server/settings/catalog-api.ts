import { bool, int, list, str, stringMap, url } from './define';

const KEY_LENGTH = { maxItemLength: 255 };

export const apiSettings = {
  API_KEYS: list([], {
    group: 'api',
    store: 'keys',
    secret: true,
    ...KEY_LENGTH,
    description: 'Gemini API keys. Seed the key table on the first start; manage them in the dashboard afterwards.',
    example: 'AIzaSy...1,AIzaSy...2',
  }),
  ALLOWED_TOKENS: list([], {
    group: 'api',
    store: 'tokens',
    secret: true,
    ...KEY_LENGTH,
    description: 'Tokens clients use to call the proxy (Bearer, x-goog-api-key or ?key=). Seed the token table.',
    example: 'sk-my-token-1,sk-my-token-2',
  }),
  AUTH_TOKEN: str('', {
    group: 'api',
    store: 'auth',
    secret: true,
    description:
      'Dashboard password, also accepted as a client token. Stored only as a hash. Unset: the first ALLOWED_TOKENS entry, or a generated token printed once at first start.',
    example: 'a-long-random-admin-token',
  }),
  BASE_URL: url('https://generativelanguage.googleapis.com/v1beta', {
    group: 'api',
    description: 'Upstream Gemini API base (point it at your own relay if needed).',
  }),
  MAX_FAILURES: int(3, {
    group: 'api',
    min: 1,
    max: 1000,
    description: 'Consecutive server errors/timeouts after which a key cools down.',
  }),
  TEST_MODEL: str('gemini-2.5-flash-lite', { group: 'api', description: 'Model used to verify keys.' }),
  TIME_OUT: int(300, { group: 'api', min: 1, max: 3600, description: 'Upstream request timeout, seconds.' }),
  MAX_RETRIES: int(3, {
    group: 'api',
    min: 0,
    max: 50,
    description: 'Extra attempts on other keys after a failed upstream attempt (0 = one attempt only).',
  }),
  EMPTY_RESPONSE_RETRIES: int(2, {
    group: 'api',
    min: 0,
    max: 10,
    description: 'OpenAI chat: retry an answer with no text and no tool call on another key, this many times.',
  }),
  PROXIES: list([], {
    group: 'api',
    secret: true,
    description: 'Outbound HTTP or SOCKS5 proxies, e.g. http://user:pass@host:port or socks5://host:port.',
    example: 'http://127.0.0.1:7890',
  }),
  PROXIES_USE_CONSISTENCY_HASH_BY_API_KEY: bool(true, {
    group: 'api',
    description: 'Each key always uses the same proxy (stable hash) instead of a random one.',
  }),
  VERTEX_API_KEYS: list([], {
    group: 'api',
    store: 'keys',
    secret: true,
    ...KEY_LENGTH,
    description: 'Vertex AI Express keys for the /vertex-express routes.',
    example: 'AQ.Ab8RN6...',
  }),
  VERTEX_EXPRESS_BASE_URL: url('https://aiplatform.googleapis.com/v1beta1/publishers/google', {
    group: 'api',
    description: 'Upstream for Vertex Express.',
  }),
  URL_NORMALIZATION_ENABLED: bool(false, {
    group: 'api',
    description: 'Smart routing: rewrite malformed client URLs to the right proxy path.',
  }),
  CUSTOM_HEADERS: stringMap({}, {
    group: 'api',
    secret: true,
    description: 'Extra headers sent with every upstream request.',
    example: '{"X-My-Header":"value"}',
  }),
};
