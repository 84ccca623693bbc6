import type { FileRow } from '../schema';
import { num, type SqlRow, type SqlRunner } from '../logs/sql-runner';

/** Which files a listing sees: not expired at `now`, and only `owner`'s when given (FILES_USER_ISOLATION_ENABLED). */
export interface FileQuery {
  readonly owner: string | null;
  readonly now: number;
  readonly offset: number;
  readonly limit: number;
}

export interface FileStore {
  /** Inserts the record, or replaces the one of that name (Google reuses nothing, but a retried finalize may repeat). */
  saveFile(row: FileRow): Promise<void>;
  file(name: string): Promise<FileRow | null>;
  /** Oldest first, by creation time then name; `limit` rows after `offset`. */
  listFiles(query: FileQuery): Promise<FileRow[]>;
  setFileState(name: string, state: string): Promise<void>;
  deleteFile(name: string): Promise<boolean>;
  /** Up to `limit` records expired at `now`, soonest first (the cleanup job's batch). */
  expiredFiles(now: number, limit: number): Promise<FileRow[]>;
}

const COLUMNS = 'name, display_name, mime_type, size_bytes, state, uri, key_fingerprint, owner_token, created_at, expires_at';

/** LIMIT/OFFSET are written into the statement (MySQL refuses them as prepared arguments): whole numbers only. */
const whole = (n: number) => Math.max(0, Math.trunc(Number.isFinite(n) ? n : 0));
const page = (limit: number, offset: number) => `ORDER BY created_at, name LIMIT ${whole(limit)} OFFSET ${whole(offset)}`;

const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

function fileRow(r: SqlRow): FileRow {
  return {
    name: String(r.name),
    displayName: text(r.display_name),
    mimeType: String(r.mime_type),
    // MySQL answers BIGINT as a number or, past 2^53, a string: num() reads both.
    sizeBytes: num(r.size_bytes),
    state: String(r.state),
    uri: String(r.uri),
    keyFingerprint: String(r.key_fingerprint),
    ownerToken: text(r.owner_token),
    createdAt: num(r.created_at),
    expiresAt: num(r.expires_at),
  };
}

/** The Files API records, in plain SQL shared by both dialects (like the log queries). */
export function fileStore(run: SqlRunner): FileStore {
  const select = async (where: string, args: (string | number | null)[], tail = '') =>
    (await run.query({ sql: `SELECT ${COLUMNS} FROM files WHERE ${where} ${tail}`, args })).map(fileRow);
  return {
    async saveFile(row) {
      const values = [row.name, row.displayName, row.mimeType, row.sizeBytes, row.state, row.uri, row.keyFingerprint, row.ownerToken, row.createdAt, row.expiresAt];
      // Delete-then-insert in one transaction: the same text on both dialects (no upsert syntax in common).
      await run.write([
        { sql: 'DELETE FROM files WHERE name = ?', args: [row.name] },
        { sql: `INSERT INTO files (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args: values },
      ]);
    },
    async file(name) {
      return (await select('name = ?', [name]))[0] ?? null;
    },
    listFiles: ({ owner, now, offset, limit }) =>
      owner === null
        ? select('expires_at > ?', [now], page(limit, offset))
        : select('expires_at > ? AND owner_token = ?', [now, owner], page(limit, offset)),
    async setFileState(name, state) {
      await run.write([{ sql: 'UPDATE files SET state = ? WHERE name = ?', args: [state, name] }]);
    },
    async deleteFile(name) {
      const [deleted] = await run.write([{ sql: 'DELETE FROM files WHERE name = ?', args: [name] }]);
      return (deleted ?? 0) > 0;
    },
    expiredFiles: (now, limit) => select('expires_at <= ?', [now], `ORDER BY expires_at LIMIT ${whole(limit)}`),
  };
}
