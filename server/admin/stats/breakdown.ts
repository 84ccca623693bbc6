import type { UsageTotals } from '../../../db/logs/log-types';
import type { Deps } from '../../deps';
import { fingerprint, maskKey } from '../../keypool/keys';
import { keysOfKind } from '../keys/key-directory';
import { PERIODS } from './periods';
import type { BreakdownInput } from './stats-inputs';

type StatsDeps = Pick<Deps, 'repo' | 'now' | 'pools'>;

export interface KeyShare extends UsageTotals {
  /** The key's fingerprint (its id in keys.list); '' for attempts logged without a key. */
  readonly keyId: string;
  /** First 8 and last 4 characters while the key is still stored; null once it is deleted. */
  readonly masked: string | null;
}

export interface ModelShare extends UsageTotals {
  /** '' for attempts logged without a model. */
  readonly model: string;
}

/** The repository's window: since, now. */
function windowOf(deps: StatsDeps, input: BreakdownInput): [number, number] {
  const now = deps.now();
  return [now - PERIODS[input.period].spanMs, now];
}

const totalsOf = (s: UsageTotals): UsageTotals => ({ calls: s.calls, failures: s.failures, promptTokens: s.promptTokens, completionTokens: s.completionTokens });

/** Masked forms of the stored keys among these fingerprints (fingerprint() is memoised: a map lookup per key). */
async function maskedByFingerprint(deps: StatsDeps, wanted: ReadonlySet<string>): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const k of keysOfKind(deps)) {
    const id = fingerprint(k.key);
    if (wanted.has(id)) found.set(id, maskKey(k.key));
    if (found.size === wanted.size) break;
  }
  return found;
}

/** The keys with the most attempts in the period. */
export async function usageByKey(deps: StatsDeps, input: BreakdownInput): Promise<KeyShare[]> {
  const shares = await deps.repo.usageBy('key', ...windowOf(deps, input), input.limit);
  const masked = await maskedByFingerprint(deps, new Set(shares.map((s) => s.value)));
  return shares.map((s) => ({ keyId: s.value, masked: masked.get(s.value) ?? null, ...totalsOf(s) }));
}

/** The models with the most attempts in the period. */
export async function usageByModel(deps: StatsDeps, input: BreakdownInput): Promise<ModelShare[]> {
  const shares = await deps.repo.usageBy('model', ...windowOf(deps, input), input.limit);
  return shares.map((s) => ({ model: s.value, ...totalsOf(s) }));
}
