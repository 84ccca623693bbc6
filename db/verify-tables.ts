import { schema } from './schema';
import { DatabaseStartError } from './start-error';

/**
 * After migrating, every table must have every column this server reads: a table of the same
 * name left by another program (the database is shared) would otherwise fail later, per query.
 */
export async function verifyTables(query: (sql: string) => Promise<unknown>, quote: string): Promise<void> {
  for (const table of Object.values(schema)) {
    const columns = Object.values(table.columns).map((c) => `${quote}${c.sqlName}${quote}`).join(', ');
    try {
      await query(`SELECT ${columns} FROM ${quote}${table.sqlName}${quote} LIMIT 0`);
    } catch (error) {
      const because = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      throw new DatabaseStartError(
        `Table ${table.sqlName} exists but is not this server's (${because}). Use an empty database, or one only this server uses.`,
      );
    }
  }
}
