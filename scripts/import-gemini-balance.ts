/**
 * `bun scripts/import-gemini-balance.ts <source> [--dry-run]`: moves an existing gemini-balance
 * set-up here. Reads its `t_settings` table (from its SQLite file or a mysql:// URL, read only)
 * and imports the settings, the API keys (API_KEYS, VERTEX_API_KEYS, PAID_KEY), the access tokens
 * (ALLOWED_TOKENS) and the dashboard password (AUTH_TOKEN) into the database this server is
 * configured for (same environment and .env as `bun server/main.ts`). Settings are replaced; keys
 * and tokens are added to those already here. It prints what it mapped and what it skipped, and
 * running it twice changes nothing more.
 */
import { sqlitePath } from '../db/connect';
import type { Bootstrap } from '../server/settings/schema';
import { directAuthTokenRows } from '../server/settings/auth-token';
import { sameValue } from '../server/settings/display';
import { encodeStored, mergeStoredSettings } from '../server/settings/merge-stored';
import { planImport } from './import/plan-import';
import { readSource, SourceError } from './import/read-source';
import { reportImport } from './import/report-import';
import { fail, firstLine, openConfiguredDatabase } from './lib/configured-database';
import { envAuthTokenNote } from './lib/env-auth-token-note';

const IMPORTED_TOKEN_LABEL = 'imported from gemini-balance';

const USAGE =
  'Usage: bun scripts/import-gemini-balance.ts <source> [--dry-run]\n' +
  "  <source>: gemini-balance's SQLite file (e.g. ../gemini-balance/data/default_db) or mysql://user:password@host:3306/database";

const targetName = (boot: Bootstrap) =>
  boot.DATABASE_TYPE === 'sqlite'
    ? `sqlite database ${sqlitePath(boot.SQLITE_DATABASE)}`
    : `mysql database ${boot.MYSQL_DATABASE} on ${boot.MYSQL_SOCKET || `${boot.MYSQL_HOST}:${boot.MYSQL_PORT}`}`;

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const rest = args.filter((a) => a !== '--dry-run');
const source = rest[0];
if (source === undefined || rest.length > 1 || source.startsWith('-')) fail(USAGE);

const read = await readSource(source).catch((error: unknown) => fail(error instanceof SourceError ? error.message : `Cannot read ${source}: ${firstLine(error)}`));
if (read.rows.length === 0) fail(`The t_settings table of the ${read.where} is empty: nothing to import.`);
const plan = planImport(read.rows);

const configured = await openConfiguredDatabase();
const { repo } = configured;
const target = await Promise.all([repo.readSettings(), repo.listKeys(), repo.listTokens()]).catch((error: unknown) =>
  fail(`Cannot read the ${repo.dialect} database: ${firstLine(error)}`),
);
const [rows, keysHere, tokensHere] = target;
const current = mergeStoredSettings(new Map(rows.map((r) => [r.key, r.value])), {}, 'db').values as Record<string, unknown>;
const changed = plan.settings.filter((s) => !sameValue(current[s.name], s.value));
// Unchanged values are written too where no row holds them yet, so the import pins them all.
const toWrite = plan.settings.filter((s) => changed.includes(s) || rows.every((r) => r.key !== s.name));
const storedKeys = new Set(keysHere.map((k) => k.key));
const newKeys = (['gemini', 'vertex', 'paid'] as const).flatMap((kind) => plan.keys[kind].filter((key) => !storedKeys.has(key)).map((key) => ({ key, kind })));
const storedTokens = new Set(tokensHere.map((t) => t.token));
const newTokens = plan.tokens.filter((token) => !storedTokens.has(token));

if (!dryRun) {
  const now = Date.now();
  const settingRows = toWrite.map((s) => ({ key: s.name, value: encodeStored(s.value) }));
  const authRows = plan.authToken === undefined ? [] : directAuthTokenRows(plan.authToken, configured.env.values.AUTH_TOKEN);
  const fresh = newTokens.map((token) => ({ token, label: IMPORTED_TOKEN_LABEL, allowedModels: null, expiresAt: null, rpmLimit: null }));
  // The lock a starting server holds while it reads and writes its settings.
  await repo
    .exclusive('gemini_balance_settings', async () => {
      await repo.insertKeys(newKeys, now);
      await repo.insertTokens(fresh, now);
      await repo.writeSettings([...settingRows, ...authRows], now);
    })
    .catch((error: unknown) => fail(`Cannot write to the ${repo.dialect} database (${firstLine(error)}). Nothing is lost: run the import again.`));
}
await repo.close();

console.log(reportImport({ plan, from: read.where, rowsRead: read.rows.length, into: targetName(configured.boot), changed, current, newKeys, newTokens, dryRun }));
const note = plan.authToken === undefined || dryRun ? undefined : envAuthTokenNote(configured);
if (note !== undefined) console.log(note);
