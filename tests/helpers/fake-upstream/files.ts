/**
 * Google's Files API as the fake serves it: the resumable upload protocol (start → chunks →
 * finalize, shapes as recorded in tests/fixtures: an empty text/plain start answer carrying
 * x-goog-upload-url with upload_id and upload_protocol=resumable, x-goog-upload-status active →
 * final), files.get and files.delete. A file belongs to the key that uploaded it: any other key
 * gets Google's 403, also when a generateContent call refers to the file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { jsonResponse } from './replies';
import type { RecordedRequest } from './server';

export interface FakeFile {
  readonly name: string;
  readonly key: string;
  readonly body: string;
  readonly resource: Record<string, string>;
}

interface Upload {
  readonly key: string;
  readonly displayName: string | undefined;
  readonly mimeType: string;
  chunks: string[];
}

const noAccess = (id: string) =>
  jsonResponse(403, { error: { code: 403, message: `You do not have permission to access the File ${id} or it may not exist.`, status: 'PERMISSION_DENIED' } });

function displayNameOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { file?: { displayName?: string; display_name?: string } };
    return parsed.file?.displayName ?? parsed.file?.display_name;
  } catch {
    return undefined;
  }
}

export function createFakeFiles(origin: () => string) {
  const uploads = new Map<string, Upload>();
  const files = new Map<string, FakeFile>();

  function start(req: RecordedRequest, key: string): Response {
    const id = randomBytes(12).toString('base64url');
    uploads.set(id, { key, displayName: displayNameOf(req.body), mimeType: req.headers['x-goog-upload-header-content-type'] ?? 'application/octet-stream', chunks: [] });
    const url = `${origin()}/upload/v1beta/files?upload_id=${id}&upload_protocol=resumable`;
    return new Response('', { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-goog-upload-status': 'active', 'x-goog-upload-url': url } });
  }

  function chunk(req: RecordedRequest, key: string, id: string): Response {
    const upload = uploads.get(id);
    if (!upload) return jsonResponse(404, { error: { code: 404, message: 'Upload not found.', status: 'NOT_FOUND' } });
    if (upload.key !== key) return noAccess(id);
    upload.chunks.push(req.body);
    const command = req.headers['x-goog-upload-command'] ?? '';
    if (!command.includes('finalize')) return new Response('', { status: 200, headers: { 'x-goog-upload-status': 'active' } });
    uploads.delete(id);
    const body = upload.chunks.join('');
    const fileId = randomBytes(6).toString('hex');
    const now = new Date();
    const resource = {
      name: `files/${fileId}`,
      ...(upload.displayName === undefined ? {} : { displayName: upload.displayName }),
      mimeType: upload.mimeType,
      sizeBytes: String(Buffer.byteLength(body)),
      createTime: now.toISOString(),
      updateTime: now.toISOString(),
      expirationTime: new Date(now.getTime() + 48 * 3_600_000).toISOString(),
      sha256Hash: createHash('sha256').update(body).digest('base64'),
      uri: `${origin()}/v1beta/files/${fileId}`,
      state: 'ACTIVE',
      source: 'UPLOADED',
    };
    files.set(resource.name, { name: resource.name, key, body, resource });
    const answer = jsonResponse(200, { file: resource });
    answer.headers.set('x-goog-upload-status', 'final');
    return answer;
  }

  /** An answer for a Files request, or null when the request is not one. */
  function handle(req: RecordedRequest, key: string): Response | null {
    if (req.path === '/upload/v1beta/files' && req.method === 'POST') {
      const id = req.query.upload_id;
      return id === undefined ? start(req, key) : chunk(req, key, id);
    }
    const match = /^\/v1beta\/(files\/[\w-]+)$/.exec(req.path);
    if (!match?.[1]) return null;
    const file = files.get(match[1]);
    if (!file || file.key !== key) return noAccess(match[1].slice('files/'.length));
    if (req.method === 'GET') return jsonResponse(200, file.resource);
    if (req.method === 'DELETE') {
      files.delete(file.name);
      return jsonResponse(200, {});
    }
    return null;
  }

  /** Google refuses a generateContent call that refers to a file of another key (or none). */
  function checkReferences(req: RecordedRequest, key: string): Response | null {
    for (const match of req.body.matchAll(/"file(?:Uri|_uri)"\s*:\s*"[^"]*\/files\/([\w-]+)"/g)) {
      const id = match[1] ?? '';
      if (files.get(`files/${id}`)?.key !== key) return noAccess(id);
    }
    return null;
  }

  return { handle, checkReferences, files };
}

export type FakeFiles = ReturnType<typeof createFakeFiles>;
