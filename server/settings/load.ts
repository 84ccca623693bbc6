import type { Repository } from '../../db/repository';
import type { Logger } from '../log';
import { AUTH_TOKEN_ENV_HASH, AUTH_TOKEN_HASH, planAuthToken } from './auth-token';
import { type EnvDifference, mergeStoredSettings } from './merge-stored';
import type { Settings, StoredSettings } from './schema';
import { type ListPlan, planList } from './sync-tables';

export interface LoadedSettings {
  readonly settings: StoredSettings;
  readonly authTokenHash: string;
  readonly firstStart: boolean;
  /** Env values that differ from the database, where the database won; shown in the dashboard. */
  readonly differences: EnvDifference[];
}

export interface LoadContext {
  readonly configSource: 'db' | 'env';
  readonly now: number;
  readonly log: Logger;
  readonly randomToken: () => string;
}

const KEY_LISTS = [
  ['API_KEYS', 'gemini'],
  ['VERTEX_API_KEYS', 'vertex'],
  ['PAID_KEY', 'paid'],
] as const;

function envList(env: Partial<Settings>, name: (typeof KEY_LISTS)[number][0]): readonly string[] | undefined {
  if (name === 'PAID_KEY') return env.PAID_KEY === undefined ? undefined : [env.PAID_KEY];
  return env[name];
}

function logOverride(ctx: LoadContext, name: string, plan: ListPlan) {
  if (ctx.configSource !== 'env' || (plan.insert.length === 0 && plan.remove.length === 0)) return;
  ctx.log.info(`CONFIG_SOURCE=env: ${name} from the environment: ${plan.insert.length} added, ${plan.remove.length} removed.`);
}

/** Seeds or reconciles api_keys and access_tokens with the env lists; returns the differences. */
async function syncTables(repo: Repository, env: Partial<Settings>, firstStart: boolean, ctx: LoadContext) {
  const differences: EnvDifference[] = [];
  const counts = { keys: 0, tokens: 0 };
  if (KEY_LISTS.some(([name]) => envList(env, name) !== undefined)) {
    const keys = await repo.listKeys();
    for (const [name, kind] of KEY_LISTS) {
      const stored = keys.filter((k) => k.kind === kind).map((k) => k.key);
      const plan = planList(name, envList(env, name), stored, firstStart, ctx.configSource, 'key');
      counts.keys += await repo.insertKeys(plan.insert.map((key) => ({ key, kind })), ctx.now);
      await repo.deleteKeys(plan.remove);
      logOverride(ctx, name, plan);
      if (plan.difference) differences.push(plan.difference);
    }
  }
  if (env.ALLOWED_TOKENS !== undefined) {
    const tokens = await repo.listTokens();
    const plan = planList('ALLOWED_TOKENS', env.ALLOWED_TOKENS, tokens.map((t) => t.token), firstStart, ctx.configSource, 'token');
    const fresh = plan.insert.map((token) => ({ token, label: 'ALLOWED_TOKENS', allowedModels: null, expiresAt: null, rpmLimit: null }));
    counts.tokens = await repo.insertTokens(fresh, ctx.now);
    const removed = new Set(plan.remove);
    await repo.deleteTokens(tokens.filter((t) => removed.has(t.token)).map((t) => t.id));
    logOverride(ctx, 'ALLOWED_TOKENS', plan);
    if (plan.difference) differences.push(plan.difference);
  }
  return { differences, counts };
}

function storedString(text: string | undefined): string | undefined {
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
export async function loadSettings(repo: Repository, env: Partial<Settings>, ctx: LoadContext): Promise<LoadedSettings> {
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
  const tables = await syncTables(repo, env, firstStart, ctx);
  await repo.writeSettings([...merged.writes, ...auth.writes], ctx.now);

  const differences = [...merged.differences, ...tables.differences];
  if (auth.envDiffers) differences.push({ name: 'AUTH_TOKEN', env: 'set', database: 'a different token (set in the dashboard)' });
  report(ctx.log, { firstStart, merged, counts: tables.counts, differences: [...merged.differences, ...tables.differences] });
  for (const [level, message] of auth.notices) ctx.log[level](message);
  return { settings: merged.values, authTokenHash: auth.hash, firstStart, differences };
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
