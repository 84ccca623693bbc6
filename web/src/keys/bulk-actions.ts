import { t } from '../i18n';
import { describeError } from '../lib/api-error';
import { api } from '../lib/trpc';

/** An action's result, shown above the table; the server's own words when it refused. */
export interface Notice {
  /** warn: done, but with news to act on (a verify that found invalid keys). */
  readonly kind: 'ok' | 'warn' | 'error';
  readonly text: string;
}

export type ChangeAction = 'enable' | 'resetFailures' | 'delete';

const call = {
  enable: async (ids: string[]) => (await api.keys.enable.mutate({ ids })).updated,
  resetFailures: async (ids: string[]) => (await api.keys.resetFailures.mutate({ ids })).updated,
  delete: async (ids: string[]) => (await api.keys.delete.mutate({ ids })).deleted,
} satisfies Record<ChangeAction, (ids: string[]) => Promise<number>>;

const done = { enable: 'keys.done.enable', resetFailures: 'keys.done.reset', delete: 'keys.done.delete' } as const;

async function attempt(run: () => Promise<Notice>): Promise<Notice> {
  try {
    return await run();
  } catch (caught) {
    return { kind: 'error', text: describeError(caught).message };
  }
}

/** Enable, reset or delete the keys with these ids (one request, whatever their number). */
export function runChange(action: ChangeAction, ids: string[]): Promise<Notice> {
  return attempt(async () => ({ kind: 'ok', text: t(done[action], { count: await call[action](ids) }) }));
}

/** Disable with the reason shown next to each key; an empty reason gets a default in the reader's language. */
export function runDisable(ids: string[], reason: string): Promise<Notice> {
  return attempt(async () => {
    const { updated } = await api.keys.disable.mutate({ ids, reason: reason.trim() || t('keys.disable.defaultReason') });
    return { kind: 'ok', text: t('keys.done.disable', { count: updated }) };
  });
}
