import type { Deps } from '../deps';

/** A settings-table row (not a setting) that changes with every access-token change, so other instances reload theirs. */
export const TOKENS_CHANGED_AT = 'TOKENS_CHANGED_AT';

export async function markTokensChanged(deps: Pick<Deps, 'repo' | 'now'>): Promise<void> {
  const now = deps.now();
  await deps.repo.writeSettings([{ key: TOKENS_CHANGED_AT, value: JSON.stringify(`${now}-${Math.random().toString(36).slice(2, 8)}`) }], now);
}
