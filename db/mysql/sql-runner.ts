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
    },
  };
}
