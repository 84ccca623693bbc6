import type { ErrorLogRow, RequestLogRow } from '../schema';
import { countStatement, type LogTable, pageWhere } from './log-filter';
import type { ErrorLogSummary, LogPage, LogQuery } from './log-types';
import { num, type SqlRow, type SqlRunner } from './sql-runner';

async function pageOf<T extends { at: number; id: number }>(
  run: SqlRunner,
  table: LogTable,
  columns: string,
  q: LogQuery,
  toItem: (row: SqlRow) => T,
): Promise<LogPage<T>> {
  const where = pageWhere(run.dialect, table, q);
  const count = countStatement(table, q);
  const [rows, counted] = await Promise.all([
    run.query({ sql: `SELECT ${columns} FROM ${table} ${where.sql} ORDER BY at DESC, id DESC LIMIT ?`, args: [...where.args, q.limit + 1] }),
    run.query(count.statement),
  ]);
  const items = rows.slice(0, q.limit).map(toItem);
  const last = items.at(-1);
  const [counts] = counted;
  return {
    items,
    nextCursor: rows.length > q.limit && last ? { at: last.at, id: last.id } : null,
    total: Math.min(num(counts?.n), count.cap),
    totalCapped: num(counts?.scanned) > count.cap,
  };
}

const text = (value: unknown): string => String(value ?? '');
const textOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

const REQUEST_COLUMNS =
  'id, at, token_label, key_fingerprint, model, endpoint, status, outcome, latency_ms, prompt_tokens, completion_tokens, attempt, error_code, finish_reason';

const toRequestLog = (r: SqlRow): RequestLogRow => ({
  id: num(r.id),
  at: num(r.at),
  tokenLabel: textOrNull(r.token_label),
  keyFingerprint: textOrNull(r.key_fingerprint),
  model: textOrNull(r.model),
  endpoint: text(r.endpoint),
  status: numOrNull(r.status),
  outcome: text(r.outcome),
  latencyMs: num(r.latency_ms),
  promptTokens: numOrNull(r.prompt_tokens),
  completionTokens: numOrNull(r.completion_tokens),
  attempt: num(r.attempt),
  errorCode: textOrNull(r.error_code),
  finishReason: textOrNull(r.finish_reason),
});

/** How much of an error message a list shows; messages can be megabytes. */
export const MESSAGE_PREVIEW_CHARS = 300;

const ERROR_SUMMARY_COLUMNS = `id, at, key_fingerprint, model, status, error_type, SUBSTR(message, 1, ${MESSAGE_PREVIEW_CHARS}) AS message_preview`;

const errorBase = (r: SqlRow) => ({
  id: num(r.id),
  at: num(r.at),
  keyFingerprint: textOrNull(r.key_fingerprint),
  model: textOrNull(r.model),
  status: numOrNull(r.status),
  errorType: text(r.error_type),
});

const toErrorSummary = (r: SqlRow): ErrorLogSummary => ({ ...errorBase(r), messagePreview: text(r.message_preview) });

export const pageRequestLogs = (run: SqlRunner, q: LogQuery) => pageOf(run, 'request_logs', REQUEST_COLUMNS, q, toRequestLog);
export const pageErrorLogs = (run: SqlRunner, q: LogQuery) => pageOf(run, 'error_logs', ERROR_SUMMARY_COLUMNS, q, toErrorSummary);

export async function errorLogById(run: SqlRunner, id: number): Promise<ErrorLogRow | null> {
  const [r] = await run.query({ sql: 'SELECT id, at, key_fingerprint, model, status, error_type, message, request_body FROM error_logs WHERE id = ?', args: [id] });
  if (!r) return null;
  return { ...errorBase(r), message: text(r.message), requestBody: textOrNull(r.request_body) };
}
