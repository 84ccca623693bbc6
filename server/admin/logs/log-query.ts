import type { LogQuery } from '../../../db/logs/log-types';
import { fingerprint } from '../../keypool/keys';
import type { ErrorListInput, RequestListInput } from './log-inputs';

const FINGERPRINT = /^[0-9a-f]{16}$/;

/**
 * The repository's query for a validated input. The rows store fingerprints only, so a full key
 * is fingerprinted here; it goes no further (not logged, not answered).
 */
export function toLogQuery(input: RequestListInput | ErrorListInput): LogQuery {
  const { key, ...rest } = input;
  if (key === undefined) return rest;
  return { ...rest, keyFingerprint: FINGERPRINT.test(key) ? key : fingerprint(key) };
}
