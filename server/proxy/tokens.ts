import type { AccessTokenRow } from '../../db/schema';
import { hashToken } from '../settings/auth-token';
import { createRateLimiter, type RateLimiter } from './rate-limit';

export interface ClientIdentity {
  /** For logs: the token's label, never the token. */
  readonly label: string;
  readonly tokenId: number | null;
  /** null = every model. */
  readonly allowedModels: readonly string[] | null;
  readonly expiresAt: number | null;
  /** Requests in any 60 s; null = no limit. */
  readonly rpmLimit: number | null;
  /** Who owns the files this client uploads: part of the token's hash, never the token. */
  readonly owner: string;
}

/** 32 hex characters of the token's SHA-256 (from its `sha256:<hex>` hash). */
const ownerOf = (hash: string) => hash.slice('sha256:'.length, 'sha256:'.length + 32);

const adminIdentity = (hash: string): ClientIdentity => ({ label: 'admin', tokenId: null, allowedModels: null, expiresAt: null, rpmLimit: null, owner: ownerOf(hash) });

/**
 * The stored JSON list; null = every model. This app writes only valid lists, so anything else was
 * edited by hand: it allows no model (fail closed) rather than every model.
 */
export function parseAllowedModels(json: string | null): string[] | null {
  if (json === null) return null;
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((m): m is string => typeof m === 'string') : [];
  } catch {
    return [];
  }
}

const identityOf = (row: AccessTokenRow, hash: string): ClientIdentity => ({
  label: row.label || `token ${row.id}`,
  tokenId: row.id,
  allowedModels: parseAllowedModels(row.allowedModels),
  expiresAt: row.expiresAt,
  rpmLimit: row.rpmLimit,
  owner: ownerOf(hash),
});

/**
 * Client tokens by their SHA-256, so a lookup never compares the secret itself character by
 * character (no timing signal about how much of a guess was right). AUTH_TOKEN is accepted too,
 * as in gemini-balance, as a token for every model, without a rate limit.
 */
export function createTokenRegistry(rows: readonly AccessTokenRow[], authTokenHash: string, limiter: RateLimiter = createRateLimiter()) {
  let byHash = new Map<string, ClientIdentity>();
  // One HTTP request is authenticated more than once (OpenAI embeddings: once up front, then per
  // batch of 100 texts) but must count once against the limit.
  const admitted = new WeakSet<Request>();
  let reloadsStarted = 0;
  let reloadApplied = 0;
  const load = (next: readonly AccessTokenRow[], adminHash: string) => {
    byHash = new Map(
      next.map((row) => {
        const hash = hashToken(row.token);
        return [hash, identityOf(row, hash)];
      }),
    );
    if (adminHash) byHash.set(adminHash, adminIdentity(adminHash));
    // Counts survive edits (a new label or limit is not a fresh minute); deleted tokens' go.
    const ids = new Set(next.map((row) => row.id));
    limiter.retain((id) => ids.has(id));
  };
  load(rows, authTokenHash);
  return {
    identify: (token: string): ClientIdentity | undefined => (token === '' ? undefined : byHash.get(hashToken(token))),
    /** Counts the request against the token's limit: null when admitted, else ms until it may retry. */
    admit(identity: ClientIdentity, request: Request, now: number): number | null | Promise<number | null> {
      if (identity.rpmLimit === null || identity.tokenId === null || admitted.has(request)) return null;
      const wait = limiter.admit(identity.tokenId, identity.rpmLimit, now, identity.owner);
      const note = (ms: number | null) => {
        if (ms === null) admitted.add(request);
        return ms;
      };
      return wait instanceof Promise ? wait.then(note) : note(wait);
    },
    replace: load,
    /**
     * Reads the tokens again and applies them. Two reloads may overlap (two dashboard changes at
     * once); an older read finishing last must not bring back a token just deleted, so only a read
     * started after the last applied one is applied.
     */
    async reload(read: () => Promise<AccessTokenRow[]>, adminHash: () => string): Promise<AccessTokenRow[]> {
      const seq = ++reloadsStarted;
      const next = await read();
      if (seq > reloadApplied) {
        reloadApplied = seq;
        load(next, adminHash());
      }
      return next;
    },
  };
}

export type TokenRegistry = ReturnType<typeof createTokenRegistry>;
