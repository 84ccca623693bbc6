import { describe, expect, test } from 'bun:test';
import { bootstrapFrom, parseEnv } from '../../server/settings/from-env';
import { bootstrapNames, defaultSettings } from '../../server/settings/schema';

/** The one error line for `env`, failing the test unless there is exactly one. */
function onlyError(env: Record<string, string>): string {
  const { values, errors } = parseEnv(env);
  expect(errors).toHaveLength(1);
  expect(Object.keys(values)).toHaveLength(0);
  return errors[0] ?? '';
}

describe('lists from the environment', () => {
  test.each([
    ['JSON', '["a","b"]'],
    ['comma-separated', 'a, b'],
    ['newline-separated', 'a\nb\n'],
    ['Python-style single quotes', "['a', 'b']"],
    ['JSON with empty items', '["a", "", " ", "b"]'],
  ])('a %s list gives the items', (_form, raw) => {
    const { values, errors } = parseEnv({ SEARCH_MODELS: raw });
    expect(errors).toEqual([]);
    expect(values.SEARCH_MODELS).toEqual(['a', 'b']);
  });

  test('an over-long API key is reported without showing any key text', () => {
    const longKey = `AIza${'x'.repeat(300)}`;
    const line = onlyError({ API_KEYS: `AIzaSyGood0000000000000000000000000000000,${longKey}` });
    expect(line).toContain('API_KEYS');
    expect(line).toContain('hidden');
    expect(line).not.toContain('AIzaSyGood');
    expect(line).not.toContain('x'.repeat(20));
  });
});

describe('booleans from the environment', () => {
  test.each(['true', 'TRUE', '1', 'yes', 'Yes', 'on', 'ON'])('%s turns a switch on', (raw) => {
    expect(parseEnv({ FAKE_STREAM_ENABLED: raw }).values.FAKE_STREAM_ENABLED).toBe(true);
  });

  test.each(['false', 'False', '0', 'no', 'NO', 'off', 'Off'])('%s turns a switch off', (raw) => {
    expect(parseEnv({ SHOW_SEARCH_LINK: raw }).values.SHOW_SEARCH_LINK).toBe(false);
  });

  test('"enable" is refused', () => {
    expect(onlyError({ FAKE_STREAM_ENABLED: 'enable' })).toContain('FAKE_STREAM_ENABLED');
  });
});

describe('numbers from the environment', () => {
  test('"3" and "3.0" are the whole number 3', () => {
    expect(parseEnv({ MAX_FAILURES: '3' }).values.MAX_FAILURES).toBe(3);
    expect(parseEnv({ MAX_FAILURES: '3.0' }).values.MAX_FAILURES).toBe(3);
  });

  test.each(['3.5', 'abc'])('%s is refused for a whole-number setting', (raw) => {
    expect(onlyError({ MAX_FAILURES: raw })).toContain('MAX_FAILURES');
  });

  test('a number below the minimum is refused', () => {
    expect(onlyError({ MAX_FAILURES: '0' })).toContain('from 1 to 1000');
  });

  test('a fraction is accepted for a decimal setting', () => {
    expect(parseEnv({ STREAM_MIN_DELAY: '0.5' }).values.STREAM_MIN_DELAY).toBe(0.5);
  });
});

describe('JSON objects from the environment', () => {
  test('THINKING_BUDGET_MAP accepts JSON and single-quoted JSON', () => {
    expect(parseEnv({ THINKING_BUDGET_MAP: '{"gemini-2.5-flash": 1024}' }).values.THINKING_BUDGET_MAP).toEqual({
      'gemini-2.5-flash': 1024,
    });
    expect(parseEnv({ THINKING_BUDGET_MAP: "{'gemini-2.5-flash': 1024}" }).values.THINKING_BUDGET_MAP).toEqual({
      'gemini-2.5-flash': 1024,
    });
  });

  test('CUSTOM_HEADERS with a number value is refused', () => {
    expect(onlyError({ CUSTOM_HEADERS: '{"X-Retry": 3}' })).toContain('CUSTOM_HEADERS');
  });

  test('SAFETY_SETTINGS accepts a JSON list', () => {
    const raw = '[{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_NONE"}]';
    expect(parseEnv({ SAFETY_SETTINGS: raw }).values.SAFETY_SETTINGS).toEqual([
      { category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' },
    ]);
  });
});

describe('choices from the environment', () => {
  test('LOG_LEVEL=debug is DEBUG', () => {
    expect(parseEnv({ LOG_LEVEL: 'debug' }).values.LOG_LEVEL).toBe('DEBUG');
  });

  test('an unknown UPLOAD_PROVIDER lists the options', () => {
    expect(onlyError({ UPLOAD_PROVIDER: 'ftp' })).toContain('smms, picgo, cloudflare_imgbed, aliyun_oss');
  });
});

describe('variable names', () => {
  test('lower-case names work', () => {
    expect(parseEnv({ api_keys: 'k1,k2' }).values.API_KEYS).toEqual(['k1', 'k2']);
  });

  test('the exact upper-case name wins over another spelling, in either order', () => {
    expect(parseEnv({ log_level: 'ERROR', LOG_LEVEL: 'DEBUG' }).values.LOG_LEVEL).toBe('DEBUG');
    expect(parseEnv({ LOG_LEVEL: 'DEBUG', log_level: 'ERROR' }).values.LOG_LEVEL).toBe('DEBUG');
  });

  test('variables that are not settings are ignored', () => {
    expect(parseEnv({ PATH: '/usr/bin', TZ: 'Mars/Olympus', HOME: '' })).toEqual({ values: {}, errors: [] });
  });

  test('an empty value counts as not given', () => {
    expect(parseEnv({ MAX_FAILURES: '', API_KEYS: '  ', LOG_LEVEL: '' })).toEqual({ values: {}, errors: [] });
  });
});

describe('start-up error lines', () => {
  const bad = { MAX_FAILURES: 'lots', UPLOAD_PROVIDER: 'ftp', FAKE_STREAM_ENABLED: 'enable', TIMEZONE: 'Mars/Olympus' };

  test('there is exactly one line per bad variable', () => {
    const { errors } = parseEnv({ ...bad, LOG_LEVEL: 'info' });
    expect(errors).toHaveLength(4);
    for (const name of Object.keys(bad)) expect(errors.filter((e) => e.includes(name))).toHaveLength(1);
  });

  test('each line names the variable, says what was expected and gives an example', () => {
    for (const line of parseEnv(bad).errors) {
      const name = Object.keys(bad).find((n) => line.includes(n)) ?? '(none)';
      expect(line).toContain('expected');
      expect(line).toContain(`e.g. ${name}=`);
      expect(line).not.toContain('\n');
      expect(line).not.toMatch(/\bat .+:\d+/);
    }
  });

  test('a bad value with a line break stays on one line', () => {
    expect(onlyError({ MAX_FAILURES: 'three\nfour' })).not.toContain('\n');
  });

  test.each([
    ['a key', 'CUSTOM_HEADERS', '{"X-A\\nB": 1}'],
    ['a value', 'THINKING_BUDGET_MAP', '{"gemini-2.5-flash": "a\\nb"}'],
  ])('a bad item with a line break in %s of a JSON object stays on one line', (_where, name, raw) => {
    expect(onlyError({ [name]: raw })).not.toContain('\n');
  });
});

describe('URLs and time zones', () => {
  test('a trailing slash on BASE_URL is removed', () => {
    expect(parseEnv({ BASE_URL: 'https://relay.example.com/v1beta/' }).values.BASE_URL).toBe(
      'https://relay.example.com/v1beta',
    );
  });

  test('a non-http BASE_URL is refused', () => {
    expect(onlyError({ BASE_URL: 'ftp://x' })).toContain('http');
  });

  test('an unknown TIMEZONE is refused and a real one accepted', () => {
    expect(onlyError({ TIMEZONE: 'Mars/Olympus' })).toContain('TIMEZONE');
    expect(parseEnv({ TIMEZONE: 'Asia/Shanghai' })).toEqual({ values: { TIMEZONE: 'Asia/Shanghai' }, errors: [] });
  });
});

describe('bootstrapFrom', () => {
  test('fills the defaults for the start-up settings only', () => {
    const boot = bootstrapFrom({ PORT: 9000, MYSQL_HOST: 'db', MAX_FAILURES: 7 });
    expect(Object.keys(boot).sort()).toEqual([...bootstrapNames].sort());
    const defaults = defaultSettings();
    expect(boot).toEqual({
      DATABASE_TYPE: defaults.DATABASE_TYPE,
      SQLITE_DATABASE: defaults.SQLITE_DATABASE,
      MYSQL_HOST: 'db',
      MYSQL_PORT: 3306,
      MYSQL_USER: '',
      MYSQL_PASSWORD: '',
      MYSQL_DATABASE: '',
      MYSQL_SOCKET: '',
      DB_CONNECT_RETRIES: 5,
      CONFIG_SOURCE: 'db',
      REDIS_URL: '',
      PORT: 9000,
      HOST: '0.0.0.0',
    });
  });

  test('PORT=0 (pick a free port) is kept, not replaced by the default', () => {
    expect(bootstrapFrom(parseEnv({ PORT: '0' }).values).PORT).toBe(0);
  });
});

describe('REDIS_URL', () => {
  // Bun's RedisClient throws on these; the start would die with a stack trace instead of this line.
  test.each(['redis://:secret@', 'redis://host:99999', 'redis://host:6379/zero', 'http://host:6379'])('%s stops the start with one line naming REDIS_URL, the password not shown', (raw) => {
    const line = onlyError({ REDIS_URL: raw });
    expect(line).toContain('REDIS_URL');
    expect(line).not.toContain('secret');
  });

  test.each(['redis://127.0.0.1:6379', 'rediss://user:p%40ss@cache.example.com:6380/2', 'redis://[::1]:6379'])('%s is accepted', (raw) => {
    expect(parseEnv({ REDIS_URL: raw })).toEqual({ values: { REDIS_URL: raw }, errors: [] });
  });
});
