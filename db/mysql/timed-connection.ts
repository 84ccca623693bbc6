import type { Pool, PoolConnection } from 'mysql2/promise';

/** A statement's time limit, as mysql2 takes it in a query's options; empty for none. */
export type TimeLimit = { readonly timeout?: number };

/**
 * Runs `work` on a pooled connection under a time limit. mysql2 fails a statement that gets no
 * answer within `timeout` (PROTOCOL_SEQUENCE_TIMEOUT) but keeps its connection checked out —
 * `pool.query(..., {timeout})` leaks the slot for good, and a frozen server fills the pool —
 * so the connection is taken here and destroyed after such a failure. Waiting for a free
 * connection counts against the same limit.
 */
export async function withConnection<T>(pool: Pool, timeoutMs: number | undefined, work: (connection: PoolConnection, limit: TimeLimit) => Promise<T>): Promise<T> {
  const connection = await acquire(pool, timeoutMs);
  try {
    return await work(connection, timeoutMs ? { timeout: timeoutMs } : {});
  } catch (error) {
    if (isFatal(error)) connection.destroy();
    throw error;
  } finally {
    // After destroy() the connection has left the pool and this does nothing.
    connection.release();
  }
}

/** A broken or stuck connection: not to be used again. */
export const isFatal = (error: unknown): boolean =>
  error instanceof Error && (('fatal' in error && error.fatal === true) || ('code' in error && error.code === 'PROTOCOL_SEQUENCE_TIMEOUT'));

async function acquire(pool: Pool, timeoutMs: number | undefined): Promise<PoolConnection> {
  const pending = pool.getConnection();
  if (!timeoutMs) return pending;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no free database connection within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
  });
  try {
    return await Promise.race([pending, late]);
  } catch (error) {
    // Given up on: when it comes after all, it goes straight back.
    pending.then((connection) => connection.release(), () => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
