import * as v from 'valibot';
import { ProxyError } from '../errors';
import type { Logger } from '../log';
import { CORS_HEADERS } from './cors';
import type { Failure } from './dialect';

export const JSON_HEADERS = { ...CORS_HEADERS, 'content-type': 'application/json' };

/** OpenAI's error `type` for an upstream HTTP status: what its SDKs map to exception classes. */
function openaiType(status: number): string {
  if (status === 400 || status === 404 || status === 409 || status === 422) return 'invalid_request_error';
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 429) return 'rate_limit_error';
  return 'server_error';
}

interface GoogleError {
  readonly message: string;
  readonly status: string | null;
}

/** Google's `{error:{code,message,status}}` (sometimes inside a one-element array); plain text otherwise. */
export function googleError(body: string): GoogleError {
  try {
    const parsed: unknown = JSON.parse(body);
    const first: unknown = Array.isArray(parsed) ? parsed[0] : parsed;
    if (typeof first === 'object' && first !== null && 'error' in first) {
      const error = first.error as { message?: unknown; status?: unknown };
      return { message: typeof error.message === 'string' ? error.message : body, status: typeof error.status === 'string' ? error.status : null };
    }
  } catch {
    // Not JSON (an HTML error page from a proxy in between): its text is the message.
  }
  return { message: body.slice(0, 2000) || 'Gemini returned an error without a body.', status: null };
}

/** Google's error as an OpenAI client expects it, with the same HTTP status and Retry-After. */
export function openaiFailure(f: Failure): Response {
  const error = googleError(f.body);
  const body = { error: { message: error.message, type: openaiType(f.status), code: error.status?.toLowerCase() ?? null, param: null } };
  const headers: Record<string, string> = {};
  if (f.retryAfterMs !== null) headers['retry-after'] = String(Math.max(1, Math.ceil(f.retryAfterMs / 1000)));
  return Response.json(body, { status: f.status, headers });
}

/** The body as JSON, or a 400 that says what is wrong with it. */
export async function readJson(request: Request): Promise<{ json: unknown; text: string }> {
  const text = await request.text();
  try {
    return { json: JSON.parse(text), text };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new ProxyError('bad-request', `The request body is not valid JSON (${why}).`);
  }
}

/** Validates with a valibot schema; the first issue becomes a 400 naming the field (OpenAI's `param`). */
export function validate<S extends v.GenericSchema>(schema: S, json: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, json);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const param = issue ? v.getDotPath(issue) : null;
  const where = param ? `${param}: ` : '';
  throw new ProxyError('bad-request', `Invalid request: ${where}${issue?.message ?? 'does not match the expected shape'}.`, undefined, param ?? undefined);
}

/**
 * Logs each distinct dropped-parameter warning once per process: never silent, never a log line
 * per request (a client that always sends `user` would flood the log).
 */
export function createWarningLog(log: Logger, limit = 1000) {
  const seen = new Set<string>();
  return (context: string, warnings: readonly string[]) => {
    for (const warning of warnings) {
      const line = `${context}: ${warning}`;
      if (seen.has(line)) continue;
      if (seen.size < limit) seen.add(line);
      log.warn(`${line} (logged once)`);
    }
  };
}
