import type { Repository } from '../../db/repository';
import type { LoadContext } from './load';
import type { EnvDifference } from './merge-stored';
import type { Settings } from './schema';
import { markTokensChanged } from '../sync/tokens-changed';
import { type ListPlan, planList } from './sync-tables';

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

const LIST_OF = { gemini: 'API_KEYS', vertex: 'VERTEX_API_KEYS', paid: 'PAID_KEY' } as Readonly<Record<string, string>>;

/**
 * A key is stored under one kind (the first list that names it, API_KEYS first). gemini-balance
 * let PAID_KEY or a Vertex key also be in API_KEYS; here such a key serves its first kind only,
 * which must be said, or images and /vertex-express answer "no key" with the key in plain sight.
 */
function warnOtherKind(ctx: LoadContext, name: string, clashing: readonly string[], kindOf: ReadonlyMap<string, string>) {
  if (clashing.length === 0) return;
  const other = LIST_OF[kindOf.get(clashing[0] ?? '') ?? ''] ?? 'another list';
  ctx.log.warn(
    `${name}: ${clashing.length} key${clashing.length === 1 ? ' is' : 's are'} also in ${other} and stay${clashing.length === 1 ? 's' : ''} there only (a key has one kind here). ` +
      `Give ${name} keys of its own, or remove them from ${other} and restart with CONFIG_SOURCE=env.`,
  );
}

/** Seeds or reconciles api_keys and access_tokens with the env lists; returns the differences. */
export async function seedTables(repo: Repository, env: Partial<Settings>, firstStart: boolean, ctx: LoadContext) {
  const differences: EnvDifference[] = [];
  const counts = { keys: 0, tokens: 0 };
  if (KEY_LISTS.some(([name]) => envList(env, name) !== undefined)) {
    const keys = await repo.listKeys();
    const plans = KEY_LISTS.map(([name, kind]) => {
      const stored = keys.filter((k) => k.kind === kind).map((k) => k.key);
      return { name, kind, plan: planList(name, envList(env, name), stored, firstStart, ctx.configSource, 'key') };
    });
    // Removals first: a key moving from one list to another (PAID_KEY → API_KEYS) must not be
    // deleted by the list it left after the list it joined has (not) added it.
    for (const { plan } of plans) await repo.deleteKeys(plan.remove);
    const removed = new Set(plans.flatMap(({ plan }) => plan.remove));
    const kindOf = new Map(keys.filter((k) => !removed.has(k.key)).map((k) => [k.key, k.kind]));
    for (const { name, kind, plan } of plans) {
      warnOtherKind(ctx, name, plan.insert.filter((key) => (kindOf.get(key) ?? kind) !== kind), kindOf);
      for (const key of plan.insert) if (!kindOf.has(key)) kindOf.set(key, kind);
      counts.keys += await repo.insertKeys(plan.insert.map((key) => ({ key, kind })), ctx.now);
      logOverride(ctx, name, plan);
      if (plan.difference) differences.push(plan.difference);
    }
  }
  if (env.ALLOWED_TOKENS !== undefined) {
    // Only the tokens ALLOWED_TOKENS made: ones created in the dashboard are not the environment's to remove.
    const tokens = (await repo.listTokens()).filter((t) => t.label === 'ALLOWED_TOKENS');
    const plan = planList('ALLOWED_TOKENS', env.ALLOWED_TOKENS, tokens.map((t) => t.token), firstStart, ctx.configSource, 'token');
    const fresh = plan.insert.map((token) => ({ token, label: 'ALLOWED_TOKENS', allowedModels: null, expiresAt: null, rpmLimit: null }));
    counts.tokens = await repo.insertTokens(fresh, ctx.now);
    const removed = new Set(plan.remove);
    const deleted = await repo.deleteTokens(tokens.filter((t) => removed.has(t.token)).map((t) => t.id));
    // Running instances on the same database reload their tokens (server/sync/watch-database.ts).
    if (counts.tokens > 0 || deleted > 0) await markTokensChanged({ repo, now: () => ctx.now });
    logOverride(ctx, 'ALLOWED_TOKENS', plan);
    if (plan.difference) differences.push(plan.difference);
  }
  return { differences, counts };
}

