import type { SettingRow } from '../../db/schema';
import { reloadTokens } from '../admin/tokens/manage-tokens';
import type { Deps } from '../deps';
import type { KeyKind } from '../keypool/machine';
import { AUTH_TOKEN_HASH } from '../settings/auth-token';
import { sameValue } from '../settings/display';
import { mergeStoredSettings } from '../settings/merge-stored';
import type { StoredSettings } from '../settings/schema';
import { TOKENS_CHANGED_AT } from './tokens-changed';

function storedString(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' && parsed !== '' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** AUTH_TOKEN changed in the database (reset-auth, another instance): in force now, every session ended. */
async function syncAuthToken(deps: Deps, rows: ReadonlyMap<string, string>) {
  const hash = storedString(rows.get(AUTH_TOKEN_HASH));
  if (hash === undefined || hash === deps.settings.authTokenHash) return;
  deps.settings.authTokenHash = hash;
  await reloadTokens(deps);
  deps.log.warn('AUTH_TOKEN was changed in the database (reset-auth or another instance): it is in force now and every dashboard session has ended.');
}

/** Settings saved by another instance's dashboard: applied here too (the same way a save is). */
function syncSettings(deps: Deps, rows: ReadonlyMap<string, string>) {
  const stored = mergeStoredSettings(rows, {}, 'db').values as Record<string, unknown>;
  const current = deps.settings.current as Record<string, unknown>;
  const changed = Object.keys(stored).filter((name) => rows.has(name) && !sameValue(stored[name], current[name]));
  if (changed.length === 0) return;
  deps.settings.current = { ...deps.settings.current, ...Object.fromEntries(changed.map((n) => [n, stored[n]])) } as StoredSettings;
  if (changed.includes('LOG_LEVEL')) deps.log.setLevel(deps.settings.current.LOG_LEVEL);
  deps.log.info(`Settings changed in the database (another instance): ${changed.join(', ')} applied.`);
}

/** Keys added, deleted or changed in state by another instance: each pool takes the database's view. */
async function syncKeys(deps: Deps) {
  await Promise.all(Object.values(deps.pools).map((pool) => pool.flush()));
  const rows = await deps.repo.listKeys();
  for (const kind of Object.keys(deps.pools) as KeyKind[]) deps.pools[kind].mergeStored(rows.filter((r) => r.kind === kind));
}

/**
 * Several instances on one database (MySQL): every `intervalMs` this one reads what the others
 * may have changed — the dashboard password, settings, access tokens and (on MySQL) the keys and
 * their states — and applies it. A single instance finds nothing to apply. Returns the stop
 * function, which waits for a read in progress so the database can close after it.
 */
export function watchDatabase(deps: Deps, intervalMs = deps.repo.dialect === 'mysql' ? 3_000 : 5_000): () => Promise<void> {
  let running: Promise<void> | undefined;
  let tokensMark: string | undefined;
  const check = async () => {
    try {
      const settingRows: SettingRow[] = await deps.repo.readSettings();
      const rows = new Map(settingRows.map((r) => [r.key, r.value]));
      await syncAuthToken(deps, rows);
      syncSettings(deps, rows);
      const mark = rows.get(TOKENS_CHANGED_AT);
      if (tokensMark !== undefined && mark !== tokensMark) await reloadTokens(deps);
      tokensMark = mark ?? '';
      if (deps.repo.dialect === 'mysql') await syncKeys(deps);
    } catch (error) {
      deps.log.warn(`Cannot read the shared state from the database: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
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
