import type { AccessTokenRow } from '../../../db/schema';
import { parseAllowedModels } from '../../proxy/tokens';

/** A token as the dashboard lists it: everything but the secret, which is masked. */
export interface TokenView {
  readonly id: number;
  readonly label: string;
  /** First 6 and last 4 characters; tokens.reveal gives the whole one. */
  readonly maskedToken: string;
  /** null = every model. */
  readonly allowedModels: string[] | null;
  /** Epoch ms; null = never. */
  readonly expiresAt: number | null;
  /** Requests in any 60 s; null = no limit. */
  readonly rpmLimit: number | null;
  readonly createdAt: number;
}

/**
 * First 6 + last 4, enough to tell tokens apart. A short token (seeded from ALLOWED_TOKENS, any
 * length) would be shown almost whole that way, so below 16 characters only its last 2 show.
 */
export function maskToken(token: string): string {
  return token.length < 16 ? `…${token.slice(-2)}` : `${token.slice(0, 6)}…${token.slice(-4)}`;
}

export function tokenView(row: AccessTokenRow): TokenView {
  return {
    id: row.id,
    label: row.label,
    maskedToken: maskToken(row.token),
    allowedModels: parseAllowedModels(row.allowedModels),
    expiresAt: row.expiresAt,
    rpmLimit: row.rpmLimit,
    createdAt: row.createdAt,
  };
}
