/**
 * Google's resumable upload protocol through the proxy (`POST /upload/v1beta/files`): the start is
 * sent with a key from the pool; every later chunk, and the finalize that creates the file, with
 * that same key (Google ties the upload to it). The finished file is recorded with its key and its
 * owner, so later calls that use it go to the same key and other tokens do not see it.
 */
import * as v from 'valibot';
import type { Deps } from '../deps';
import { ProxyError } from '../errors';
import { fingerprint } from '../keypool/keys';
import { publicOrigin } from '../proxy/not-found';
import { noKeyError } from '../proxy/pipeline';
import type { ClientIdentity } from '../proxy/tokens';
import { fileRecord, GoogleFileSchema } from './file-record';
import { callFiles, keyByFingerprint, relayFiles } from './files-upstream';
import { clientUploadUrl, type UploadGrant, uploadEndpoint, upstreamUploadUrl } from './upload-url';

/** Headers of the protocol that Google reads; nothing else of the client's goes upstream. */
const START_HEADERS = ['content-type', 'x-goog-upload-protocol', 'x-goog-upload-command', 'x-goog-upload-header-content-length', 'x-goog-upload-header-content-type', 'x-goog-upload-file-name'];
const CHUNK_HEADERS = ['content-type', 'content-length', 'x-goog-upload-command', 'x-goog-upload-offset'];
/** Request-log label of chunks: they carry the upload's signed grant, not a token. */
const CHUNK_LABEL = 'files upload';

function picked(request: Request, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = request.headers.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

export async function startUpload(request: Request, uploadPath: string, client: ClientIdentity, deps: Deps): Promise<Response> {
  const s = deps.settings.current;
  const pick = deps.pool.pick('', new Set());
  if (pick.key === null) throw noKeyError(pick, deps);
  const call = { endpoint: 'files.upload', method: 'POST', url: uploadEndpoint(s.BASE_URL), headers: picked(request, START_HEADERS), body: await request.arrayBuffer() };
  const answer = await callFiles(deps, client.label, pick.key, call, request.signal);
  if (answer.status < 200 || answer.status >= 300) return relayFiles(answer);
  const googleUrl = answer.headers.get('x-goog-upload-url');
  const grant = { keyFingerprint: fingerprint(pick.key), owner: client.owner };
  const ours = googleUrl === null ? undefined : clientUploadUrl(googleUrl, publicOrigin(request), uploadPath, grant, deps.settings.sessionSecret);
  if (ours === undefined) throw new ProxyError('upstream-unreachable', 'Gemini started the upload but gave no upload URL.');
  return relayFiles(answer, { 'x-goog-upload-url': ours });
}

/** A chunk (or the final one, or a status query) of an upload this server started. */
export async function sendChunk(request: Request, url: URL, deps: Deps): Promise<Response> {
  const chunk = upstreamUploadUrl(url, deps.settings.current.BASE_URL, deps.settings.sessionSecret);
  const key = chunk && keyByFingerprint(deps.pool.snapshot(), chunk.keyFingerprint);
  if (!chunk || key === undefined) {
    throw new ProxyError('not-found', 'Upload session not found (or its API key is no longer configured): start the upload again.');
  }
  const command = request.headers.get('x-goog-upload-command') ?? '';
  // Google's resumable protocol takes every command as a POST (the original proxy also turned PUTs into POSTs).
  const method = request.method === 'GET' ? 'GET' : 'POST';
  const body = method === 'GET' ? null : request.body;
  const call = { endpoint: 'files.upload', method, url: chunk.url, headers: picked(request, CHUNK_HEADERS), body, streamsClientBody: true };
  const answer = await callFiles(deps, CHUNK_LABEL, key, call, request.signal);
  if (command.includes('finalize') && answer.status >= 200 && answer.status < 300) await recordFile(answer.text, chunk, deps);
  return relayFiles(answer);
}

/** Google has the file whatever happens here: a failed write is logged, and the client still gets Google's answer. */
async function recordFile(text: string, grant: UploadGrant, deps: Deps): Promise<void> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const file = v.safeParse(v.object({ file: GoogleFileSchema }), parsed);
  if (!file.success) {
    deps.log.warn("files: an upload finished but Google's answer names no file; it is not recorded (prompts using it may go to another key).");
    return;
  }
  const row = fileRecord(file.output.file, grant.keyFingerprint, grant.owner, deps.now(), deps.settings.current.BASE_URL);
  try {
    await deps.repo.saveFile(row);
  } catch (error) {
    deps.log.error(`files: ${row.name} was uploaded but could not be recorded (${error instanceof Error ? error.message : String(error)}); prompts using it may go to another key.`);
  }
}
