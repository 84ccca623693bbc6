/**
 * `bun scripts/import-gemini-balance.ts <source> [--dry-run]`: moves an existing gemini-balance
 * set-up here. Reads its `t_settings` table (from its SQLite file or a mysql:// URL, read only)
 * and imports the settings, the API keys (API_KEYS, VERTEX_API_KEYS, PAID_KEY), the access tokens
 * (ALLOWED_TOKENS) and the dashboard password (AUTH_TOKEN) into the database this server is
 * configured for (same environment and .env as `bun server/main.ts`). Settings are replaced; keys
 * and tokens are added to those already here. It prints what it mapped and what it skipped, and
 * running it twice changes nothing more. A dry run does not open the target database at all.
 */
import { directAuthTokenRows } from '../server/settings/auth-token';
import { encodeStored } from '../server/settings/merge-stored';
import { compareWithTarget, type TargetState } from './import/compare-target';
import { planImport } from './import/plan-import';
import { readSource, SourceError } from './import/read-source';
import { reportImport } from './import/report-import';
import { sameDatabase, targetName } from './import/target-name';
import { markTokensChanged } from '../server/sync/tokens-changed';
import { configuredBootstrap, fail, firstLine, openConfiguredDatabase } from './lib/configured-database';
import { envAuthTokenNote } from './lib/env-auth-token-note';

const IMPORTED_TOKEN_LABEL = 'imported from gemini-balance';

const USAGE =
  'Usage: bun scripts/import-gemini-balance.ts <source> [--dry-run]\n' +
  "  <source>: gemini-balance's SQLite file (e.g. ../gemini-balance/data/default_db) or mysql://user:password@host:3306/database";

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const rest = args.filter((a) => a !== '--dry-run');
const source = rest[0];
if (source === undefined || rest.length > 1 || source.startsWith('-')) fail(USAGE);

const { boot } = configuredBootstrap();
if (sameDatabase(source, boot)) {
  fail(`The source is the ${targetName(boot)}, the one this server is configured to use: it needs a database of its own. Set SQLITE_DATABASE (or MYSQL_DATABASE) to a new one and run the import again.`);
}
const read = await readSource(source).catch((error: unknown) => fail(error instanceof SourceError ? error.message : `Cannot read the source database: ${firstLine(error)}`));
if (read.rows.length === 0) fail(`The t_settings table of the ${read.where} is empty: nothing to import.`);
const plan = planImport(read.rows);

let target: TargetState = { settings: [], keys: [], tokens: [] };
const configured = dryRun ? undefined : await openConfiguredDatabase();
if (configured) {
  const { repo } = configured;
  const [settings, keys, tokens] = await Promise.all([repo.readSettings(), repo.listKeys(), repo.listTokens()]).catch((error: unknown) =>
    fail(`Cannot read the ${repo.dialect} database: ${firstLine(error)}`),
  );
  target = { settings, keys, tokens };
}
const changes = compareWithTarget(plan, target);

if (configured) {
  const { repo } = configured;
  const now = Date.now();
  const settingRows = changes.toWrite.map((s) => ({ key: s.name, value: encodeStored(s.value) }));
  const authRows = plan.authToken === undefined ? [] : directAuthTokenRows(plan.authToken, configured.env.values.AUTH_TOKEN);
  const fresh = changes.newTokens.map((token) => ({ token, label: IMPORTED_TOKEN_LABEL, allowedModels: null, expiresAt: null, rpmLimit: null }));
  // The lock a starting server holds while it reads and writes its settings.
  await repo
    .exclusive('gemini_balance_settings', async () => {
      await repo.insertKeys(changes.newKeys, now);
      if ((await repo.insertTokens(fresh, now)) > 0) await markTokensChanged({ repo, now: () => now });
      await repo.writeSettings([...settingRows, ...authRows], now);
    })
    .catch((error: unknown) => fail(`Cannot write to the ${repo.dialect} database (${firstLine(error)}). Nothing is lost: run the import again.`));
  await repo.close();
}

console.log(reportImport({ plan, changes, from: read.where, rowsRead: read.rows.length, into: targetName(boot), dryRun }));
const note = configured && plan.authToken !== undefined ? envAuthTokenNote(configured) : undefined;
if (note !== undefined) console.log(note);
