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

export function requestRow(f: AttemptFacts, status: number | null, outcome: Outcome['kind'] | 'stream-broken', latencyMs: number, usage: Usage | null, errorCode: string | null): NewRequestLog {
  return {
    at: f.at,
    tokenLabel: f.tokenLabel,
    keyFingerprint: fingerprint(f.key),
    model: f.model,
    endpoint: f.endpoint,
    status,
    outcome,
    latencyMs: Math.round(latencyMs),
    promptTokens: usage?.promptTokens ?? null,
    completionTokens: usage ? completionTokens(usage) : null,
    attempt: f.attempt,
    errorCode,
  };
}

export function errorRow(f: AttemptFacts, status: number | null, message: string, requestBody: string | null): NewErrorLog {
  return {
    at: f.at,
    keyFingerprint: fingerprint(f.key),
    model: f.model,
    status,
    errorType: `gemini-${f.endpoint}`,
    message,
    requestBody,
  };
}
