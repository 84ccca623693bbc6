/**
 * Error codes meaning the database is away or cannot take a change right now — not that the
 * change itself was wrong: Node's socket codes and mysql2's own (MySQL/MariaDB), libsql's (SQLite).
 */
const AWAY: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'no answer in time',
  EPIPE: 'connection lost',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  PROTOCOL_CONNECTION_LOST: 'connection lost',
  PROTOCOL_SEQUENCE_TIMEOUT: 'no answer in time',
  ER_CON_COUNT_ERROR: 'too many connections',
  ER_SERVER_SHUTDOWN: 'the server is shutting down',
  ER_LOCK_WAIT_TIMEOUT: 'a lock was held too long',
  ER_LOCK_DEADLOCK: 'a deadlock with another writer',
  ER_CONNECTION_KILLED: 'connection killed',
  ER_TOO_MANY_USER_CONNECTIONS: 'too many connections',
  ER_RECORD_FILE_FULL: 'the disk is full',
  ER_DISK_FULL: 'the disk is full',
  ER_OPTION_PREVENTS_STATEMENT: 'the server is read-only',
  ER_READ_ONLY_MODE: 'the server is read-only',
  SQLITE_BUSY: 'the file is locked by another process',
  SQLITE_LOCKED: 'the file is locked by another process',
  SQLITE_READONLY: 'the file cannot be written',
  SQLITE_IOERR: 'a disk read or write failed',
  SQLITE_FULL: 'the disk is full',
  SQLITE_CANTOPEN: 'the file cannot be opened',
};

/** Why the database could not do it, when `error` (or one of its causes) says it was away; else undefined. */
export function databaseUnavailable(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current instanceof Error; depth++) {
    const code = 'code' in current && typeof current.code === 'string' ? current.code : undefined;
    // libsql extends its codes (SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT …): the family is enough.
    const known = code === undefined ? undefined : (AWAY[code] ?? AWAY[code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1')]);
    if (known !== undefined) return `${known}, ${code}`;
    // mysql2 marks a broken connection `fatal` (some without a code), and a closed pool only by its text.
    if ('fatal' in current && current.fatal === true) return 'connection lost';
    if (/^Pool is closed/.test(current.message)) return 'connection pool closed';
    current = current.cause;
  }
  return undefined;
}
