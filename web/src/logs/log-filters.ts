import type { MessageKey } from '../i18n/en';
import type { ApiInputs } from '../lib/trpc';
import { fromLocalInput } from './format';

/** What both log lists accept, without the paging fields (log-list.ts adds those). */
export type ErrorQuery = Omit<ApiInputs['logs']['listErrors'], 'cursor' | 'limit'>;
export type RequestQuery = Omit<ApiInputs['logs']['listRequests'], 'cursor' | 'limit'>;
export type Outcome = NonNullable<RequestQuery['outcome']>;

/** Every outcome the server records (server/admin/logs/log-inputs.ts); the type refuses a misspelt one. */
export const OUTCOMES = ['ok', 'rate-limited', 'key-invalid', 'transient', 'client-error', 'cancelled', 'stream-broken'] as const satisfies readonly Outcome[];

/** Plain words for each outcome: the users are rarely programmers. The Record type makes a missing one a compile error. */
export const OUTCOME_LABELS: Record<Outcome, MessageKey> = {
  ok: 'logs.outcome.ok',
  'rate-limited': 'logs.outcome.rateLimited',
  'key-invalid': 'logs.outcome.keyInvalid',
  transient: 'logs.outcome.transient',
  'client-error': 'logs.outcome.clientError',
  cancelled: 'logs.outcome.cancelled',
  'stream-broken': 'logs.outcome.streamBroken',
};

export const isOutcome = (value: string): value is Outcome => (OUTCOMES as readonly string[]).includes(value);

export type RangePreset = 'all' | '1h' | '24h' | '7d' | 'custom';
export const RANGE_PRESETS: readonly RangePreset[] = ['1h', '24h', '7d', 'all', 'custom'];
const PRESET_SPAN_MS: Record<Exclude<RangePreset, 'all' | 'custom'>, number> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 };

/** The filter bar as typed: text, so a half-typed status or date never breaks the page. */
export interface LogFilters {
  readonly range: RangePreset;
  /** datetime-local values (browser time zone); used when range is custom. */
  readonly from: string;
  readonly to: string;
  /** A masked key picked from the suggestions, a key id (fingerprint) or a full key. */
  readonly key: string;
  readonly model: string;
  readonly status: string;
  /** '' = any; ignored on the error tab (error logs have no outcome). */
  readonly outcome: string;
}

export const DEFAULT_FILTERS: LogFilters = { range: '24h', from: '', to: '', key: '', model: '', status: '', outcome: '' };

/** Whether anything narrows the list beyond the default time range (shows the "clear filters" button). */
export const hasFilters = (f: LogFilters) => f.range !== DEFAULT_FILTERS.range || f.key !== '' || f.model !== '' || f.status !== '' || f.outcome !== '';

export type QueryResult = { readonly query: ErrorQuery; readonly outcome: Outcome | undefined } | { readonly problem: MessageKey };

/**
 * The API's filters for what is typed. Presets count back from `now` (the moment of loading, so
 * "Refresh" moves the window). `keyIdOf` turns a masked key picked from the suggestions into its
 * id; anything else (a key id or a full key) goes as typed and the server fingerprints it.
 */
export function toQuery(f: LogFilters, now: number, keyIdOf: (text: string) => string | undefined): QueryResult {
  let from: number | undefined;
  let to: number | undefined;
  if (f.range === 'custom') {
    from = fromLocalInput(f.from);
    to = fromLocalInput(f.to);
    if (from !== undefined && to !== undefined && from > to) return { problem: 'logs.filter.rangeBackwards' };
  } else if (f.range !== 'all') {
    from = now - PRESET_SPAN_MS[f.range];
  }
  const status = f.status.trim();
  if (status !== '' && !/^[1-5]\d\d$/.test(status)) return { problem: 'logs.filter.statusInvalid' };
  const key = f.key.trim();
  // As typed: the logs keep the model as the client named it (with or without `models/`).
  const model = f.model.trim();
  const query: ErrorQuery = {
    ...(from === undefined ? {} : { from: Math.max(0, from) }),
    ...(to === undefined ? {} : { to }),
    ...(key === '' ? {} : { key: keyIdOf(key) ?? key }),
    ...(model === '' ? {} : { model }),
    ...(status === '' ? {} : { status: Number(status) }),
  };
  return { query, outcome: isOutcome(f.outcome) ? f.outcome : undefined };
}
