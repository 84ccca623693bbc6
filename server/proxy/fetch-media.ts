import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isPublicAddress } from './public-address';

/**
 * Downloads the http(s) images an OpenAI request links to, so the pure converter can inline them
 * (Gemini takes bytes, not URLs). Bounded, unlike the original (which blocked the event loop with
 * no timeout and no size limit, and fetched any address): 10 s each, 16 URLs and 20 MB in all
 * (Gemini's limit for inline data), public addresses only — checked again on every redirect — so
 * a token holder cannot make the server probe its own network. Not covered: DNS rebinding between
 * our lookup and fetch's own (a host that resolves to a public address, then to a private one).
 */
export type MediaResult = { mimeType: string; data: string } | { error: string };
export type MediaFetcher = (urls: readonly string[], signal: AbortSignal) => Promise<Map<string, MediaResult>>;

export interface MediaLimits {
  readonly timeoutMs: number;
  readonly maxUrls: number;
  readonly maxTotalBytes: number;
  readonly maxRedirects: number;
  /** Tests serve images from 127.0.0.1; production never allows private addresses. */
  readonly allowPrivate: boolean;
}

export const MEDIA_LIMITS: MediaLimits = { timeoutMs: 10_000, maxUrls: 16, maxTotalBytes: 20 * 1024 * 1024, maxRedirects: 3, allowPrivate: false };

/** The image type from the first bytes, when the server's content-type is missing or generic. */
function sniff(bytes: Uint8Array): string | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45) return 'image/webp';
  return undefined;
}

async function reachable(url: URL, limits: MediaLimits): Promise<boolean> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (limits.allowPrivate) return true;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  return addresses.length > 0 && addresses.every(isPublicAddress);
}

/** GET with redirects followed by hand, so every hop's address is checked. */
async function get(url: string, limits: MediaLimits, signal: AbortSignal): Promise<Response | undefined> {
  let next = new URL(url);
  for (let hop = 0; hop <= limits.maxRedirects; hop++) {
    if (!(await reachable(next, limits))) return undefined;
    const response = await fetch(next, { signal, redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return response;
    await response.body?.cancel();
    next = new URL(location, next);
  }
  return undefined;
}

async function readLimited(response: Response, budget: { left: number }): Promise<Uint8Array | undefined> {
  const parts: Uint8Array[] = [];
  for await (const part of response.body ?? []) {
    budget.left -= part.byteLength;
    if (budget.left < 0) return undefined;
    parts.push(part);
  }
  return Buffer.concat(parts);
}

async function download(url: string, limits: MediaLimits, signal: AbortSignal, budget: { left: number }): Promise<MediaResult> {
  const host = URL.canParse(url) ? new URL(url).host : url.slice(0, 60);
  // One message for every way a download can fail: which one it was would tell a caller about hosts it cannot see.
  const failed = { error: `the image at ${host} could not be downloaded (public http(s) address answering with an image, within ${limits.timeoutMs / 1000} s)` };
  try {
    const response = await get(url, limits, AbortSignal.any([signal, AbortSignal.timeout(limits.timeoutMs)]));
    if (!response?.ok) {
      await response?.body?.cancel();
      return failed;
    }
    const bytes = await readLimited(response, budget);
    if (!bytes) return { error: `the images of this request are larger than ${limits.maxTotalBytes / 1024 / 1024} MB in all` };
    const declared = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
    const mimeType = declared?.startsWith('image/') ? declared : sniff(bytes);
    return mimeType ? { mimeType, data: Buffer.from(bytes).toString('base64') } : failed;
  } catch {
    return failed;
  }
}

export function createMediaFetcher(limits: MediaLimits = MEDIA_LIMITS): MediaFetcher {
  return async (urls, signal) => {
    if (urls.length > limits.maxUrls) return new Map(urls.map((url) => [url, { error: `at most ${limits.maxUrls} image URLs per request` }]));
    const results = new Map<string, MediaResult>();
    const budget = { left: limits.maxTotalBytes };
    // Four at a time: one slow host must not make a request with many images take minutes.
    for (let i = 0; i < urls.length; i += 4) {
      const batch = urls.slice(i, i + 4);
      const done = await Promise.all(batch.map((url) => download(url, limits, signal, budget)));
      batch.forEach((url, j) => results.set(url, done[j] ?? { error: 'not downloaded' }));
    }
    return results;
  };
}
