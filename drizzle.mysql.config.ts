import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'mysql',
  schema: './db/mysql/tables.ts',
  out: './db/migrations/mysql',
});
