import type { NewAccessToken, NewApiKey } from './repository';

/** A new key starts active with no failures; both dialects insert exactly these rows. */
export function keyRows(keys: readonly NewApiKey[], now: number) {
  return keys.map((k) => ({
    key: k.key,
    kind: k.kind,
    status: 'active',
    failures: 0,
    cooldownUntil: null,
    disabledReason: null,
    lastUsedAt: null,
    createdAt: now,
    modelCooldowns: '{}',
  }));
}

export function tokenRows(tokens: readonly NewAccessToken[], now: number) {
  return tokens.map((tk) => ({ ...tk, createdAt: now }));
}
