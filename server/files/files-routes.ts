import type { Deps } from '../deps';
import { ProxyError, renderGoogleError } from '../errors';
import { authenticate } from '../proxy/auth';
import { notFound } from '../proxy/not-found';
import { safeDecode } from '../proxy/native-route';
import { deleteFile, getFile, listFiles } from './file-calls';
import { sendChunk, startUpload } from './upload';
import { isChunk } from './upload-url';

/** Errors of the Files routes are Google-shaped, like every native route. */
async function googleShaped(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ProxyError) return renderGoogleError(error);
    throw error;
  }
}

/** `files`, `files/{id}` after a native prefix (`/v1beta/`, `/gemini/v1beta/`, `/v1/`). */
export function isFilesPath(rest: string): boolean {
  return rest === 'files' || rest.startsWith('files/');
}

export function filesCall(request: Request, url: URL, rest: string, deps: Deps): Promise<Response> {
  return googleShaped(async () => {
    const client = await authenticate(request, url, deps.tokens, deps.now());
    const name = safeDecode(rest.replace(/\/+$/, ''));
    if (name === 'files' && request.method === 'GET') return listFiles(url, client, deps);
    if (name !== undefined && /^files\/[\w-]+$/.test(name)) {
      if (request.method === 'GET') return getFile(request, name, client, deps);
      if (request.method === 'DELETE') return deleteFile(request, name, client, deps);
    }
    return notFound(request);
  });
}

/** `/upload/v1beta/files` and `/gemini/upload/v1beta/files` (v1 too: Google's JS SDK asks its own API version). */
export function uploadCall(request: Request, url: URL, uploadPrefix: string, deps: Deps): Promise<Response> {
  return googleShaped(async () => {
    const rest = url.pathname.slice(uploadPrefix.length).replace(/\/+$/, '');
    if (rest !== 'v1beta/files' && rest !== 'v1/files') return notFound(request);
    if (!['POST', 'PUT', 'GET'].includes(request.method)) return notFound(request);
    // Chunks carry the upload's signed grant instead of a token (Python's SDK sends none).
    if (isChunk(url)) return sendChunk(request, url, deps);
    const client = await authenticate(request, url, deps.tokens, deps.now());
    return startUpload(request, `${uploadPrefix}${rest}`, client, deps);
  });
}
