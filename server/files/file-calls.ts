/**
 * files.list, files.get and files.delete (`/v1beta/files…`). Only files uploaded through this
 * server are known: the list is answered from its records (Google's own list holds one key's
 * files only), get and delete go to Google with the key that uploaded the file. With
 * FILES_USER_ISOLATION_ENABLED a token sees only its own files (gemini-balance checked only the list).
 */
import type { FileRow } from '../../db/schema';
import type { Deps } from '../deps';
import { ProxyError } from '../errors';
import type { ClientIdentity } from '../proxy/tokens';
import { fileNotFound, fileResource, usableBy } from './file-record';
import { callFiles, keyByFingerprint, relayFiles } from './files-upstream';

const MAX_PAGE = 100;

function pageOf(url: URL): { limit: number; offset: number } {
  const size = url.searchParams.get('pageSize');
  const limit = size === null || size === '' ? 10 : Number(size);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new ProxyError('bad-request', `pageSize must be a whole number from 1 to ${MAX_PAGE}.`);
  const token = url.searchParams.get('pageToken') ?? '';
  const offset = /^\d{1,9}$/.test(token) ? Number(token) : 0;
  return { limit, offset };
}

export async function listFiles(url: URL, client: ClientIdentity, deps: Deps): Promise<Response> {
  const { limit, offset } = pageOf(url);
  const owner = deps.settings.current.FILES_USER_ISOLATION_ENABLED ? client.owner : null;
  const rows = await deps.repo.listFiles({ owner, now: deps.now(), offset, limit: limit + 1 });
  const files = rows.slice(0, limit).map(fileResource);
  return Response.json(rows.length > limit ? { files, nextPageToken: String(offset + limit) } : { files });
}

/** The record of a file this client may use, or Google's 404. */
async function visibleFile(name: string, client: ClientIdentity, deps: Deps): Promise<FileRow> {
  const row = await deps.repo.file(name);
  if (row === null || !usableBy(row, client.owner, deps.settings.current.FILES_USER_ISOLATION_ENABLED, deps.now())) throw new ProxyError('not-found', fileNotFound(name));
  return row;
}

function keyOf(row: FileRow, deps: Deps): string {
  const key = keyByFingerprint(deps.pool.snapshot(), row.keyFingerprint);
  if (key === undefined) {
    throw new ProxyError('failed-precondition', `The file ${row.name} was uploaded with an API key that is no longer configured here; upload it again.`);
  }
  return key;
}

export async function getFile(request: Request, name: string, client: ClientIdentity, deps: Deps): Promise<Response> {
  const row = await visibleFile(name, client, deps);
  const url = `${deps.settings.current.BASE_URL}/${name}`;
  const answer = await callFiles(deps, client.label, keyOf(row, deps), { endpoint: 'files.get', method: 'GET', url }, request.signal);
  if (answer.status === 200) {
    const state = /"state"\s*:\s*"([A-Z_]+)"/.exec(answer.text)?.[1];
    if (state !== undefined && state !== row.state) await deps.repo.setFileState(name, state);
  }
  return relayFiles(answer);
}

export async function deleteFile(request: Request, name: string, client: ClientIdentity, deps: Deps): Promise<Response> {
  const row = await visibleFile(name, client, deps);
  const url = `${deps.settings.current.BASE_URL}/${name}`;
  const answer = await callFiles(deps, client.label, keyOf(row, deps), { endpoint: 'files.delete', method: 'DELETE', url }, request.signal);
  // Gone at Google already (expired early, or deleted elsewhere): the record goes too.
  if (answer.status === 404) {
    await deps.repo.deleteFile(name);
    return Response.json({});
  }
  if (answer.status >= 200 && answer.status < 300) await deps.repo.deleteFile(name);
  return relayFiles(answer);
}
