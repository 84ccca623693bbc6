import type { Deps } from '../../deps';
import { AUTH_TOKEN_HASH, hashToken } from '../../settings/auth-token';
import { reloadTokens } from '../tokens/manage-tokens';

/**
 * A new AUTH_TOKEN from the dashboard: only its hash is stored. Every session ends (their
 * signatures cover the old hash) and the proxy accepts the new token as a client token at once.
 */
export async function changeAuthToken(deps: Deps, token: string): Promise<void> {
  const hash = hashToken(token);
  await deps.repo.writeSettings([{ key: AUTH_TOKEN_HASH, value: JSON.stringify(hash) }], deps.now());
  deps.settings.authTokenHash = hash;
  deps.settings.localChangeAt = deps.now();
  await reloadTokens(deps);
  deps.log.warn('AUTH_TOKEN changed from the dashboard: every dashboard session has ended.');
}
