import type { EnvDifference } from './merge-stored';

export interface ListPlan {
  readonly insert: string[];
  readonly remove: string[];
  readonly difference?: EnvDifference;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * How an env list (API_KEYS, VERTEX_API_KEYS, PAID_KEY, ALLOWED_TOKENS) meets the rows already
 * stored. First start: the env seeds the table. Later starts: the table wins and a difference is
 * reported, unless CONFIG_SOURCE=env, which makes the table equal to the env list.
 */
export function planList(
  name: string,
  fromEnv: readonly string[] | undefined,
  stored: readonly string[],
  firstStart: boolean,
  configSource: 'db' | 'env',
  noun: string,
): ListPlan {
  if (fromEnv === undefined) return { insert: [], remove: [] };
  const wanted = [...new Set(fromEnv)];
  const have = new Set(stored);
  const missing = wanted.filter((item) => !have.has(item));
  if (firstStart) return { insert: missing, remove: [] };
  const wantedSet = new Set(wanted);
  const extra = stored.filter((item) => !wantedSet.has(item));
  if (missing.length === 0 && extra.length === 0) return { insert: [], remove: [] };
  if (configSource === 'env') return { insert: missing, remove: extra };
  return {
    insert: [],
    remove: [],
    difference: {
      name,
      env: `${plural(wanted.length, noun)} (${missing.length} not in the database)`,
      database: `${plural(stored.length, noun)} (${extra.length} not in the environment)`,
    },
  };
}
