import type { Client, InStatement } from '@libsql/client';
import type { SqlRunner, Statement } from '../logs/sql-runner';

const toLibsql = (s: Statement): InStatement => ({ sql: s.sql, args: [...s.args] });

/** libsql's batch is one transaction; the single connection keeps the pragmas of prepareSqlite. */
export function sqliteRunner(client: Client): SqlRunner {
  return {
    dialect: 'sqlite',
    query: async (statement) => (await client.execute(toLibsql(statement))).rows,
    async write(statements) {
      if (statements.length === 0) return [];
      const results = await client.batch(statements.map(toLibsql), 'write');
      return results.map((r) => r.rowsAffected);
    },
  };
}
