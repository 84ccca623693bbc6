import type { AccessTokenRow } from '../../db/schema';
import { hashToken } from '../settings/auth-token';

export interface ClientIdentity {
  /** For logs: the token's label, never the token. */
  readonly label: string;
  readonly tokenId: number | null;
  /** null = every model. */
  readonly allowedModels: readonly string[] | null;
  readonly expiresAt: number | null;
}

const ADMIN: ClientIdentity = { label: 'admin', tokenId: null, allowedModels: null, expiresAt: null };

function parseModels(json: string | null): string[] | null {
  if (json === null) return null;
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((m): m is string => typeof m === 'string') : null;
  } catch {
    return null;
  }
}

/**
 * Client tokens by their SHA-256, so a lookup never compares the secret itself character by
 * character (no timing signal about how much of a guess was right). AUTH_TOKEN is accepted too,
 * as in gemini-balance, as a token for every model.
 */
export function createTokenRegistry(rows: readonly AccessTokenRow[], authTokenHash: string) {
  let byHash = new Map<string, ClientIdentity>();
  const load = (next: readonly AccessTokenRow[], adminHash: string) => {
    byHash = new Map(
      next.map((row) => [
        hashToken(row.token),
        { label: row.label || `token ${row.id}`, tokenId: row.id, allowedModels: parseModels(row.allowedModels), expiresAt: row.expiresAt },
      ]),
    );
    if (adminHash) byHash.set(adminHash, ADMIN);
  };
  load(rows, authTokenHash);
  return {
    identify: (token: string): ClientIdentity | undefined => (token === '' ? undefined : byHash.get(hashToken(token))),
    replace: load,
  };
}

export type TokenRegistry = ReturnType<typeof createTokenRegistry>;
