import type { KeyUsage } from '../../../db/repository';
import { fingerprint, maskKey } from '../../keypool/keys';
import type { KeyKind, KeyState, KeyStatus } from '../../keypool/machine';
import { type KeyDeps, keysOfKind } from './key-directory';
import type { ListInput } from './key-inputs';

const DAY_MS = 24 * 3_600_000;

/** One row of the dashboard's key table. Never the full key: only export and copy reveal it. */
export interface KeyListItem {
  readonly id: string;
  /** First 8 and last 4 characters. */
  readonly masked: string;
  readonly kind: KeyKind;
  readonly status: KeyStatus;
  readonly failures: number;
  readonly cooldownUntil: number | null;
  /** Model → until when it rests after a 429; only rests still running. */
  readonly modelCooldowns: Readonly<Record<string, number>>;
  readonly disabledReason: string | null;
  readonly lastUsedAt: number | null;
  /** Attempts logged with this key in the last 24 hours, and how many were not ok. */
  readonly usage24h: { readonly calls: number; readonly failures: number };
}

export interface KeyPage {
  readonly page: number;
  readonly pageSize: number;
  /** Keys matching the filters, over all pages. */
  readonly total: number;
  readonly items: readonly KeyListItem[];
}

function matcher(input: ListInput): (k: KeyState) => boolean {
  // A case-insensitive regex over the literal text: 3-4x faster than lowercasing 100,000 keys.
  const search = input.search ? new RegExp(input.search.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') : undefined;
  const { status } = input;
  return (k) => (status === undefined || k.status === status) && (search === undefined || search.test(k.key));
}

function runningCooldowns(cooldowns: Readonly<Record<string, number>>, now: number): Record<string, number> {
  // fromEntries defines properties, so a "__proto__" model stays an ordinary entry.
  return Object.fromEntries(Object.entries(cooldowns).filter(([, until]) => until > now));
}

function toItem(k: KeyState, usage: KeyUsage | undefined, now: number): KeyListItem {
  return {
    id: fingerprint(k.key),
    masked: maskKey(k.key),
    kind: k.kind,
    status: k.status,
    failures: k.failures,
    cooldownUntil: k.cooldownUntil,
    modelCooldowns: runningCooldowns(k.modelCooldowns, now),
    disabledReason: k.disabledReason,
    lastUsedAt: k.lastUsedAt,
    usage24h: { calls: usage?.calls ?? 0, failures: usage?.failures ?? 0 },
  };
}

/**
 * Filters and pages in memory (the pool already holds every key: one pass over 100,000 is a few
 * ms), then reads usage for the page's keys only, through the (key_fingerprint, at) index.
 */
export async function listKeys(deps: KeyDeps & { now: () => number }, input: ListInput): Promise<KeyPage> {
  const now = deps.now();
  const matching = keysOfKind(deps, input.kind).filter(matcher(input));
  const start = (input.page - 1) * input.pageSize;
  const page = matching.slice(start, start + input.pageSize);
  const usage = await deps.repo.keyUsage(page.map((k) => fingerprint(k.key)), now - DAY_MS);
  const byKey = new Map(usage.map((u) => [u.keyFingerprint, u]));
  return { page: input.page, pageSize: input.pageSize, total: matching.length, items: page.map((k) => toItem(k, byKey.get(fingerprint(k.key)), now)) };
}
