import { TRPCClientError } from '@trpc/client';
import type { AppRouter } from '../../../server/admin/router';
import { t } from '../i18n';

export interface FieldError {
  readonly name: string;
  readonly message: string;
}

/** What the page shows for a failed call: the server's own words, never a generic "failed". */
export interface ApiFailure {
  readonly message: string;
  readonly status: number | null;
  /** A refused settings save: one message per field (the server's `data.fields`). */
  readonly fields: readonly FieldError[];
}

export function describeError(error: unknown): ApiFailure {
  if (error instanceof TRPCClientError) {
    const typed = error as TRPCClientError<AppRouter>;
    const data = typed.data;
    // No `data` means no tRPC answer at all: the network failed or a proxy answered with HTML.
    if (!data) return { message: t('error.network', { message: typed.message }), status: null, fields: [] };
    return { message: typed.message, status: data.httpStatus, fields: data.fields ?? [] };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message: t('error.network', { message }), status: null, fields: [] };
}
