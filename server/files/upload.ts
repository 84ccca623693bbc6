/**
 * Google's resumable upload protocol through the proxy (`POST /upload/v1beta/files`): the start is
 * sent with a key from the pool; every later chunk, and the finalize that creates the file, with
 * that same key (Google ties the upload to it). The finished file is recorded with its key and its
 * owner, so later calls that use it go to the same key and other tokens do not see it.
 */
import type { Deps } from '../deps';
import { ProxyError } from '../errors';
import { fingerprint } from '../keypool/keys';
import { publicOrigin } from '../proxy/not-found';
import { noKeyError } from '../proxy/pipeline';
import type { ClientIdentity } from '../proxy/tokens';
import { fileRecord, GoogleFileSchema } from './file-record';
import { callFiles, keyByFingerprint, relayFiles } from './files-upstream';
import { clientUploadUrl, uploadEndpoint, upstreamUploadUrl } from './upload-url';
import * as v from 'valibot';

/** Headers of the protocol that Google reads; nothing else of the client's goes upstream. */
const START_HEADERS = ['content-type', 'x-goog-upload-protocol', 'x-goog-upload-command', 'x-goog-upload-header-content-length', 'x-goog-upload-header-content-type', 'x-goog-upload-file-name'];
const CHUNK_HEADERS = ['content-type', 'content-length', 'x-goog-upload-command', 'x-goog-upload-offset'];

function picked(request: Request, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = request.headers.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

/** A start, or a chunk of an upload already started (the URL carries upload_id). */
export function upload(request: Request, url: URL, uploadPath: string, client: ClientIdentity, deps: Deps): Promise<Response> {
  const chunk = upstreamUploadUrl(url, deps.settings.current.BASE_URL);
  return chunk ? sendChunk(request, chunk, client, deps) : startUpload(request, uploadPath, client, deps);
}

async function startUpload(request: Request, uploadPath: string, client: ClientIdentity, deps: Deps): Promise<Response> {
  const s = deps.settings.current;
  const pick = deps.pool.pick('', new Set());
  if (pick.key === null) throw noKeyError(pick, deps);
  const call = { endpoint: 'files.upload', method: 'POST', url: uploadEndpoint(s.BASE_URL), headers: picked(request, START_HEADERS), body: await request.arrayBuffer() };
  const answer = await callFiles(deps, client, pick.key, call, request.signal);
  if (answer.status < 200 || answer.status >= 300) return relayFiles(answer);
  const googleUrl = answer.headers.get('x-goog-upload-url');
  const ours = googleUrl === null ? undefined : clientUploadUrl(googleUrl, publicOrigin(request), uploadPath, fingerprint(pick.key));
  if (ours === undefined) throw new ProxyError('upstream-unreachable', 'Gemini started the upload but gave no upload URL.');
  return relayFiles(answer, { 'x-goog-upload-url': ours });
}

async function sendChunk(request: Request, chunk: { url: string; keyFingerprint: string }, client: ClientIdentity, deps: Deps): Promise<Response> {
  const key = keyByFingerprint(deps.pool.snapshot(), chunk.keyFingerprint);
  if (key === undefined) throw new ProxyError('not-found', 'Upload session not found: the API key that started it is no longer configured. Start the upload again.');
  const command = request.headers.get('x-goog-upload-command') ?? '';
  // Google's resumable protocol takes every command as a POST (the original proxy also turned PUTs into POSTs).
  const method = request.method === 'GET' ? 'GET' : 'POST';
  const body = method === 'GET' ? null : request.body;
  const call = { endpoint: 'files.upload', method, url: chunk.url, headers: picked(request, CHUNK_HEADERS), body };
  const answer = await callFiles(deps, client, key, call, request.signal);
  if (command.includes('finalize') && answer.status >= 200 && answer.status < 300) await recordFile(answer.text, chunk.keyFingerprint, client, deps);
  return relayFiles(answer);
}

async function recordFile(text: string, keyFingerprint: string, client: ClientIdentity, deps: Deps): Promise<void> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const file = v.safeParse(v.object({ file: GoogleFileSchema }), parsed);
  if (!file.success) {
    deps.log.warn('files: an upload finished but Google\'s answer names no file; it is not recorded (later calls may use another key).');
    return;
  }
  await deps.repo.saveFile(fileRecord(file.output.file, keyFingerprint, client.owner, deps.now(), deps.settings.current.BASE_URL));
}
