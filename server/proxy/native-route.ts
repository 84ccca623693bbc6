/** What a native path asks for. Pure. */
export type NativeRoute =
  | { kind: 'list-models' }
  | { kind: 'get-model'; model: string }
  | { kind: 'model-action'; model: string; action: string };

/**
 * `models`, `models/{m}`, `models/{m}:{action}` (the part after `/v1beta/`). Model names may be
 * given as `models/x` or `tunedModels/x` by SDKs; anything else is not a route we serve here.
 */
export function parseNativePath(rest: string): NativeRoute | undefined {
  const path = safeDecode(rest)?.replace(/\/+$/, '');
  if (path === undefined) return undefined;
  if (path === 'models') return { kind: 'list-models' };
  const match = /^models\/([^/:]+)(?::([A-Za-z]+))?$/.exec(path);
  if (!match?.[1]) return undefined;
  return match[2] ? { kind: 'model-action', model: match[1], action: match[2] } : { kind: 'get-model', model: match[1] };
}

export const routeModel = (r: NativeRoute) => (r.kind === 'list-models' ? undefined : r.model);
export const routeEndpoint = (r: NativeRoute) => (r.kind === 'model-action' ? r.action : r.kind);

/** A malformed %-escape (`%E0%A4%A`) is a path that does not exist, not a server error. */
export function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
