import type { ConfiguredDatabase } from './configured-database';

/** After a script set the dashboard password in the database: what an AUTH_TOKEN in the environment will do. */
export function envAuthTokenNote({ env, boot }: Pick<ConfiguredDatabase, 'env' | 'boot'>): string | undefined {
  if (env.values.AUTH_TOKEN === undefined) return undefined;
  return boot.CONFIG_SOURCE === 'env'
    ? "Note: AUTH_TOKEN is set in the environment and CONFIG_SOURCE=env, so the environment's AUTH_TOKEN wins again at the next start: remove it or set it to the new token."
    : 'Note: AUTH_TOKEN is also set in the environment; it wins again only if you change it there and restart.';
}
