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
  /** At start: deletes the rows of sessions that have expired by now. */
  pruneStored(rows: ReadonlyMap<string, string>, now: number): Promise<void>;
}

export function createRevokedSessions(repo: Pick<Repository, 'writeSettings' | 'deleteSettings'>, log: Logger): RevokedSessions {
  const until = new Map<string, number>();
  const revocations = (rows: ReadonlyMap<string, string>) =>
    [...rows].flatMap(([key, value]) => (key.startsWith(REVOKED_ROW) && Number.isFinite(Number(value)) ? [{ key, id: key.slice(REVOKED_ROW.length), at: Number(value) }] : []));
  return {
    has: (id, now) => (until.get(id) ?? -Infinity) > now,
    async revoke(id, expiresAt, now) {
      until.set(id, expiresAt);
      for (const [other, at] of until) if (at <= now) until.delete(other);
      // Only an insert: the other instances notice settings changes by MAX(updated_at) and
      // COUNT(*), which an insert with a delete of an old row (under a clock behind) could leave as they were.
      try {
        await repo.writeSettings([{ key: `${REVOKED_ROW}${id}`, value: JSON.stringify(expiresAt) }], now);
      } catch (error) {
        // Ended here all the same; only the other instances (and a restart) do not know yet.
        log.warn(`A dashboard logout could not be saved to the database (${error instanceof Error ? error.message : String(error)}); other instances accept that session until it expires.`);
      }
    },
    adopt(rows) {
      for (const { id, at } of revocations(rows)) until.set(id, at);
    },
    async pruneStored(rows, now) {
      const expired = revocations(rows).filter((r) => r.at <= now);
      if (expired.length > 0) await repo.deleteSettings(expired.map((r) => r.key));
    },
  };
}
