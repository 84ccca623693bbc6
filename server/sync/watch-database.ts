import { reloadTokens } from '../admin/tokens/manage-tokens';
import type { Deps } from '../deps';
import type { KeyKind } from '../keypool/machine';
import { AUTH_TOKEN_HASH } from '../settings/auth-token';
import { sameValue } from '../settings/display';
import { storedString } from '../settings/load';
import { mergeStoredSettings } from '../settings/merge-stored';
import type { StoredSettings } from '../settings/schema';
import { TOKENS_CHANGED_AT } from './tokens-changed';

/** AUTH_TOKEN changed in the database (reset-auth, another instance): in force now, every session ended. */
async function syncAuthToken(deps: Deps, rows: ReadonlyMap<string, string>) {
  const hash = storedString(rows.get(AUTH_TOKEN_HASH));
  if (!hash || hash === deps.settings.authTokenHash) return;
  deps.settings.authTokenHash = hash;
  await reloadTokens(deps);
  deps.log.warn('AUTH_TOKEN was changed in the database (reset-auth or another instance): it is in force now and every dashboard session has ended.');
}

/**
 * Settings saved by another instance's dashboard: applied here too (the same way a save is). A
 * row that does not validate is left out (at start it fell back to the env value, which stays).
 */
function syncSettings(deps: Deps, rows: ReadonlyMap<string, string>) {
  const merged = mergeStoredSettings(rows, {}, 'db');
  const invalid = new Set(merged.invalid.map((i) => i.name));
  const stored = merged.values as Record<string, unknown>;
  const current = deps.settings.current as Record<string, unknown>;
  const changed = Object.keys(stored).filter((name) => rows.has(name) && !invalid.has(name) && !sameValue(stored[name], current[name]));
  if (changed.length === 0) return;
  deps.settings.current = { ...deps.settings.current, ...Object.fromEntries(changed.map((n) => [n, stored[n]])) } as StoredSettings;
  if (changed.includes('LOG_LEVEL')) deps.log.setLevel(deps.settings.current.LOG_LEVEL);
  deps.log.info(`Settings changed in the database (another instance): ${changed.join(', ')} applied.`);
}

/**
 * Several instances on one database (MySQL): every `intervalMs` this one looks at what the others
 * may have changed — the dashboard password, settings, access tokens and (on MySQL) the keys and
 * their states — and applies it. Cheap stamps first (sync-stamps.ts): rows are read only when
 * something changed. Returns the stop function, which waits for a read in progress.
 */
export function watchDatabase(deps: Deps, intervalMs = deps.repo.dialect === 'mysql' ? 3_000 : 5_000): () => Promise<void> {
  let running: Promise<void> | undefined;
  const seen = { settings: '', keys: '', tokens: undefined as string | undefined };
  let failing = false;

  const settingsTick = async () => {
    const stamp = await deps.repo.settingsStamp();
    if (stamp === seen.settings) return;
    const readAt = deps.now();
    const rows = new Map((await deps.repo.readSettings()).map((r) => [r.key, r.value]));
    // Saved here while the read was under way: the read may be older than this instance's state.
    if ((deps.settings.localChangeAt ?? -Infinity) >= readAt) return;
    seen.settings = stamp;
    await syncAuthToken(deps, rows);
    syncSettings(deps, rows);
    deps.revokedSessions.adopt(rows);
    const mark = rows.get(TOKENS_CHANGED_AT) ?? '';
    if (mark !== seen.tokens) await reloadTokens(deps);
    seen.tokens = mark;
  };
  const keysTick = async () => {
    const stamp = await deps.repo.keysStamp();
    if (stamp === seen.keys) return;
    const readAt = deps.now();
    const rows = await deps.repo.listKeys();
    for (const kind of Object.keys(deps.pools) as KeyKind[]) deps.pools[kind].mergeStored(rows.filter((r) => r.kind === kind), readAt);
    seen.keys = stamp;
  };
  const check = async () => {
    try {
      await settingsTick();
      if (deps.repo.dialect === 'mysql') await keysTick();
      if (failing) deps.log.info('The shared state can be read from the database again.');
      failing = false;
    } catch (error) {
      // Once per outage, not every few seconds.
      if (!failing) deps.log.warn(`Cannot read the shared state from the database: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      failing = true;
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
