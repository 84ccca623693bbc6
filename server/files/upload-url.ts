/**
 * The URLs of Google's resumable upload protocol, as seen upstream and by the client. Pure.
 *
 * Google answers an upload start with `x-goog-upload-url:
 * https://generativelanguage.googleapis.com/upload/v1beta/files?upload_id=…&upload_protocol=resumable`
 * (recorded in tests/fixtures). For Google the upload_id is the credential: Python's google-genai
 * sends the chunks to that URL with no API key at all. The client is given the same path and
 * query on this server plus a signed capability — the fingerprint of the key that started the
 * upload (Google ties the upload to it) and the owner of the file to be — so no token is needed
 * for the chunks, none appears in the URL, and any instance carries the upload on after a restart
 * (nothing is kept in memory). Google's JS SDK replaces the host of the URL with its own base URL's.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const KEY_PARAM = 'gb_key';
const OWNER_PARAM = 'gb_owner';
const SIGNATURE_PARAM = 'gb_sig';

/** Google's upload endpoint for a BASE_URL: `https://host/v1beta` → `https://host/upload/v1beta/files`. */
export function uploadEndpoint(baseUrl: string): string {
  const url = new URL(baseUrl);
  const path = url.pathname.replace(/\/+$/, '');
  const version = /\/(v1beta|v1|v1alpha)$/.exec(path);
  const before = version ? path.slice(0, version.index) : path;
  return `${url.origin}${before}/upload/${version?.[1] ?? 'v1beta'}/files`;
}

export interface UploadGrant {
  readonly keyFingerprint: string;
  readonly owner: string;
}

const sign = (secret: string, uploadId: string, grant: UploadGrant) =>
  createHmac('sha256', secret).update(`${uploadId}\n${grant.keyFingerprint}\n${grant.owner}`).digest('base64url').slice(0, 32);

/** The upload URL for the client: this server's upload path with Google's query and the signed grant. */
export function clientUploadUrl(googleUrl: string, origin: string, uploadPath: string, grant: UploadGrant, secret: string): string | undefined {
  let query: URLSearchParams;
  try {
    query = new URLSearchParams(new URL(googleUrl).search);
  } catch {
    return undefined;
  }
  const uploadId = query.get('upload_id');
  if (!uploadId) return undefined;
  // Google's URL carries no key when the key went in a header; drop one anyway.
  query.delete('key');
  query.set(KEY_PARAM, grant.keyFingerprint);
  query.set(OWNER_PARAM, grant.owner);
  query.set(SIGNATURE_PARAM, sign(secret, uploadId, grant));
  return `${origin}${uploadPath}?${query.toString()}`;
}

/** Whether the client's URL is a chunk of an upload (it names an upload_id) rather than a start. */
export const isChunk = (clientUrl: URL) => clientUrl.searchParams.has('upload_id');

/** Where a chunk goes upstream and under which grant; undefined when the grant is missing or forged. */
export function upstreamUploadUrl(clientUrl: URL, baseUrl: string, secret: string): (UploadGrant & { url: string }) | undefined {
  const query = new URLSearchParams(clientUrl.search);
  const uploadId = query.get('upload_id');
  const grant = { keyFingerprint: query.get(KEY_PARAM) ?? '', owner: query.get(OWNER_PARAM) ?? '' };
  const given = Buffer.from(query.get(SIGNATURE_PARAM) ?? '');
  if (!uploadId || !grant.keyFingerprint) return undefined;
  const expected = Buffer.from(sign(secret, uploadId, grant));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  for (const name of [KEY_PARAM, OWNER_PARAM, SIGNATURE_PARAM, 'key']) query.delete(name);
  return { ...grant, url: `${uploadEndpoint(baseUrl)}?${query.toString()}` };
}
