import type { Repository } from '../../db/repository';
import type { Logger } from '../log';
import { AUTH_TOKEN_ENV_HASH, AUTH_TOKEN_HASH, planAuthToken, SESSION_SECRET } from './auth-token';
import { type EnvDifference, mergeStoredSettings } from './merge-stored';
import type { Settings, StoredSettings } from './schema';
import { seedTables } from './seed-tables';

export interface LoadedSettings {
  readonly settings: StoredSettings;
  readonly authTokenHash: string;
  /** Signs dashboard session cookies (several instances on one database share it). */
  readonly sessionSecret: string;
  readonly firstStart: boolean;
  /** Env values that differ from the database, where the database won; shown in the dashboard. */
  readonly differences: EnvDifference[];
}

export interface LoadContext {
  readonly configSource: 'db' | 'env';
  readonly now: number;
  readonly log: Logger;
  readonly randomToken: () => string;
  /** Prints a line whatever LOG_LEVEL says (the generated dashboard password). */
  readonly announce: (line: string) => void;
}

/** A settings row that holds a JSON string (the dashboard password's hash), or undefined. */
export function storedString(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The settings lifecycle (DESIGN §4): the first start seeds the database from env and .env;
 * later starts read the database, and env values that differ are reported, not applied, unless
 * CONFIG_SOURCE=env. Tables are seeded before the settings rows are written, so a start that
 * dies half-way is simply a first start again.
 */
export function loadSettings(repo: Repository, env: Partial<Settings>, ctx: LoadContext): Promise<LoadedSettings> {
  // Two instances starting on one empty database must not both seed it (and print two passwords).
  return repo.exclusive('gemini_balance_settings', () => load(repo, env, ctx));
}

async function load(repo: Repository, env: Partial<Settings>, ctx: LoadContext): Promise<LoadedSettings> {
  const rows = await repo.readSettings();
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const firstStart = rows.length === 0;
  const merged = mergeStoredSettings(stored, env, ctx.configSource);
  const auth = planAuthToken({
    envToken: env.AUTH_TOKEN,
    envAllowedTokens: env.ALLOWED_TOKENS,
    storedHash: storedString(stored.get(AUTH_TOKEN_HASH)),
    storedEnvHash: storedString(stored.get(AUTH_TOKEN_ENV_HASH)),
    configSource: ctx.configSource,
    randomToken: ctx.randomToken,
  });
  const tables = await seedTables(repo, env, firstStart, ctx);
  const storedSecret = storedString(stored.get(SESSION_SECRET));
  const sessionSecret = storedSecret ?? `${ctx.randomToken()}${ctx.randomToken()}`;
  const secretWrite = storedSecret === undefined ? [{ key: SESSION_SECRET, value: JSON.stringify(sessionSecret) }] : [];
  await repo.writeSettings([...merged.writes, ...auth.writes, ...secretWrite], ctx.now);

  const differences = [...merged.differences, ...tables.differences];
  if (auth.envDiffers) differences.push({ name: 'AUTH_TOKEN', env: 'set', database: 'a different token (set in the dashboard)' });
  report(ctx.log, { firstStart, merged, counts: tables.counts, differences: [...merged.differences, ...tables.differences] });
  for (const [level, message] of auth.notices) (level === 'announce' ? ctx.announce : ctx.log[level])(message);
  return { settings: merged.values, authTokenHash: auth.hash, sessionSecret, firstStart, differences };
}

interface Report {
  firstStart: boolean;
  merged: ReturnType<typeof mergeStoredSettings>;
  counts: { keys: number; tokens: number };
  differences: EnvDifference[];
}

function report(log: Logger, { firstStart, merged, counts, differences }: Report) {
  if (firstStart) {
    log.info(
      `First start: saved ${merged.writes.length} settings, ${counts.keys} API keys and ${counts.tokens} access tokens ` +
        'from the environment and defaults to the database. From now on the database is the source of truth.',
    );
  }
  for (const d of differences) {
    log.warn(
      `${d.name}: the environment says ${d.env}, the database says ${d.database}; the database wins. ` +
        'Change it in the dashboard, or start once with CONFIG_SOURCE=env to make the environment win.',
    );
  }
  if (merged.overridden.length > 0) {
    log.info(`CONFIG_SOURCE=env: ${merged.overridden.join(', ')} taken from the environment and saved to the database.`);
  }
  for (const { name, reason } of merged.invalid) {
    log.warn(`${name} stored in the database is not valid (${reason}); the stored text is kept and the env/default value is used.`);
  }
}
