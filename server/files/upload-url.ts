/**
 * The URLs of Google's resumable upload protocol, as seen upstream and by the client. Pure.
 *
 * Google answers an upload start with `x-goog-upload-url:
 * https://generativelanguage.googleapis.com/upload/v1beta/files?upload_id=…&upload_protocol=resumable`
 * (recorded in tests/fixtures); the client is given the same path and query on this server plus
 * `gb_key`, the fingerprint of the key that started the upload, so any instance can carry on the
 * upload after a restart (nothing is kept in memory). Google's JS SDK replaces the host of that URL
 * with its own base URL's and keeps the path and query.
 */

export const KEY_PARAM = 'gb_key';

/** Google's upload endpoint for a BASE_URL: `https://host/v1beta` → `https://host/upload/v1beta/files`. */
export function uploadEndpoint(baseUrl: string): string {
  const url = new URL(baseUrl);
  const path = url.pathname.replace(/\/+$/, '');
  const version = /\/(v1beta|v1|v1alpha)$/.exec(path);
  const before = version ? path.slice(0, version.index) : path;
  return `${url.origin}${before}/upload/${version?.[1] ?? 'v1beta'}/files`;
}

/** The upload URL for the client: this server's upload path with Google's query and the key's fingerprint. */
export function clientUploadUrl(googleUrl: string, origin: string, uploadPath: string, keyFingerprint: string): string | undefined {
  let google: URL;
  try {
    google = new URL(googleUrl);
  } catch {
    return undefined;
  }
  const query = new URLSearchParams(google.search);
  // Google's URL carries no key when the key went in a header; drop one anyway.
  query.delete('key');
  query.set(KEY_PARAM, keyFingerprint);
  return `${origin}${uploadPath}?${query.toString()}`;
}

/** Where a client's chunk goes upstream, and with which key (by fingerprint); undefined without an upload_id. */
export function upstreamUploadUrl(clientUrl: URL, baseUrl: string): { url: string; keyFingerprint: string } | undefined {
  const query = new URLSearchParams(clientUrl.search);
  const keyFingerprint = query.get(KEY_PARAM);
  if (!query.get('upload_id') || !keyFingerprint) return undefined;
  query.delete(KEY_PARAM);
  query.delete('key');
  return { url: `${uploadEndpoint(baseUrl)}?${query.toString()}`, keyFingerprint };
}
