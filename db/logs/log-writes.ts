import type { NewErrorLog, NewRequestLog } from '../repository';
import { chunks } from '../repository';
import type { LogKind } from './log-types';
import { addRowsStatements } from './rollup';
import { dropBucketsStatements, subtractStatements } from './rollup-sql';
import { num, type SqlRunner, type Statement, WRITE_BEHIND_TIMEOUT_MS } from './sql-runner';

const REQUEST_LOG_COLUMNS =
  'at, token_label, key_fingerprint, model, endpoint, status, outcome, latency_ms, prompt_tokens, completion_tokens, attempt, error_code, finish_reason';

function requestLogInsert(rows: readonly NewRequestLog[]): Statement {
  return {
    sql: `INSERT INTO request_logs (${REQUEST_LOG_COLUMNS}) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
    args: rows.flatMap((r) => [r.at, r.tokenLabel, r.keyFingerprint, r.model, r.endpoint, r.status, r.outcome, r.latencyMs, r.promptTokens, r.completionTokens, r.attempt, r.errorCode, r.finishReason]),
  };
}

/**
 * The rows and what they add to request_stats, in one transaction. Plain multi-row statements: the
 * recorder writes thousands of rows a second, and drizzle's query building showed up in profiles.
 */
export async function insertRequestLogs(run: SqlRunner, rows: readonly NewRequestLog[]): Promise<void> {
  if (rows.length === 0) return;
  await run.write([...chunks(rows).map(requestLogInsert), ...addRowsStatements(run.dialect, rows)], { timeoutMs: WRITE_BEHIND_TIMEOUT_MS });
}

/**
 * Error logs, in one transaction. Messages and request bodies are up to 256 KB each (log-rows.ts),
 * so 10 rows a statement stay under MariaDB's smallest default max_allowed_packet (16 MB).
 */
export async function insertErrorLogs(run: SqlRunner, rows: readonly NewErrorLog[]): Promise<void> {
  if (rows.length === 0) return;
  const statements = chunks(rows, 10).map((c) => ({
    sql: `INSERT INTO error_logs (at, key_fingerprint, model, status, error_type, message, request_body) VALUES ${c.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
    args: c.flatMap((r) => [r.at, r.keyFingerprint, r.model, r.status, r.errorType, r.message, r.requestBody]),
  }));
  await run.write(statements, { timeoutMs: WRITE_BEHIND_TIMEOUT_MS });
}

const TABLE: Record<LogKind, string> = { requests: 'request_logs', errors: 'error_logs' };

/** Deletes these rows (and, for request logs, their share of the sums) in one transaction. */
export async function deleteLogIds(run: SqlRunner, kind: LogKind, ids: readonly number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const where = { sql: `id IN (${ids.map(() => '?').join(', ')})`, args: ids };
  const subtract = kind === 'requests' ? subtractStatements(run.dialect, where) : [];
  const changed = await run.write([...subtract, { sql: `DELETE FROM ${TABLE[kind]} WHERE ${where.sql}`, args: ids }]);
  return changed.at(-1) ?? 0;
}

export async function deleteAllLogs(run: SqlRunner, kind: LogKind): Promise<number> {
  const statements: Statement[] = [{ sql: `DELETE FROM ${TABLE[kind]}`, args: [] }];
  if (kind === 'requests') statements.push({ sql: 'DELETE FROM request_stats', args: [] });
  const [deleted] = await run.write(statements);
  return deleted ?? 0;
}

/**
 * Rows per retention transaction: a day of a busy proxy in one DELETE would hold SQLite (which runs
 * on the event loop) or MySQL's row locks for seconds; a slice takes a few ms.
 */
export const PURGE_SLICE = 500;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Deletes the rows with at < before, oldest first, a slice at a time. */
export async function purgeLogsBefore(run: SqlRunner, kind: LogKind, before: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const rows = await run.query({ sql: `SELECT id FROM ${TABLE[kind]} WHERE at < ? ORDER BY at LIMIT ?`, args: [before, PURGE_SLICE] });
    deleted += await deleteLogIds(run, kind, rows.map((r) => num(r.id)));
    if (rows.length < PURGE_SLICE) break;
    await nextTurn();
  }
  // Whole buckets before the cutoff now sum nothing: drop them rather than keep zeros forever.
  if (kind === 'requests') await run.write(dropBucketsStatements(before));
  return deleted;
}
