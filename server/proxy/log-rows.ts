import type { NewErrorLog, NewRequestLog } from '../../db/repository';
import type { Outcome } from '../keypool/machine';
import { fingerprint } from '../keypool/keys';
import { completionTokens, type Usage } from './usage';

export interface AttemptFacts {
  readonly at: number;
  readonly tokenLabel: string;
  readonly key: string;
  readonly model: string | null;
  readonly endpoint: string;
  readonly attempt: number;
}

/**
 * Cut to the column's width: a client can name a model of any length, and MySQL refuses an
 * over-long value — the whole batch would then fail on every retry and block all later logs.
 */
const fit = (text: string | null, width: number) => (text === null || text.length <= width ? text : text.slice(0, width));

export function requestRow(f: AttemptFacts, status: number | null, outcome: Outcome['kind'] | 'stream-broken', latencyMs: number, usage: Usage | null, errorCode: string | null): NewRequestLog {
  return {
    at: f.at,
    tokenLabel: fit(f.tokenLabel, 100),
    keyFingerprint: fingerprint(f.key),
    model: fit(f.model, 255),
    endpoint: fit(f.endpoint, 100) ?? '',
    status,
    outcome,
    latencyMs: Math.round(latencyMs),
    promptTokens: usage?.promptTokens ?? null,
    completionTokens: usage ? completionTokens(usage) : null,
    attempt: f.attempt,
    errorCode: fit(errorCode, 64),
    finishReason: fit(usage?.finishReason ?? null, 48),
  };
}

/**
 * Google's error text and the request body (ERROR_LOG_RECORD_REQUEST_BODY) are kept up to this
 * many characters: a body with inline images can be 20 MB, more than MySQL accepts in one packet
 * (16 MB by default on MariaDB) — its batch would fail on every retry and hold up every error log.
 */
export const ERROR_TEXT_MAX = 256 * 1024;

/** Copied, not sliced: a slice shares the whole string's memory, and buffered rows would keep 20 MB bodies alive. */
const clip = (text: string) =>
  text.length <= ERROR_TEXT_MAX ? text : `${Buffer.from(text.slice(0, ERROR_TEXT_MAX), 'utf16le').toString('utf16le')}… [cut: ${text.length - ERROR_TEXT_MAX} more characters]`;

export function errorRow(f: AttemptFacts, status: number | null, message: string, requestBody: string | null): NewErrorLog {
  return {
    at: f.at,
    keyFingerprint: fingerprint(f.key),
    model: fit(f.model, 255),
    status,
    errorType: fit(`gemini-${f.endpoint}`, 64) ?? 'gemini',
    message: clip(message),
    requestBody: requestBody === null ? null : clip(requestBody),
  };
}
