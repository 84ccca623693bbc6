import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type Column, getTableColumns, type Table } from 'drizzle-orm';
import { getTableConfig as mysqlConfig } from 'drizzle-orm/mysql-core';
import { getTableConfig as sqliteConfig } from 'drizzle-orm/sqlite-core';
import * as mysqlTables from '../../db/mysql/tables';
import { type LogicalType, schema, type TableSpec } from '../../db/schema';
import * as sqliteTables from '../../db/sqlite/tables';
import { mysqlAvailable } from '../helpers/mysql';
import { type OpenedDatabase, openMysql, openSqlite } from '../helpers/repositories';

type Dialect = 'sqlite' | 'mysql';
const tableNames = Object.keys(schema) as (keyof typeof schema)[];

/** The SQL type each logical type must have in each dialect. */
function sqlType(type: LogicalType, dialect: Dialect): string {
  if (dialect === 'sqlite') return type.kind === 'varchar' || type.kind === 'longtext' ? 'text' : 'integer';
  switch (type.kind) {
    case 'id':
      return 'bigint unsigned';
    case 'varchar':
      return `varchar(${type.length})`;
    case 'int':
      return 'int';
    case 'longtext':
      return 'longtext';
    case 'timestamp':
    case 'bigint':
      return 'bigint';
  }
}

/** One comparable description of a table: columns in order and indexes, whatever it came from. */
interface Shape {
  name: string;
  columns: { name: string; type: string; nullable: boolean; primaryKey: boolean; unique: boolean }[];
  indexes: { name: string; columns: string[] }[];
}

function expected(spec: TableSpec, dialect: Dialect): Shape {
  return {
    name: spec.sqlName,
    columns: Object.values(spec.columns).map((c) => ({
      name: c.sqlName,
      type: sqlType(c.type, dialect),
      nullable: c.nullable,
      primaryKey: c.primaryKey === true || c.type.kind === 'id',
      unique: c.unique === true,
    })),
    indexes: [...spec.indexes].map((i) => ({ name: i.name, columns: [...i.columns] })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

function fromDrizzle(table: Table, dialect: Dialect): Shape {
  const config = dialect === 'sqlite' ? sqliteConfig(table as never) : mysqlConfig(table as never);
  const columns = Object.values(getTableColumns(table)) as Column[];
  // A composite primary key is the table's, not its columns' (request_stats).
  const composite = new Set(config.primaryKeys.flatMap((k) => k.columns.map((c) => c.name)));
  return {
    name: config.name,
    columns: columns.map((c) => ({
      name: c.name,
      type: c.getSQLType(),
      nullable: !c.notNull,
      primaryKey: c.primary || composite.has(c.name),
      unique: c.isUnique,
    })),
    indexes: config.indexes
      .map((i) => ({ name: i.config.name, columns: i.config.columns.map((c) => (c as Column).name) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

describe('drizzle tables match db/schema.ts', () => {
  for (const dialect of ['sqlite', 'mysql'] as const) {
    const tables: Record<string, Table> = dialect === 'sqlite' ? sqliteTables : mysqlTables;
    test(`${dialect}: same tables`, () => {
      expect(Object.keys(tables).sort()).toEqual([...tableNames].sort());
    });
    for (const name of tableNames) {
      test(`${dialect}: ${name}`, () => {
        const table = tables[name];
        if (!table) throw new Error(`${dialect} has no table ${name}`);
        expect(fromDrizzle(table, dialect)).toEqual(expected(schema[name], dialect));
      });
    }
  }
});

async function sqliteShape(db: OpenedDatabase, name: string): Promise<Shape> {
  const info = (await db.query(`PRAGMA table_info(${name})`)) as unknown as { name: string; type: string; notnull: number; pk: number }[];
  const list = (await db.query(`PRAGMA index_list(${name})`)) as unknown as { name: string; origin: string }[];
  const uniques = new Set<string>();
  const indexes: Shape['indexes'] = [];
  for (const index of list) {
    const cols = ((await db.query(`PRAGMA index_info(${index.name})`)) as unknown as { name: string }[]).map((c) => c.name);
    if (index.origin === 'c' && index.name.endsWith('_unique')) uniques.add(cols.join());
    else if (index.origin === 'c') indexes.push({ name: index.name, columns: cols });
  }
  return {
    name,
    columns: info.map((c) => ({
      name: c.name,
      type: c.type.toLowerCase(),
      nullable: c.notnull === 0 && c.pk === 0,
      primaryKey: c.pk > 0,
      unique: uniques.has(c.name),
    })),
    indexes: indexes.sort((a, b) => a.name.localeCompare(b.name)),
  };
}

async function mysqlShape(db: OpenedDatabase, name: string): Promise<Shape> {
  const columns = (await db.query(
    `SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, COLUMN_KEY AS k FROM information_schema.COLUMNS
     WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '${name}' ORDER BY ORDINAL_POSITION`,
  )) as { name: string; type: string; nullable: string; k: string }[];
  const stats = (await db.query(
    `SELECT INDEX_NAME AS name, COLUMN_NAME AS col, NON_UNIQUE AS nonUnique FROM information_schema.STATISTICS
     WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '${name}' ORDER BY INDEX_NAME, SEQ_IN_INDEX`,
  )) as { name: string; col: string; nonUnique: number }[];
  const indexes = new Map<string, string[]>();
  for (const s of stats) if (Number(s.nonUnique) === 1) indexes.set(s.name, [...(indexes.get(s.name) ?? []), s.col]);
  return {
    name,
    columns: columns.map((c) => ({
      name: c.name,
      // MariaDB reports display widths (int(11), bigint(20) unsigned); MySQL 8 does not.
      type: c.type.replace(/^(int|bigint)\(\d+\)/, '$1'),
      nullable: c.nullable === 'YES',
      primaryKey: c.k === 'PRI',
      unique: c.k === 'UNI',
    })),
    indexes: [...indexes].map(([n, cols]) => ({ name: n, columns: cols })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

function migratedDatabase(dialect: Dialect, open: () => Promise<OpenedDatabase>) {
  describe(`the migrated ${dialect} database matches db/schema.ts`, () => {
    let db: OpenedDatabase;
    beforeAll(async () => {
      db = await open();
    });
    afterAll(async () => db?.dispose());
    for (const name of tableNames) {
      test(name, async () => {
        const spec = schema[name];
        const shape = dialect === 'sqlite' ? await sqliteShape(db, spec.sqlName) : await mysqlShape(db, spec.sqlName);
        expect(shape).toEqual(expected(spec, dialect));
      });
    }
    if (dialect === 'mysql') {
      test('keys, tokens and settings compare case-sensitively; logs do not', async () => {
        const rows = (await db.query(
          `SELECT TABLE_NAME AS name, TABLE_COLLATION AS collation FROM information_schema.TABLES
           WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> '__drizzle_migrations'`,
        )) as { name: string; collation: string }[];
        const expectedCollation = (table: string) => (table.endsWith('_logs') ? 'utf8mb4_unicode_ci' : 'utf8mb4_bin');
        expect(rows.length).toBe(tableNames.length);
        for (const row of rows) expect(`${row.name}: ${row.collation}`).toBe(`${row.name}: ${expectedCollation(row.name)}`);
      });
    }
  });
}

migratedDatabase('sqlite', openSqlite);
if (mysqlAvailable) migratedDatabase('mysql', openMysql);
