/**
 * `bun scripts/export-env.ts [path] [--force]` (default `./.env.export`): database-to-env
 * recovery. Writes every setting of the `settings` table, every API key by kind (API_KEYS,
 * VERTEX_API_KEYS, PAID_KEY) and the access tokens (ALLOWED_TOKENS) of the database the server is
 * configured for (same environment and .env as `bun server/main.ts`) into a .env file the server
 * accepts: starting on an empty database with it as `.env` gives the same settings, keys and
 * tokens. The file holds secrets: it is created with mode 600, and an existing file is only
 * replaced with --force. AUTH_TOKEN cannot be exported (only its hash is stored).
 */
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'dotenv';
import { parseEnv } from '../server/settings/from-env';
import { mergeStoredSettings } from '../server/settings/merge-stored';
import { bootstrapNames, namesIn, settingDef, type Settings } from '../server/settings/schema';
import { fail, firstLine, openConfiguredDatabase } from './lib/configured-database';

/** .env quoting that dotenv reads back exactly: single quotes (literal), else backticks, else double quotes. */
function quoteEnv(value: string): string | undefined {
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('`')) return `\`${value}\``;
  if (!value.includes('"') && !value.includes('\\')) return `"${value}"`;
  return undefined;
}

/** The env text the server's parser turns back into `value`: JSON for lists and objects, plain otherwise. */
const envText = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value));

const args = process.argv.slice(2);
const force = args.includes('--force');
const rest = args.filter((a) => a !== '--force');
if (rest.length > 1 || rest.some((a) => a.startsWith('-'))) fail('Usage: bun scripts/export-env.ts [path] [--force]  (default path ./.env.export)');
const path = resolve(rest[0] ?? '.env.export');
if (existsSync(path) && !force) fail(`${path} exists: not overwritten (add --force to replace it).`);

const { repo, env } = await openConfiguredDatabase();
const read = await Promise.all([repo.readSettings(), repo.listKeys(), repo.listTokens()]).catch((error: unknown) =>
  fail(`Cannot read the ${repo.dialect} database: ${firstLine(error)}`),
);
await repo.close();
const [rows, keys, tokens] = read;
if (rows.length === 0) fail(`The ${repo.dialect} database has no settings yet (the server never started on it): nothing to export.`);

// The stored rows read exactly as the server reads them (an invalid row falls back to the default, as at start).
const merged = mergeStoredSettings(new Map(rows.map((r) => [r.key, r.value])), {}, 'db');
const now = Date.now();
const keysOf = (kind: string) => keys.filter((k) => k.kind === kind).map((k) => k.key);
const paid = keysOf('paid');
const live = tokens.filter((t) => t.expiresAt === null || t.expiresAt > now);

const lines: string[] = [
  `# Exported from the ${repo.dialect} database by scripts/export-env.ts on ${new Date(now).toISOString()}.`,
  '# Start a server on an empty database with this file as .env to get these settings, keys and tokens back.',
  '# It holds secrets (keys, tokens, passwords): keep it private (mode 600).',
  '#',
  '# AUTH_TOKEN (the dashboard password) cannot be exported: the database keeps only its hash.',
  '# Set it here before starting, e.g. AUTH_TOKEN=your-password (or later: bun scripts/reset-auth.ts).',
  '# Without it, the first ALLOWED_TOKENS entry is the dashboard password (or one is generated and printed).',
];
const bootGiven = bootstrapNames.filter((n) => env.values[n] !== undefined && !settingDef(n).secret);
if (bootGiven.length > 0) {
  lines.push('#', '# Database and listening settings are env only; the exporting environment had:');
  for (const n of bootGiven) lines.push(`# ${n}=${envText(env.values[n])}`);
}
for (const { name, reason } of merged.invalid) lines.push(`# ${name}: the stored value is not valid (${reason}); the default is written.`);

const entries: [string, unknown][] = [];
for (const name of namesIn('settings')) entries.push([name, (merged.values as Record<string, unknown>)[name]]);
entries.push(['API_KEYS', keysOf('gemini')], ['VERTEX_API_KEYS', keysOf('vertex')]);
if (paid[0] !== undefined) entries.push(['PAID_KEY', paid[0]]);
entries.push(['ALLOWED_TOKENS', live.map((t) => t.token)]);

const unwritable: string[] = [];
lines.push('');
for (const [name, value] of entries) {
  const text = envText(value);
  if (text === '') {
    // An empty value means "not set" to the server: the default applies.
    const fallback = settingDef(name as keyof Settings).default;
    if (fallback !== '') lines.push(`# ${name} is empty in the database, which cannot be written here (an empty value means the default, ${JSON.stringify(fallback)}).`);
    lines.push(`${name}=`);
    continue;
  }
  const quoted = quoteEnv(text);
  if (quoted === undefined) unwritable.push(name);
  else lines.push(`${name}=${quoted}`);
}
if (unwritable.length > 0) fail(`Cannot write ${unwritable.join(', ')} in a .env file (the value holds every kind of quote); nothing written.`);

const notes: string[] = [];
if (paid.length > 1) notes.push(`only the first of ${paid.length} paid keys is written (PAID_KEY holds one)`);
if (live.length < tokens.length) notes.push(`${tokens.length - live.length} expired access tokens left out`);
if (live.some((t) => t.label !== 'ALLOWED_TOKENS' || t.allowedModels !== null || t.expiresAt !== null || t.rpmLimit !== null)) {
  notes.push('access token labels, model limits, expiry dates and rpm limits are not kept (ALLOWED_TOKENS holds the tokens only)');
}
if (keys.some((k) => k.status === 'disabled')) notes.push('disabled keys are written as plain keys (they start enabled)');
if (notes.length > 0) lines.push('', ...notes.map((n) => `# Note: ${n}.`));
const text = `${lines.join('\n')}\n`;

// Check that the server reads the file back to exactly these values before writing it.
const back = parseEnv(parse(text));
const differ = entries.filter(([name, value]) => envText(value) !== '' && !isDeepStrictEqual((back.values as Record<string, unknown>)[name], value)).map(([n]) => n);
if (back.errors.length > 0 || differ.length > 0) fail(`The export would not read back the same (${[...back.errors, ...differ].join('; ')}); nothing written.`);

try {
  if (existsSync(path)) chmodSync(path, 0o600);
  writeFileSync(path, text, { mode: 0o600, flag: force ? 'w' : 'wx' });
  chmodSync(path, 0o600);
} catch (error) {
  fail(`Cannot write ${path}: ${firstLine(error)}`);
}
const count = (list: readonly unknown[], what: string) => `${list.length} ${what}`;
console.log(
  `Wrote ${path} (mode 600): ${count(namesIn('settings'), 'settings')}, ${count(keysOf('gemini'), 'API keys')}, ${count(keysOf('vertex'), 'Vertex keys')}, ` +
    `${paid.length > 0 ? 'a' : 'no'} paid key, ${count(live, 'access tokens')}. AUTH_TOKEN is not in it (only its hash is stored): set it in the file before starting from it.`,
);
for (const n of notes) console.log(`Note: ${n}.`);
