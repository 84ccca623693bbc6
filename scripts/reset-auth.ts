/**
 * `bun scripts/reset-auth.ts [new-token]`: sets the dashboard password (AUTH_TOKEN) directly in
 * the database the server is configured for (same environment and .env as `bun server/main.ts`),
 * whether the server runs or not. Only the hash is stored, as the dashboard does; every dashboard
 * session ends (their signature covers the hash) and a running server applies it within 5 s
 * (server/settings/watch-auth-token.ts). Without a token, a strong one is generated and printed.
 */
import { randomBytes } from 'node:crypto';
import { connectDatabase } from '../db/connect';
import { DatabaseStartError } from '../db/start-error';
import { AUTH_TOKEN_ENV_HASH, AUTH_TOKEN_HASH, hashToken } from '../server/settings/auth-token';
import { readEnvironment } from '../server/settings/env-source';
import { bootstrapFrom, parseEnv } from '../server/settings/from-env';
import { bootstrapNames } from '../server/settings/schema';

const MIN_LENGTH = 8;

function fail(line: string): never {
  console.error(line);
  process.exit(1);
}

const args = process.argv.slice(2);
if (args.length > 1 || args[0] === '--help' || args[0] === '-h') {
  fail('Usage: bun scripts/reset-auth.ts [new-token]  (without a token, a strong one is generated and printed)');
}
const given = args[0];
if (given !== undefined && given.trim().length < MIN_LENGTH) {
  fail(`The new AUTH_TOKEN must be at least ${MIN_LENGTH} characters long (give none to have a strong one generated).`);
}
const token = given ?? randomBytes(24).toString('base64url');

const env = parseEnv(readEnvironment(process.env, process.cwd()));
// Only what locates the database (and AUTH_TOKEN) matters here: a bad unrelated setting must not
// stand between a locked-out user and the reset.
const needed = new Set<string>([...bootstrapNames, 'AUTH_TOKEN']);
const errors = env.errors.filter((line) => needed.has(/^Invalid ([A-Z0-9_]+)=/.exec(line)?.[1] ?? ''));
if (errors.length > 0) fail(errors[0] ?? 'Invalid environment');
const boot = bootstrapFrom(env.values);

const repo = await connectDatabase(boot, { onRetry: (message) => console.error(message) }).catch((error: unknown) =>
  fail(error instanceof DatabaseStartError ? error.message : `Cannot open the ${boot.DATABASE_TYPE} database: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`),
);
const envToken = env.values.AUTH_TOKEN;
try {
  // AUTH_TOKEN_ENV_HASH is set to the current environment's token, so an unchanged AUTH_TOKEN in
  // the environment does not count as "changed" at the next start and does not undo this reset.
  const rows = [
    { key: AUTH_TOKEN_HASH, value: JSON.stringify(hashToken(token)) },
    { key: AUTH_TOKEN_ENV_HASH, value: JSON.stringify(envToken === undefined ? '' : hashToken(envToken)) },
  ];
  // The lock a starting server holds while it reads and writes its settings.
  await repo.exclusive('gemini_balance_settings', () => repo.writeSettings(rows, Date.now()));
} catch (error) {
  fail(`Cannot write the new AUTH_TOKEN to the ${repo.dialect} database: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
} finally {
  await repo.close();
}

const shown = given === undefined ? `New dashboard password (AUTH_TOKEN): ${token}` : 'AUTH_TOKEN set to the token you gave';
console.log(`${shown} — saved in the ${repo.dialect} database; every dashboard session has ended (a running server applies it within 5 s).`);
if (envToken !== undefined) {
  console.log(
    boot.CONFIG_SOURCE === 'env'
      ? 'Note: AUTH_TOKEN is set in the environment and CONFIG_SOURCE=env, so the environment\'s AUTH_TOKEN wins again at the next start: remove it or set it to the new token.'
      : 'Note: AUTH_TOKEN is also set in the environment; it wins again only if you change it there and restart.',
  );
}
