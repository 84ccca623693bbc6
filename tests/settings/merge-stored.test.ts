import { describe, expect, test } from 'bun:test';
import { decodeStored, encodeStored, mergeStoredSettings } from '../../server/settings/merge-stored';
import { defaultSettings, namesIn, settingDef, type Settings } from '../../server/settings/schema';

/** Every `settings`-store row as the previous start wrote it, from the defaults plus `overrides`. */
function storedRows(overrides: Record<string, string> = {}): Map<string, string> {
  const defaults = defaultSettings();
  const rows = new Map<string, string>(namesIn('settings').map((name) => [name, encodeStored(defaults[name])]));
  for (const [name, text] of Object.entries(overrides)) rows.set(name, text);
  return rows;
}

const writtenKeys = (result: ReturnType<typeof mergeStoredSettings>) => result.writes.map((w) => w.key);

describe('first start (empty settings table)', () => {
  const env: Partial<Settings> = { MAX_FAILURES: 7, LOG_LEVEL: 'DEBUG', API_KEYS: ['k1'], PORT: 9000 };
  const result = mergeStoredSettings(new Map(), env, 'db');

  test('every setting kept in the settings table is written once', () => {
    expect(writtenKeys(result).sort()).toEqual([...namesIn('settings')].sort());
  });

  test('environment values win over defaults, in memory and in the rows written', () => {
    expect(result.values.MAX_FAILURES).toBe(7);
    expect(result.values.LOG_LEVEL).toBe('DEBUG');
    expect(result.values.TIME_OUT).toBe(300);
    expect(result.writes).toContainEqual({ key: 'MAX_FAILURES', value: '7' });
    expect(result.writes).toContainEqual({ key: 'TIME_OUT', value: '300' });
  });

  test('keys, tokens, the admin token and start-up settings are never written as settings rows', () => {
    const forbidden = [
      'API_KEYS',
      'ALLOWED_TOKENS',
      'AUTH_TOKEN',
      'PAID_KEY',
      'VERTEX_API_KEYS',
      'DATABASE_TYPE',
      'MYSQL_PASSWORD',
      'PORT',
    ];
    for (const name of forbidden) expect(writtenKeys(result)).not.toContain(name);
  });

  test('nothing is reported as different, invalid or overridden', () => {
    expect(result.differences).toEqual([]);
    expect(result.invalid).toEqual([]);
    expect(result.overridden).toEqual([]);
  });
});

describe('later start with CONFIG_SOURCE=db', () => {
  test('the stored value wins and an env value that differs is reported, not written', () => {
    const result = mergeStoredSettings(storedRows({ MAX_FAILURES: '5' }), { MAX_FAILURES: 9 }, 'db');
    expect(result.values.MAX_FAILURES).toBe(5);
    expect(result.differences).toEqual([{ name: 'MAX_FAILURES', env: '9', database: '5' }]);
    expect(result.writes).toEqual([]);
  });

  test('an env value equal to the stored one is not reported', () => {
    const result = mergeStoredSettings(storedRows({ TEST_MODEL: '"gemini-x"' }), { TEST_MODEL: 'gemini-x' }, 'db');
    expect(result.differences).toEqual([]);
    expect(result.writes).toEqual([]);
  });

  test('an object with the same entries in another order is not reported', () => {
    const stored = storedRows({ THINKING_BUDGET_MAP: '{"b": 2, "a": 1}' });
    const result = mergeStoredSettings(stored, { THINKING_BUDGET_MAP: { a: 1, b: 2 } }, 'db');
    expect(result.differences).toEqual([]);
    expect(result.writes).toEqual([]);
  });

  test('a BASE_URL saved by the original with a trailing slash matches the same URL in the env', () => {
    const stored = storedRows({ BASE_URL: 'https://relay.example.com/v1beta/' });
    const result = mergeStoredSettings(stored, { BASE_URL: 'https://relay.example.com/v1beta' }, 'db');
    expect(result.values.BASE_URL).toBe('https://relay.example.com/v1beta');
    expect(result.differences).toEqual([]);
  });

  test('a secret that differs is shown masked on both sides', () => {
    const envSecret = 'smms-env-secret-0123456789abcdef';
    const dbSecret = 'smms-db-secret-fedcba9876543210';
    const stored = storedRows({ SMMS_SECRET_TOKEN: JSON.stringify(dbSecret) });
    const [difference] = mergeStoredSettings(stored, { SMMS_SECRET_TOKEN: envSecret }, 'db').differences;
    expect(difference?.name).toBe('SMMS_SECRET_TOKEN');
    expect(difference?.env).not.toContain(envSecret);
    expect(difference?.database).not.toContain(dbSecret);
    expect(difference?.env).not.toContain('0123456');
    expect(difference?.database).not.toContain('fedcba9');
  });

  test('a setting added by an upgrade (no row yet) is written with the env value or the default', () => {
    const stored = storedRows();
    stored.delete('TTS_SPEED');
    stored.delete('TIME_OUT');
    const result = mergeStoredSettings(stored, { TTS_SPEED: 'fast' }, 'db');
    expect(result.writes.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: 'TIME_OUT', value: '300' },
      { key: 'TTS_SPEED', value: '"fast"' },
    ]);
    expect(result.values.TTS_SPEED).toBe('fast');
  });
});

describe('later start with CONFIG_SOURCE=env', () => {
  test('the env value wins, is written and is listed as overridden', () => {
    const result = mergeStoredSettings(storedRows({ MAX_FAILURES: '5' }), { MAX_FAILURES: 9 }, 'env');
    expect(result.values.MAX_FAILURES).toBe(9);
    expect(result.writes).toEqual([{ key: 'MAX_FAILURES', value: '9' }]);
    expect(result.overridden).toEqual(['MAX_FAILURES']);
    expect(result.differences).toEqual([]);
  });

  test('settings the environment does not give keep their stored value', () => {
    const result = mergeStoredSettings(storedRows({ TIME_OUT: '60' }), { MAX_FAILURES: 9 }, 'env');
    expect(result.values.TIME_OUT).toBe(60);
    expect(writtenKeys(result)).not.toContain('TIME_OUT');
  });
});

describe('a stored row that is not valid', () => {
  const stored = storedRows({ MAX_FAILURES: '"lots"' });

  test('is reported and kept, and the env value is used', () => {
    const result = mergeStoredSettings(stored, { MAX_FAILURES: 4 }, 'db');
    expect(result.invalid.map((i) => i.name)).toEqual(['MAX_FAILURES']);
    expect(writtenKeys(result)).not.toContain('MAX_FAILURES');
    expect(result.values.MAX_FAILURES).toBe(4);
  });

  test('is reported and kept, and the default is used when the env gives nothing', () => {
    const result = mergeStoredSettings(stored, {}, 'db');
    expect(result.invalid).toHaveLength(1);
    expect(result.invalid[0]?.reason).toContain('whole number');
    expect(result.writes).toEqual([]);
    expect(result.values.MAX_FAILURES).toBe(3);
  });
});

describe('decodeStored reads the original gemini-balance row formats', () => {
  test.each([
    ['a bool written as true', 'SHOW_SEARCH_LINK', 'true', true],
    ['a bool written as False', 'SHOW_SEARCH_LINK', 'False', false],
    ['a list written as comma text', 'SEARCH_MODELS', 'k1, k2', ['k1', 'k2']],
    ['a list written as JSON', 'SEARCH_MODELS', '["k1", "k2"]', ['k1', 'k2']],
    ['an int written as 3', 'MAX_FAILURES', '3', 3],
    ['a float written as 0.016', 'STREAM_MIN_DELAY', '0.016', 0.016],
    ['a budget map of Python floats', 'THINKING_BUDGET_MAP', '{"gemini-2.5-flash": 1024.0}', { 'gemini-2.5-flash': 1024 }],
    ['plain unquoted text', 'TIMEZONE', 'Asia/Shanghai', 'Asia/Shanghai'],
    ['a text that looks like a number', 'OSS_BUCKET_NAME', '12345', '12345'],
    ['a lower-case choice', 'LOG_LEVEL', 'warning', 'WARNING'],
  ] as const)('%s', (_what, name, text, value) => {
    expect(decodeStored(settingDef(name), text)).toEqual({ ok: true, value });
  });

  test('a value that fits neither format is refused with the reason', () => {
    const decoded = decodeStored(settingDef('MAX_FAILURES'), '"lots"');
    expect(decoded.ok).toBe(false);
  });

  test('a row written by this server reads back unchanged', () => {
    const defaults = defaultSettings();
    for (const name of namesIn('settings')) {
      expect(decodeStored(settingDef(name), encodeStored(defaults[name]))).toEqual({ ok: true, value: defaults[name] });
    }
  });
});
