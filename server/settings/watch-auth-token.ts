import { reloadTokens } from '../admin/tokens/manage-tokens';
import type { Deps } from '../deps';
import { AUTH_TOKEN_HASH } from './auth-token';

function storedHash(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' && parsed !== '' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Picks up an AUTH_TOKEN changed in the database by another process (`bun scripts/reset-auth.ts`,
 * or another instance's dashboard): every `intervalMs` it reads the AUTH_TOKEN_HASH row and, when
 * it differs from the one in force, applies it (every session ends: their signature covers the
 * hash) and reloads the proxy's token registry. Returns the stop function, which waits for a
 * read in progress so the database can close after it.
 */
export function watchAuthToken(deps: Deps, intervalMs = 5_000): () => Promise<void> {
  let running: Promise<void> | undefined;
  const check = async () => {
    try {
      const hash = storedHash((await deps.repo.readSettings()).find((row) => row.key === AUTH_TOKEN_HASH)?.value);
      if (hash === undefined || hash === deps.settings.authTokenHash) return;
      deps.settings.authTokenHash = hash;
      await reloadTokens(deps);
      deps.log.warn('AUTH_TOKEN was changed in the database (reset-auth): it is in force now and every dashboard session has ended.');
    } catch (error) {
      deps.log.warn(`Cannot check the AUTH_TOKEN in the database: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  };
  const timer = setInterval(() => {
    running ??= check().finally(() => {
      running = undefined;
    });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
