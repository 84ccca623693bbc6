import {
  invalidKeyBody,
  permissionDeniedBody,
  rateLimitBody,
  unknownModelBody,
  type GoogleErrorBody,
} from './fixtures';

// Headers Google's front end sends on every answer; a proxy that copies upstream headers sees the same.
const GOOGLE_HEADERS = {
  vary: 'Origin, X-Origin, Referer',
  server: 'scaffolding on HTTPServer2',
  'x-content-type-options': 'nosniff',
};

export const JSON_CONTENT_TYPE = 'application/json; charset=UTF-8';
export const SSE_HEADERS = { 'content-type': 'text/event-stream', 'content-disposition': 'attachment', ...GOOGLE_HEADERS };
export const JSON_HEADERS = { 'content-type': JSON_CONTENT_TYPE, ...GOOGLE_HEADERS };

/** A JSON answer printed the way Google prints it: two-space indent and a final newline. */
export function jsonResponse(status: number, body: unknown): Response {
  return new Response(`${JSON.stringify(body, null, 2)}\n`, { status, headers: JSON_HEADERS });
}

function googleError(code: number, status: string, message: string): GoogleErrorBody {
  return { error: { code, message, status } };
}

export const invalidKey = () => jsonResponse(400, invalidKeyBody());
export const permissionDenied = () => jsonResponse(403, permissionDeniedBody());
export const rateLimited = (retryDelay?: string) => jsonResponse(429, rateLimitBody(retryDelay));
export const unknownModel = (model: string, version: string) => jsonResponse(404, unknownModelBody(model, version));

const SERVER_ERRORS = {
  500: googleError(
    500,
    'INTERNAL',
    'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  ),
  503: googleError(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'),
} as const;

export const serverError = (status: 500 | 503) => jsonResponse(status, SERVER_ERRORS[status]);

export const unregisteredCaller = () =>
  jsonResponse(
    403,
    googleError(
      403,
      'PERMISSION_DENIED',
      "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    ),
  );

export const pathNotFound = () => jsonResponse(404, googleError(404, 'NOT_FOUND', 'Method not found.'));

export const invalidPayload = (detail: string) =>
  jsonResponse(400, googleError(400, 'INVALID_ARGUMENT', `Invalid JSON payload received. ${detail}`));
