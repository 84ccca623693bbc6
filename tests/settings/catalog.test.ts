import { describe, expect, test } from 'bun:test';
import { parseEnv } from '../../server/settings/from-env';
import { defaultSettings, settingDef, settingNames } from '../../server/settings/schema';

/**
 * Every setting of the original gemini-balance with its declared default, copied by hand from
 * the reference (admin-behaviour.md §1.4), not from our catalogue: a user moving their .env over
 * must get the same behaviour for every variable they did not set.
 */
const ORIGINAL_DEFAULTS: Readonly<Record<string, unknown>> = {
  // Database (DATABASE_TYPE and SQLITE_DATABASE are intended deviations, asserted below)
  MYSQL_HOST: '',
  MYSQL_PORT: 3306,
  MYSQL_USER: '',
  MYSQL_PASSWORD: '',
  MYSQL_DATABASE: '',
  MYSQL_SOCKET: '',
  // API / keys / auth
  API_KEYS: [],
  ALLOWED_TOKENS: [],
  AUTH_TOKEN: '',
  BASE_URL: 'https://generativelanguage.googleapis.com/v1beta',
  MAX_FAILURES: 3,
  TEST_MODEL: 'gemini-2.5-flash-lite',
  TIME_OUT: 300,
  MAX_RETRIES: 3,
  PROXIES: [],
  PROXIES_USE_CONSISTENCY_HASH_BY_API_KEY: true,
  VERTEX_API_KEYS: [],
  VERTEX_EXPRESS_BASE_URL: 'https://aiplatform.googleapis.com/v1beta1/publishers/google',
  URL_NORMALIZATION_ENABLED: false,
  CUSTOM_HEADERS: {},
  // Models
  SEARCH_MODELS: ['gemini-2.5-flash', 'gemini-2.5-pro'],
  IMAGE_MODELS: ['gemini-2.0-flash-exp', 'gemini-2.5-flash-image-preview'],
  FILTERED_MODELS: [
    'gemini-1.0-pro-vision-latest',
    'gemini-pro-vision',
    'chat-bison-001',
    'text-bison-001',
    'embedding-gecko-001',
  ],
  TOOLS_CODE_EXECUTION_ENABLED: false,
  URL_CONTEXT_ENABLED: false,
  URL_CONTEXT_MODELS: [
    'gemini-2.5-pro',
    'gemini-2.5-flash',
    'gemini-2.5-flash-lite',
    'gemini-2.0-flash',
    'gemini-2.0-flash-live-001',
  ],
  SHOW_SEARCH_LINK: true,
  SHOW_THINKING_PROCESS: true,
  THINKING_MODELS: [],
  THINKING_BUDGET_MAP: {},
  SAFETY_SETTINGS: [
    { category: 'HARM_CATEGORY_HARASSMENT', threshold: 'OFF' },
    { category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'OFF' },
    { category: 'HARM_CATEGORY_SEXUALLY_EXPLICIT', threshold: 'OFF' },
    { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', threshold: 'OFF' },
    { category: 'HARM_CATEGORY_CIVIC_INTEGRITY', threshold: 'BLOCK_NONE' },
  ],
  // TTS
  TTS_MODEL: 'gemini-2.5-flash-preview-tts',
  TTS_VOICE_NAME: 'Zephyr',
  TTS_SPEED: 'normal',
  // Image generation / image hosting
  PAID_KEY: '',
  CREATE_IMAGE_MODEL: 'imagen-3.0-generate-002',
  UPLOAD_PROVIDER: 'smms',
  SMMS_SECRET_TOKEN: '',
  PICGO_API_KEY: '',
  PICGO_API_URL: 'https://www.picgo.net/api/1/upload',
  CLOUDFLARE_IMGBED_URL: '',
  CLOUDFLARE_IMGBED_AUTH_CODE: '',
  CLOUDFLARE_IMGBED_UPLOAD_FOLDER: '',
  OSS_ENDPOINT: '',
  OSS_ENDPOINT_INNER: '',
  OSS_ACCESS_KEY: '',
  OSS_ACCESS_KEY_SECRET: '',
  OSS_BUCKET_NAME: '',
  OSS_REGION: '',
  // Streaming
  STREAM_OPTIMIZER_ENABLED: false,
  STREAM_MIN_DELAY: 0.016,
  STREAM_MAX_DELAY: 0.024,
  STREAM_SHORT_TEXT_THRESHOLD: 10,
  STREAM_LONG_TEXT_THRESHOLD: 50,
  STREAM_CHUNK_SIZE: 5,
  FAKE_STREAM_ENABLED: false,
  FAKE_STREAM_EMPTY_DATA_INTERVAL_SECONDS: 5,
  // Scheduler, logging, files, misc
  CHECK_INTERVAL_HOURS: 1,
  TIMEZONE: 'Asia/Shanghai',
  GITHUB_REPO_OWNER: 'snailyp',
  GITHUB_REPO_NAME: 'gemini-balance',
  LOG_LEVEL: 'INFO',
  ERROR_LOG_RECORD_REQUEST_BODY: false,
  AUTO_DELETE_ERROR_LOGS_ENABLED: true,
  AUTO_DELETE_ERROR_LOGS_DAYS: 7,
  AUTO_DELETE_REQUEST_LOGS_ENABLED: false,
  AUTO_DELETE_REQUEST_LOGS_DAYS: 30,
  FILES_CLEANUP_ENABLED: true,
  FILES_CLEANUP_INTERVAL_HOURS: 1,
  FILES_USER_ISOLATION_ENABLED: true,
  ADMIN_SESSION_EXPIRE: 3600,
};

/** Settings of ours that the original did not have. */
const OUR_DEFAULTS: Readonly<Record<string, unknown>> = {
  PORT: 8000,
  HOST: '0.0.0.0',
  CONFIG_SOURCE: 'db',
  DB_CONNECT_RETRIES: 5,
  // Issue 4: an empty candidate is retried on another key (SillyTavern / Cherry Studio users ask for it).
  EMPTY_RESPONSE_RETRIES: 2,
  // Issue 8: SM.MS's upload URL was fixed in the original; its API has moved domains before.
  SMMS_API_URL: 'https://sm.ms/api/v2/upload',
  // Issue 9: key state changes between instances at once.
  REDIS_URL: '',
};

/** Original settings whose default we changed on purpose. */
const DEVIATIONS: Readonly<Record<string, { original: unknown; ours: unknown }>> = {
  // SQLite needs no set-up, so a fresh install starts without a MySQL server.
  DATABASE_TYPE: { original: 'mysql', ours: 'sqlite' },
  // A file name that says what it is (still a bare name under ./data/).
  SQLITE_DATABASE: { original: 'default_db', ours: 'gemini-balance.db' },
};

const defaults = new Map<string, unknown>(Object.entries(defaultSettings()));

describe('settings catalogue matches gemini-balance', () => {
  test.each(Object.entries(ORIGINAL_DEFAULTS))('%s keeps the original default', (name, original) => {
    expect(defaults.has(name)).toBe(true);
    expect(defaults.get(name)).toEqual(original);
  });

  test.each(Object.entries(DEVIATIONS))('%s has its intended new default', (name, { original, ours }) => {
    expect(defaults.has(name)).toBe(true);
    expect(defaults.get(name)).toEqual(ours);
    expect(defaults.get(name)).not.toEqual(original);
  });

  test('ENABLE_TTS is not a setting (the original only read it in an unused helper)', () => {
    expect(defaults.has('ENABLE_TTS')).toBe(false);
  });

  test.each(Object.entries(OUR_DEFAULTS))('our own setting %s exists with its default', (name, value) => {
    expect(defaults.has(name)).toBe(true);
    expect(defaults.get(name)).toEqual(value);
  });

  test('there are no settings beyond the original ones and ours', () => {
    const expected = [...Object.keys(ORIGINAL_DEFAULTS), ...Object.keys(DEVIATIONS), ...Object.keys(OUR_DEFAULTS)];
    expect([...defaults.keys()].sort()).toEqual(expected.sort());
  });

  test('each call returns a fresh copy, so changing one does not change the defaults', () => {
    const first = defaultSettings();
    first.SEARCH_MODELS.push('changed');
    first.THINKING_BUDGET_MAP['x'] = 1;
    expect(defaultSettings().SEARCH_MODELS).toEqual(['gemini-2.5-flash', 'gemini-2.5-pro']);
    expect(defaultSettings().THINKING_BUDGET_MAP).toEqual({});
  });

  test('every example shown in a start-up error is itself accepted', () => {
    for (const name of settingNames) {
      expect(parseEnv({ [name]: settingDef(name).example }).errors).toEqual([]);
    }
  });
});
