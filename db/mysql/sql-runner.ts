import type { Pool, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { SqlRunner, WriteOptions } from '../logs/sql-runner';
import { isFatal, withConnection } from './timed-connection';

/**
 * Reads through the runner (log pages, stats, sync stamps) answer in milliseconds; a read with no
 * answer after this long is a stuck connection, dropped rather than kept out of the pool.
 */
const QUERY_TIMEOUT_MS = 30_000;

export function mysqlRunner(pool: Pool): SqlRunner {
  return {
    dialect: 'mysql',
    query: (statement) =>
      withConnection(pool, QUERY_TIMEOUT_MS, async (connection, limit) => {
        const [rows] = await connection.query<RowDataPacket[]>({ sql: statement.sql, values: [...statement.args], ...limit });
        return rows;
      }),
    async write(statements, options = {}) {
      if (statements.length === 0) return [];
      // Concurrent log deletes (admin, retention, other instances) can deadlock on InnoDB's row
      // locks; MySQL rolled the loser back whole, so running it again is safe.
      for (let attempt = 1; ; attempt++) {
        try {
          return await writeOnce(pool, statements, options);
        } catch (error) {
          const deadlock = error instanceof Error && 'errno' in error && error.errno === 1213;
          if (!deadlock || attempt >= 4) throw error;
          await Bun.sleep(20 * attempt);
        }
      }
    },
  };
}

/**
 * The statements in one transaction; the rows each changed. Under a time limit BEGIN, COMMIT and
 * ROLLBACK have it too, or a hang could sit there; a stuck connection is dropped (withConnection),
 * and the server then rolls the transaction back itself.
 */
function writeOnce(pool: Pool, statements: Parameters<SqlRunner['write']>[0], options: WriteOptions): Promise<number[]> {
  return withConnection(pool, options.timeoutMs, async (connection, limit) => {
    try {
      await connection.query({ sql: 'START TRANSACTION', ...limit });
      const changed: number[] = [];
      for (const s of statements) {
        const [header] = await connection.query<ResultSetHeader>({ sql: s.sql, values: [...s.args], ...limit });
        changed.push(header.affectedRows);
      }
      await connection.query({ sql: 'COMMIT', ...limit });
      return changed;
    } catch (error) {
      if (!isFatal(error)) await connection.query({ sql: 'ROLLBACK', ...limit }).catch(() => connection.destroy());
      throw error;
    }
  });
}
