import type { Pool, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { SqlRunner, WriteOptions } from '../logs/sql-runner';

export function mysqlRunner(pool: Pool): SqlRunner {
  return {
    dialect: 'mysql',
    async query(statement) {
      const [rows] = await pool.query<RowDataPacket[]>(statement.sql, [...statement.args]);
      return rows;
    },
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

/** The statements in one transaction; the rows each changed. */
async function writeOnce(pool: Pool, statements: Parameters<SqlRunner['write']>[0], options: WriteOptions): Promise<number[]> {
  const connection = await pool.getConnection();
  // mysql2 fails a statement with PROTOCOL_SEQUENCE_TIMEOUT after `timeout` (the transaction's own
  // statements too, or a hang could sit at BEGIN or COMMIT); the connection is then dropped below.
  const timeout = options.timeoutMs ? { timeout: options.timeoutMs } : {};
  try {
    await connection.query({ sql: 'START TRANSACTION', ...timeout });
    const changed: number[] = [];
    for (const s of statements) {
      const [header] = await connection.query<ResultSetHeader>({ sql: s.sql, values: [...s.args], ...timeout });
      changed.push(header.affectedRows);
    }
    await connection.query({ sql: 'COMMIT', ...timeout });
    return changed;
  } catch (error) {
    // A connection that did not answer in time may never answer a ROLLBACK either: dropped, the
    // server rolls the transaction back itself.
    if (isFatal(error)) connection.destroy();
    else await connection.rollback().catch(() => undefined);
    throw error;
  } finally {
    connection.release();
  }
}

const isFatal = (error: unknown) => error instanceof Error && (('fatal' in error && error.fatal === true) || ('code' in error && error.code === 'PROTOCOL_SEQUENCE_TIMEOUT'));
