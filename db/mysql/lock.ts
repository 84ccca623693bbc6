import type { Pool } from 'mysql2/promise';

/**
 * Several instances may start at once on one MySQL: a named lock (held by one connection) makes
 * them take turns, for migrations and for the first-start seeding.
 */
export async function withNamedLock<T>(pool: Pool, name: string, work: () => Promise<T>): Promise<T> {
  const connection = await pool.getConnection();
  try {
    await connection.query('SELECT GET_LOCK(?, 60)', [name]);
    try {
      return await work();
    } finally {
      await connection.query('SELECT RELEASE_LOCK(?)', [name]);
    }
  } finally {
    connection.release();
  }
}
