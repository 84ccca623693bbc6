import { randomBytes } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import type { AccessTokenRow } from '../../../db/schema';
import type { Deps } from '../../deps';
import { hashToken } from '../../settings/auth-token';
import { markTokensChanged } from '../../sync/tokens-changed';
import type { CreateTokenInput, UpdateTokenInput } from './token-input';
import { type TokenView, tokenView } from './token-view';

/** `sk-` (what OpenAI clients expect a key to look like) + 24 random bytes = 192 bits. */
export const generateToken = () => `sk-${randomBytes(24).toString('base64url')}`;

const modelsJson = (models: readonly string[] | null) => (models === null ? null : JSON.stringify(models));

/** Reads the tokens into the proxy's registry, so a change applies to the very next request. */
export function reloadTokens(deps: Deps): Promise<AccessTokenRow[]> {
  return deps.tokens.reload(
    () => deps.repo.listTokens(),
    () => deps.settings.authTokenHash,
  );
}

export async function listTokens(deps: Deps): Promise<TokenView[]> {
  return (await deps.repo.listTokens()).map(tokenView);
}

/** The new token in full, this once; afterwards only tokens.reveal shows it. */
export async function createToken(deps: Deps, input: CreateTokenInput): Promise<TokenView & { token: string }> {
  const now = deps.now();
  if (input.expiresAt !== null && input.expiresAt <= now) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'expiresAt is in the past: a new token must expire in the future.' });
  }
  const token = input.token ?? generateToken();
  if (hashToken(token) === deps.settings.authTokenHash) {
    throw new TRPCError({ code: 'CONFLICT', message: 'That is the AUTH_TOKEN, which is already accepted as a client token.' });
  }
  const row = { token, label: input.label, allowedModels: modelsJson(input.allowedModels), expiresAt: input.expiresAt, rpmLimit: input.rpmLimit };
  // The unique index decides (no read-then-write race): a stored token inserts nothing.
  if ((await deps.repo.insertTokens([row], now)) === 0) {
    throw new TRPCError({ code: 'CONFLICT', message: 'An access token with this value already exists.' });
  }
  await markTokensChanged(deps);
  const stored = (await reloadTokens(deps)).find((r) => r.token === token);
  if (!stored) throw new TRPCError({ code: 'NOT_FOUND', message: 'The new token was deleted before it could be shown.' });
  return { ...tokenView(stored), token };
}

/** An expiry in the past is accepted here: it is how a token is cut off now without deleting it. */
export async function updateToken(deps: Deps, input: UpdateTokenInput): Promise<TokenView> {
  const { id, allowedModels, ...rest } = input;
  const changes = { ...rest, ...(allowedModels === undefined ? {} : { allowedModels: modelsJson(allowedModels) }) };
  const row = await deps.repo.updateToken(id, changes);
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `No access token has id ${id}.` });
  await markTokensChanged(deps);
  await reloadTokens(deps);
  return tokenView(row);
}

export async function deleteTokens(deps: Deps, ids: readonly number[]): Promise<{ deleted: number }> {
  const deleted = await deps.repo.deleteTokens([...new Set(ids)]);
  if (deleted > 0) await markTokensChanged(deps);
  await reloadTokens(deps);
  return { deleted };
}

/** The whole token, for the dashboard's "copy"; logged, as anything that shows a secret should be. */
export async function revealToken(deps: Deps, id: number): Promise<{ token: string }> {
  const row = (await deps.repo.listTokens()).find((r) => r.id === id);
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `No access token has id ${id}.` });
  deps.log.info(`admin: access token ${id} (${row.label}) was revealed in the dashboard`);
  return { token: row.token };
}
