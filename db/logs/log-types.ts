import type { ErrorLogRow } from '../schema';

/** The two log tables the dashboard browses. */
export type LogKind = 'requests' | 'errors';

/** Where the next page starts: the last row shown (rows are ordered by `at`, then `id`, newest first). */
export interface LogCursor {
  readonly at: number;
  readonly id: number;
}

export interface LogQuery {
  /** Inclusive bounds on `at` (epoch ms). */
  readonly from?: number;
  readonly to?: number;
  readonly keyFingerprint?: string;
  readonly model?: string;
  readonly status?: number;
  /** Request logs only. */
  readonly outcome?: string;
  readonly cursor?: LogCursor;
  readonly limit: number;
}

/**
 * The most rows a page's count reads. Counting a filter that matches most of a million rows
 * exactly takes 100 ms–1 s; up to this cap it stays a few ms, and past it the dashboard shows
 * "10,000+" and the cursor keeps paging.
 */
export const LOG_COUNT_CAP = 10_000;

export interface LogPage<T> {
  readonly items: T[];
  readonly nextCursor: LogCursor | null;
  /** Matching rows counted, at most LOG_COUNT_CAP. Exact unless totalCapped. */
  readonly total: number;
  /**
   * More rows may match than `total` says: show "total+". With one filter (plus the time range)
   * that means over 10,000 match; with several, that the count read 2,000 rows of the first (key,
   * else status, outcome, model) and found `total` matches among them (db/logs/log-filter.ts).
   */
  readonly totalCapped: boolean;
}

/** An error log as listed: the message cut short, no request body (errorDetail has both). */
export type ErrorLogSummary = Omit<ErrorLogRow, 'message' | 'requestBody'> & { readonly messagePreview: string };

export interface UsageTotals {
  readonly calls: number;
  /** Attempts whose outcome was not `ok`. */
  readonly failures: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
}

/** One key fingerprint's or model's usage; `value` is '' for rows that had none. */
export interface UsageShare extends UsageTotals {
  readonly value: string;
}

export type UsageDimension = 'key' | 'model';
