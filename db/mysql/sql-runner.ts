import type { Pool, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { SqlRunner } from '../logs/sql-runner';

export function mysqlRunner(pool: Pool): SqlRunner {
  return {
    dialect: 'mysql',
    async query(statement) {
      const [rows] = await pool.query<RowDataPacket[]>(statement.sql, [...statement.args]);
      return rows;
    },
    async write(statements) {
      if (statements.length === 0) return [];
      // Concurrent log deletes (admin, retention, other instances) can deadlock on InnoDB's row
      // locks; MySQL rolled the loser back whole, so running it again is safe.
      for (let attempt = 1; ; attempt++) {
        try {
          return await writeOnce(pool, statements);
        } catch (error) {
          const deadlock = error instanceof Error && 'errno' in error && error.errno === 1213;
          if (!deadlock || attempt >= 4) throw error;
          await Bun.sleep(20 * attempt);
        }
      }
    },
  };
}

/** The statements in one transaction; the rows each changed. */
async function writeOnce(pool: Pool, statements: Parameters<SqlRunner['write']>[0]): Promise<number[]> {
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    const changed: number[] = [];
    for (const s of statements) {
      const [header] = await connection.query<ResultSetHeader>(s.sql, [...s.args]);
      changed.push(header.affectedRows);
    }
    await connection.commit();
    return changed;
  } catch (error) {
    await connection.rollback().catch(() => undefined);
    throw error;
  } finally {
    connection.release();
  }
}
