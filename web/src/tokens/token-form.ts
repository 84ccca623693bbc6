import { t } from '../i18n';
import type { ApiInputs, ApiOutputs } from '../lib/trpc';

export type TokenView = ApiOutputs['tokens']['list'][number];
export type CreateInput = ApiInputs['tokens']['create'];
export type UpdateInput = ApiInputs['tokens']['update'];

/** The form as typed. */
export interface TokenDraft {
  readonly label: string;
  /** Model names separated by commas (Chinese ones too), spaces or new lines; empty = every model. */
  readonly models: string;
  /** yyyy-mm-dd in the browser's time zone; empty = never. */
  readonly expiry: string;
  readonly rpm: string;
  /** Create only; empty = the server generates one. */
  readonly token: string;
}

export type DraftErrors = Partial<Record<keyof TokenDraft, string>>;

interface Parsed {
  readonly label: string;
  readonly allowedModels: string[] | null;
  readonly expiresAt: number | null;
  readonly rpmLimit: number | null;
  readonly token: string | undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day of a moment, as a date input writes it. */
export function dateOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The last millisecond of that local day: "expires 2026-12-31" means it still works all that day. */
export function endOfDay(date: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const ms = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59, 999).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

export function splitModels(text: string): string[] {
  return [...new Set(text.split(/[,，;；\s]+/).map((m) => m.trim()).filter((m) => m !== ''))];
}

export function draftOf(view?: TokenView): TokenDraft {
  return {
    label: view?.label ?? '',
    models: view?.allowedModels?.join(', ') ?? '',
    expiry: view?.expiresAt == null ? '' : dateOf(view.expiresAt),
    rpm: view?.rpmLimit == null ? '' : String(view.rpmLimit),
    token: '',
  };
}

/**
 * The same checks the server makes, in the page's language and before anything is sent. The
 * server still decides: its message is shown if it refuses.
 */
export function parseDraft(d: TokenDraft, mode: 'create' | 'edit', now: number): { parsed?: Parsed; errors: DraftErrors } {
  const errors: { -readonly [K in keyof TokenDraft]?: string } = {};
  const label = d.label.trim();
  if (label === '') errors.label = t('tokens.error.labelEmpty');
  else if (label.length > 100) errors.label = t('tokens.error.labelLong');
  const models = splitModels(d.models);
  if (models.some((m) => m.length > 200)) errors.models = t('tokens.error.modelLong');
  let expiresAt: number | null = null;
  if (d.expiry !== '') {
    const end = endOfDay(d.expiry);
    if (end === undefined) errors.expiry = t('tokens.error.expiryInvalid');
    else if (mode === 'create' && end <= now) errors.expiry = t('tokens.error.expiryPast');
    else expiresAt = end;
  }
  const rpmText = d.rpm.trim();
  const rpm = Number(rpmText);
  if (rpmText !== '' && (!Number.isInteger(rpm) || rpm < 1 || rpm > 100_000)) errors.rpm = t('tokens.error.rpmInvalid');
  const token = d.token.trim();
  if (mode === 'create' && token !== '' && !/^[A-Za-z0-9._~-]{8,255}$/.test(token)) errors.token = t('tokens.error.tokenInvalid');
  if (Object.keys(errors).length > 0) return { errors };
  return {
    parsed: { label, allowedModels: models.length > 0 ? models : null, expiresAt, rpmLimit: rpmText === '' ? null : rpm, token: token === '' ? undefined : token },
    errors: {},
  };
}

export function createInput(p: Parsed): CreateInput {
  return { label: p.label, allowedModels: p.allowedModels, expiresAt: p.expiresAt, rpmLimit: p.rpmLimit, ...(p.token ? { token: p.token } : {}) };
}

/**
 * Only what was changed: an untouched expiry date is not rewritten to the end of its day (a token
 * made through the API may expire at any time of day).
 */
export function updateInput(original: TokenView, d: TokenDraft, p: Parsed): UpdateInput {
  const before = draftOf(original);
  const same = (a: readonly string[] | null, b: readonly string[] | null) => JSON.stringify(a) === JSON.stringify(b);
  return {
    id: original.id,
    ...(p.label === original.label ? {} : { label: p.label }),
    ...(same(p.allowedModels, original.allowedModels) ? {} : { allowedModels: p.allowedModels }),
    ...(d.expiry === before.expiry ? {} : { expiresAt: p.expiresAt }),
    ...(p.rpmLimit === original.rpmLimit ? {} : { rpmLimit: p.rpmLimit }),
  };
}
