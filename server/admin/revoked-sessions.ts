import type { Repository } from '../../db/repository';
import type { Logger } from '../log';

/**
 * Settings-table rows (not settings), one per dashboard session ended by a logout, so every
 * instance on the database refuses its cookie — and this one after a restart — until it would
 * have expired anyway. In memory the ids are a map; the database watch (watch-database.ts) and
 * the start read the rows into it.
 */
export const REVOKED_ROW = 'REVOKED_SESSION:';

export interface RevokedSessions {
  has(id: string, now: number): boolean;
  /** Ends a session here at once and, through the database, on every instance. */
  revoke(id: string, expiresAt: number, now: number): Promise<void>;
  /** Takes in the revocations among settings rows (key → stored JSON value). */
  adopt(rows: ReadonlyMap<string, string>): void;
}

export function createRevokedSessions(repo: Pick<Repository, 'writeSettings' | 'deleteSettings'>, log: Logger): RevokedSessions {
  const until = new Map<string, number>();
  /** Forgets the sessions that have expired by now; answers their ids. */
  const prune = (now: number): string[] => {
    const gone = [...until].filter(([, at]) => at <= now).map(([id]) => id);
    for (const id of gone) until.delete(id);
    return gone;
  };
  return {
    has: (id, now) => (until.get(id) ?? -Infinity) > now,
    async revoke(id, expiresAt, now) {
      until.set(id, expiresAt);
      const expired = prune(now);
      try {
        await repo.writeSettings([{ key: `${REVOKED_ROW}${id}`, value: JSON.stringify(expiresAt) }], now);
        if (expired.length > 0) await repo.deleteSettings(expired.map((e) => `${REVOKED_ROW}${e}`));
      } catch (error) {
        // Ended here all the same; only the other instances (and a restart) do not know yet.
        log.warn(`A dashboard logout could not be saved to the database (${error instanceof Error ? error.message : String(error)}); other instances accept that session until it expires.`);
      }
    },
    adopt(rows) {
      for (const [key, value] of rows) {
        if (!key.startsWith(REVOKED_ROW)) continue;
        const at = Number(value);
        if (Number.isFinite(at)) until.set(key.slice(REVOKED_ROW.length), at);
      }
    },
  };
}
