/**
 * A database as gemini-balance leaves it (admin-behaviour.md §3.2): its four tables as SQLAlchemy
 * creates them, and `t_settings` rows in its own serialisation (§1.3): the start-up sync writes
 * JSON with ", " separators and non-ASCII kept, `true`/`false`, Python floats (`1024.0`); a
 * dashboard save escapes non-ASCII and writes the literal `None` for an empty value.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient } from '@libsql/client';
import mysql from 'mysql2/promise';
import { mysqlServer } from './mysql';

const SQLITE_TABLES = [
  'CREATE TABLE t_settings (id INTEGER NOT NULL, "key" VARCHAR(100) NOT NULL, value TEXT, description VARCHAR(255), created_at DATETIME, updated_at DATETIME, PRIMARY KEY (id), UNIQUE ("key"))',
  'CREATE TABLE t_error_logs (id INTEGER NOT NULL, gemini_key VARCHAR(100), model_name VARCHAR(100), error_type VARCHAR(50), error_log TEXT, error_code INTEGER, request_msg JSON, request_time DATETIME, PRIMARY KEY (id))',
  'CREATE TABLE t_request_log (id INTEGER NOT NULL, request_time DATETIME, model_name VARCHAR(100), api_key VARCHAR(100), is_success BOOLEAN NOT NULL, status_code INTEGER, latency_ms INTEGER, PRIMARY KEY (id))',
  "CREATE TABLE t_file_records (id INTEGER NOT NULL, name VARCHAR(255) NOT NULL, display_name VARCHAR(255), mime_type VARCHAR(100) NOT NULL, size_bytes BIGINT NOT NULL, sha256_hash VARCHAR(255), state VARCHAR(10) NOT NULL, create_time DATETIME NOT NULL, update_time DATETIME NOT NULL, expiration_time DATETIME NOT NULL, uri VARCHAR(500) NOT NULL, api_key VARCHAR(100) NOT NULL, upload_url TEXT, user_token VARCHAR(100), upload_completed DATETIME, PRIMARY KEY (id), UNIQUE (name))",
];

const MYSQL_TABLES = [
  'CREATE TABLE t_settings (id INTEGER NOT NULL AUTO_INCREMENT, `key` VARCHAR(100) NOT NULL, value TEXT, description VARCHAR(255), created_at DATETIME, updated_at DATETIME, PRIMARY KEY (id), UNIQUE (`key`))',
  'CREATE TABLE t_error_logs (id INTEGER NOT NULL AUTO_INCREMENT, gemini_key VARCHAR(100), model_name VARCHAR(100), error_type VARCHAR(50), error_log TEXT, error_code INTEGER, request_msg JSON, request_time DATETIME, PRIMARY KEY (id))',
  'CREATE TABLE t_request_log (id INTEGER NOT NULL AUTO_INCREMENT, request_time DATETIME, model_name VARCHAR(100), api_key VARCHAR(100), is_success BOOL NOT NULL, status_code INTEGER, latency_ms INTEGER, PRIMARY KEY (id))',
  "CREATE TABLE t_file_records (id INTEGER NOT NULL AUTO_INCREMENT, name VARCHAR(255) NOT NULL, display_name VARCHAR(255), mime_type VARCHAR(100) NOT NULL, size_bytes BIGINT NOT NULL, sha256_hash VARCHAR(255), state ENUM('PROCESSING','ACTIVE','FAILED') NOT NULL, create_time DATETIME NOT NULL, update_time DATETIME NOT NULL, expiration_time DATETIME NOT NULL, uri VARCHAR(500) NOT NULL, api_key VARCHAR(100) NOT NULL, upload_url TEXT, user_token VARCHAR(100), upload_completed DATETIME, PRIMARY KEY (id), UNIQUE (name))",
];

export type OriginalRows = ReadonlyArray<readonly [key: string, value: string | null]>;

const description = (key: string) => `${key} configuration setting`;
const NOW = '2026-11-20 08:00:00.000000';

/** Writes gemini-balance's tables and these `t_settings` rows into a new SQLite file at `path`. */
export async function originalSqliteDatabase(path: string, rows: OriginalRows): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const client = createClient({ url: `file:${path}` });
  try {
    for (const sql of SQLITE_TABLES) await client.execute(sql);
    await client.batch(
      rows.map(([key, value]) => ({
        sql: 'INSERT INTO t_settings ("key", value, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
        args: [key, value, description(key), NOW, NOW],
      })),
      'write',
    );
  } finally {
    client.close();
  }
}

/** The same in a new MySQL database; answers its mysql:// URL and a drop(). */
export async function originalMysqlDatabase(name: string, rows: OriginalRows) {
  const admin = await mysql.createConnection({ ...mysqlServer, connectTimeout: 3000 });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  await admin.query(`USE \`${name}\``);
  for (const sql of MYSQL_TABLES) await admin.query(sql);
  for (const [key, value] of rows) {
    await admin.query('INSERT INTO t_settings (`key`, value, description, created_at, updated_at) VALUES (?, ?, ?, NOW(), NOW())', [key, value, description(key)]);
  }
  const credentials = `${encodeURIComponent(mysqlServer.user)}:${encodeURIComponent(mysqlServer.password)}`;
  return {
    url: `mysql://${credentials}@${mysqlServer.host}:${mysqlServer.port}/${name}`,
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}
