/**
 * `bun scripts/reset-auth.ts [new-token]`: sets the dashboard password (AUTH_TOKEN) directly in
 * the database the server is configured for (same environment and .env as `bun server/main.ts`),
 * whether the server runs or not. Only the hash is stored, as the dashboard does; every dashboard
 * session ends (their signature covers the hash) and a running server applies it within 5 s
 * (server/sync/watch-database.ts). Without a token, a strong one is generated and printed.
 */
import { randomBytes } from 'node:crypto';
import { directAuthTokenRows } from '../server/settings/auth-token';
import { fail, firstLine, openConfiguredDatabase } from './lib/configured-database';
import { envAuthTokenNote } from './lib/env-auth-token-note';

const MIN_LENGTH = 8;

const args = process.argv.slice(2);
if (args.length > 1 || args[0] === '--help' || args[0] === '-h') {
  fail('Usage: bun scripts/reset-auth.ts [new-token]  (without a token, a strong one is generated and printed)');
}
const given = args[0];
if (given !== undefined && given.trim().length < MIN_LENGTH) {
  fail(`The new AUTH_TOKEN must be at least ${MIN_LENGTH} characters long (give none to have a strong one generated).`);
}
const token = given ?? randomBytes(24).toString('base64url');

const configured = await openConfiguredDatabase(['AUTH_TOKEN']);
const { repo } = configured;
try {
  const rows = directAuthTokenRows(token, configured.env.values.AUTH_TOKEN);
  // The lock a starting server holds while it reads and writes its settings.
  await repo.exclusive('gemini_balance_settings', () => repo.writeSettings(rows, Date.now()));
} catch (error) {
  fail(`Cannot write the new AUTH_TOKEN to the ${repo.dialect} database: ${firstLine(error)}`);
} finally {
  await repo.close();
}

const shown = given === undefined ? `New dashboard password (AUTH_TOKEN): ${token}` : 'AUTH_TOKEN set to the token you gave';
console.log(`${shown} — saved in the ${repo.dialect} database; every dashboard session has ended (a running server applies it within 5 s).`);
const note = envAuthTokenNote(configured);
if (note !== undefined) console.log(note);
