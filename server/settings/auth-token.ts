/** Rows of the `settings` table that are not settings. */
export const AUTH_TOKEN_HASH = 'AUTH_TOKEN_HASH';
/** Hash of the AUTH_TOKEN the environment gave at the last start ('' when none). */
export const AUTH_TOKEN_ENV_HASH = 'AUTH_TOKEN_ENV_HASH';
/** The key that signs dashboard session cookies: random, made at the first start, kept in the database. */
export const SESSION_SECRET = 'SESSION_SECRET';

/**
 * SHA-256, unsalted: the admin token is also a client token checked on every proxy request, so
 * the check must be one fast hash and a constant-time compare, and tokens are long random strings
 * rather than passwords.
 */
export const hashToken = (token: string) => `sha256:${Bun.SHA256.hash(token, 'hex')}`;

export interface AuthInput {
  readonly envToken: string | undefined;
  readonly envAllowedTokens: readonly string[] | undefined;
  readonly storedHash: string | undefined;
  readonly storedEnvHash: string | undefined;
  readonly configSource: 'db' | 'env';
  readonly randomToken: () => string;
}

export interface AuthPlan {
  readonly hash: string;
  readonly writes: { key: string; value: string }[];
  /** Lines to log once at start; 'announce' is shown whatever LOG_LEVEL says (a generated password). */
  readonly notices: ['info' | 'warn' | 'announce', string][];
  readonly envDiffers: boolean;
}

/**
 * Which admin token is in force. The database keeps the token set from the dashboard, but an
 * AUTH_TOKEN changed in the environment since the last start wins: a user who edits it in a
 * hosting panel and restarts must be able to log in (gemini-balance locked them out, FAQ 2).
 */
export function planAuthToken(input: AuthInput): AuthPlan {
  const { envToken, storedHash, storedEnvHash } = input;
  const envHash = envToken === undefined ? '' : hashToken(envToken);
  const rows = (hash: string) => [
    { key: AUTH_TOKEN_HASH, value: JSON.stringify(hash) },
    { key: AUTH_TOKEN_ENV_HASH, value: JSON.stringify(envHash) },
  ];
  if (envToken !== undefined) {
    const changedInEnv = storedEnvHash !== envHash;
    if (storedHash === undefined || storedHash === envHash || changedInEnv || input.configSource === 'env') {
      const notices: AuthPlan['notices'] =
        storedHash !== undefined && storedHash !== envHash
          ? [['info', 'AUTH_TOKEN from the environment is new since the last start: it is now the dashboard password.']]
          : [];
      return { hash: envHash, writes: rows(envHash), notices, envDiffers: false };
    }
    return {
      hash: storedHash,
      writes: [],
      envDiffers: true,
      notices: [
        [
          'warn',
          'AUTH_TOKEN in the environment differs from the dashboard password saved in the database; the database wins ' +
            '(it was changed in the dashboard). Log in with that one, or start once with CONFIG_SOURCE=env to use the environment\'s.',
        ],
      ],
    };
  }
  if (storedHash !== undefined) {
    // Remember that the environment gives no token now, so setting one later counts as a change.
    const writes = storedEnvHash === '' ? [] : [{ key: AUTH_TOKEN_ENV_HASH, value: JSON.stringify('') }];
    return { hash: storedHash, writes, notices: [], envDiffers: false };
  }
  return fallbackToken(input, rows);
}

function fallbackToken(input: AuthInput, rows: (hash: string) => { key: string; value: string }[]): AuthPlan {
  const first = input.envAllowedTokens?.[0];
  if (first !== undefined) {
    const hash = hashToken(first);
    const message =
      'AUTH_TOKEN is not set: the first ALLOWED_TOKENS entry is the dashboard password. Set AUTH_TOKEN to choose your own.';
    return { hash, writes: rows(hash), notices: [['warn', message]], envDiffers: false };
  }
  const token = input.randomToken();
  const hash = hashToken(token);
  const message =
    `AUTH_TOKEN is not set, so one was generated. Dashboard password: ${token} — shown only this once; ` +
    'change it in the dashboard or set AUTH_TOKEN.';
  return { hash, writes: rows(hash), notices: [['announce', message]], envDiffers: false };
}

/**
 * The rows that make `token` the dashboard password from outside the server (reset-auth, import).
 * AUTH_TOKEN_ENV_HASH is set to the current environment's token, so an unchanged AUTH_TOKEN in the
 * environment does not count as "changed" at the next start and does not undo this.
 */
export const directAuthTokenRows = (token: string, envToken: string | undefined) => [
  { key: AUTH_TOKEN_HASH, value: JSON.stringify(hashToken(token)) },
  { key: AUTH_TOKEN_ENV_HASH, value: JSON.stringify(envToken === undefined ? '' : hashToken(envToken)) },
];
