import { answer, type Outcome, type Route } from './answers';
import { openaiCompatReply } from './chat-replies';
import {
  invalidKey,
  pathNotFound,
  permissionDenied,
  rateLimited,
  serverError,
  unregisteredCaller,
} from './replies';
import type { FakeFiles } from './files';
import type { Behaviour, RecordedRequest } from './server';

// Google serves the same surface under /v1 and /v1beta, and Vertex AI Express mode under
// /v1beta1/publishers/google (VERTEX_EXPRESS_BASE_URL); model names never contain '/' or ':'.
const MODELS_PATH = /^\/(v1beta|v1|v1beta1\/publishers\/google)\/models(?:\/([^/:]+)(?::([A-Za-z]+))?)?$/;

export function parseRoute(method: string, path: string): Route | null {
  const match = MODELS_PATH.exec(path);
  if (!match) return null;
  const [, version = 'v1beta', rawModel, action] = match;
  let model: string | undefined;
  try {
    model = rawModel === undefined ? undefined : decodeURIComponent(rawModel);
  } catch {
    return null;
  }
  if (method === 'GET' && action === undefined) return { version, model };
  if (method === 'POST' && model !== undefined && action !== undefined) return { version, model, action };
  return null;
}

const reply = (response: Response): Outcome => ({ kind: 'response', response });
const bare = (model: string) => model.replace(/^models\//, '');

/** The fault a behaviour injects for this request, or null when the request is answered normally. */
function fault(behaviour: Behaviour, model: string | undefined): Outcome | null {
  switch (behaviour.kind) {
    case 'ok':
    case 'stream-fail-after':
    case 'empty':
    case 'max-tokens':
      return null;
    case 'invalid-key':
      return reply(invalidKey());
    case 'permission-denied':
      return reply(permissionDenied());
    case 'rate-limited': {
      const limited = behaviour.models === undefined || (model !== undefined && behaviour.models.map(bare).includes(model));
      return limited ? reply(rateLimited(behaviour.retryDelay)) : null;
    }
    case 'server-error':
      return reply(serverError(behaviour.status));
    case 'hang':
      return { kind: 'hang' };
    case 'drop':
      return { kind: 'drop' };
  }
}

const isFilesPath = (path: string) => path === '/upload/v1beta/files' || path.startsWith('/v1beta/files/');

/** Google's order: unknown paths first, then the caller's identity, then the key's state, then the call. */
export function respond(req: RecordedRequest, behaviourFor: (key: string) => Behaviour, files: FakeFiles): Outcome {
  if (req.path.startsWith('/v1beta/openai/')) return openaiCompat(req, behaviourFor);
  if (isFilesPath(req.path)) {
    if (req.key === null) return reply(unregisteredCaller());
    return fault(behaviourFor(req.key), undefined) ?? reply(files.handle(req, req.key) ?? pathNotFound());
  }
  const route = parseRoute(req.method, req.path);
  if (!route) return reply(pathNotFound());
  if (req.key === null) return reply(unregisteredCaller());
  const behaviour = behaviourFor(req.key);
  const injected = fault(behaviour, route.model);
  if (injected) return injected;
  const refused = files.checkReferences(req, req.key);
  if (refused) return reply(refused);
  return answer(route, req, { failAfter: behaviour.kind === 'stream-fail-after' ? behaviour.events : undefined, empty: behaviour.kind === 'empty', maxTokens: behaviour.kind === 'max-tokens' });
}

/** `/v1beta/openai/chat/completions` and `/v1beta/openai/models`, with the same key behaviours. */
function openaiCompat(req: RecordedRequest, behaviourFor: (key: string) => Behaviour): Outcome {
  if (req.key === null) return reply(unregisteredCaller());
  const injected = fault(behaviourFor(req.key), undefined);
  if (injected) return injected;
  if (req.method === 'POST' && req.path === '/v1beta/openai/chat/completions') {
    return reply(openaiCompatReply(req.body, req.key, req.body.includes('"stream":true')));
  }
  return reply(pathNotFound());
}
