import { describe, expect, test } from 'bun:test';
import {
  AUTH_TOKEN_ENV_HASH,
  AUTH_TOKEN_HASH,
  type AuthInput,
  hashToken,
  planAuthToken,
} from '../../server/settings/auth-token';

const ENV_TOKEN = 'env-admin-token-0123456789';
const OLD_ENV_TOKEN = 'old-env-admin-token-9876543210';
const DASHBOARD_TOKEN = 'dashboard-token-abcdefghij';

const noRandom = () => {
  throw new Error('randomToken must not be called');
};

function plan(input: Partial<AuthInput>) {
  return planAuthToken({
    envToken: undefined,
    envAllowedTokens: undefined,
    storedHash: undefined,
    storedEnvHash: undefined,
    configSource: 'db',
    randomToken: noRandom,
    ...input,
  });
}

/** The rows a plan writes, with their JSON text decoded. */
const rows = (writes: readonly { key: string; value: string }[]) =>
  Object.fromEntries(writes.map((w) => [w.key, JSON.parse(w.value) as unknown]));

describe('which admin token is in force', () => {
  test('first start with AUTH_TOKEN: its hash is used and saved with the env hash', () => {
    const result = plan({ envToken: ENV_TOKEN });
    expect(result.hash).toBe(hashToken(ENV_TOKEN));
    expect(rows(result.writes)).toEqual({
      [AUTH_TOKEN_HASH]: hashToken(ENV_TOKEN),
      [AUTH_TOKEN_ENV_HASH]: hashToken(ENV_TOKEN),
    });
    expect(result.envDiffers).toBe(false);
    expect(result.notices).toEqual([]);
  });

  test('a password changed in the dashboard survives a restart with the same AUTH_TOKEN', () => {
    const result = plan({
      envToken: ENV_TOKEN,
      storedHash: hashToken(DASHBOARD_TOKEN),
      storedEnvHash: hashToken(ENV_TOKEN),
    });
    expect(result.hash).toBe(hashToken(DASHBOARD_TOKEN));
    expect(result.envDiffers).toBe(true);
    expect(result.writes).toEqual([]);
    expect(result.notices).toHaveLength(1);
    const [level, message] = result.notices[0] ?? ['info', ''];
    expect(level).toBe('warn');
    expect(message).toContain('CONFIG_SOURCE=env');
  });

  test('an AUTH_TOKEN changed in the environment since the last start wins and is saved', () => {
    const result = plan({
      envToken: ENV_TOKEN,
      storedHash: hashToken(DASHBOARD_TOKEN),
      storedEnvHash: hashToken(OLD_ENV_TOKEN),
    });
    expect(result.hash).toBe(hashToken(ENV_TOKEN));
    expect(result.envDiffers).toBe(false);
    expect(rows(result.writes)).toEqual({
      [AUTH_TOKEN_HASH]: hashToken(ENV_TOKEN),
      [AUTH_TOKEN_ENV_HASH]: hashToken(ENV_TOKEN),
    });
    expect(result.notices.map(([level]) => level)).toEqual(['info']);
  });

  test('CONFIG_SOURCE=env makes AUTH_TOKEN win over the dashboard password', () => {
    const result = plan({
      envToken: ENV_TOKEN,
      storedHash: hashToken(DASHBOARD_TOKEN),
      storedEnvHash: hashToken(ENV_TOKEN),
      configSource: 'env',
    });
    expect(result.hash).toBe(hashToken(ENV_TOKEN));
    expect(result.envDiffers).toBe(false);
    expect(rows(result.writes)[AUTH_TOKEN_HASH]).toBe(hashToken(ENV_TOKEN));
  });

  test('without AUTH_TOKEN the saved password is used and the remembered env hash is cleared', () => {
    const result = plan({ storedHash: hashToken(DASHBOARD_TOKEN), storedEnvHash: hashToken(OLD_ENV_TOKEN) });
    expect(result.hash).toBe(hashToken(DASHBOARD_TOKEN));
    expect(result.writes).toEqual([{ key: AUTH_TOKEN_ENV_HASH, value: '""' }]);
    expect(result.notices).toEqual([]);
  });

  test('without AUTH_TOKEN and an already cleared env hash nothing is written', () => {
    const result = plan({ storedHash: hashToken(DASHBOARD_TOKEN), storedEnvHash: '' });
    expect(result.hash).toBe(hashToken(DASHBOARD_TOKEN));
    expect(result.writes).toEqual([]);
  });

  test('after AUTH_TOKEN was removed, setting it again counts as a change and wins', () => {
    const result = plan({ envToken: ENV_TOKEN, storedHash: hashToken(DASHBOARD_TOKEN), storedEnvHash: '' });
    expect(result.hash).toBe(hashToken(ENV_TOKEN));
  });

  test('with no AUTH_TOKEN anywhere the first ALLOWED_TOKENS entry is the password, with a warning', () => {
    const result = plan({ envAllowedTokens: ['sk-first-token', 'sk-second-token'] });
    expect(result.hash).toBe(hashToken('sk-first-token'));
    expect(rows(result.writes)[AUTH_TOKEN_HASH]).toBe(hashToken('sk-first-token'));
    expect(result.notices.map(([level]) => level)).toEqual(['warn']);
    expect(result.notices[0]?.[1]).not.toContain('sk-first-token');
  });

  test('with no token at all one is generated, saved as a hash and shown once in the notice', () => {
    const generated = 'generated-token-XYZ123456789';
    const result = plan({ envAllowedTokens: [], randomToken: () => generated });
    expect(result.hash).toBe(hashToken(generated));
    expect(rows(result.writes)).toEqual({ [AUTH_TOKEN_HASH]: hashToken(generated), [AUTH_TOKEN_ENV_HASH]: '' });
    expect(result.notices).toHaveLength(1);
    // Shown whatever LOG_LEVEL says: a password nobody saw would lock the owner out.
    expect(result.notices[0]?.[0]).toBe('announce');
    expect(result.notices[0]?.[1]).toContain(generated);
    expect(JSON.stringify(result.writes)).not.toContain(generated);
  });
});

describe('hashToken', () => {
  test('the same token always gives the same hash, and different tokens different hashes', () => {
    expect(hashToken(ENV_TOKEN)).toBe(hashToken(ENV_TOKEN));
    expect(hashToken(ENV_TOKEN)).not.toBe(hashToken(DASHBOARD_TOKEN));
  });

  test('the hash is a labelled SHA-256 that never contains the token', () => {
    const hash = hashToken(ENV_TOKEN);
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(hash).not.toContain(ENV_TOKEN);
  });
});
