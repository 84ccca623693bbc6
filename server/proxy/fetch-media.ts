/**
 * Downloads the http(s) images an OpenAI request links to, so the pure converter can inline them
 * (Gemini takes bytes, not URLs). Bounded, unlike the original (which blocked the event loop with
 * no timeout and no size limit, and labelled everything image/png): 10 s, 20 MB, 4 at a time.
 */
export type MediaResult = { mimeType: string; data: string } | { error: string };

export const MEDIA_LIMITS = { timeoutMs: 10_000, maxBytes: 20 * 1024 * 1024, parallel: 4 } as const;

/** The image type from the first bytes, when the server's content-type is missing or generic. */
function sniff(bytes: Uint8Array): string | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45) return 'image/webp';
  return undefined;
}

async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) return undefined;
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const part of response.body ?? []) {
    size += part.byteLength;
    if (size > maxBytes) return undefined;
    parts.push(part);
  }
  return Buffer.concat(parts);
}

async function download(url: string, limits: typeof MEDIA_LIMITS): Promise<MediaResult> {
  const host = URL.canParse(url) ? new URL(url).host : url.slice(0, 60);
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(limits.timeoutMs), redirect: 'follow' });
    if (!response.ok) return { error: `the image at ${host} answered HTTP ${response.status}` };
    const bytes = await readLimited(response, limits.maxBytes);
    if (!bytes) return { error: `the image at ${host} is larger than ${limits.maxBytes / 1024 / 1024} MB` };
    const declared = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
    const mimeType = declared?.startsWith('image/') ? declared : sniff(bytes);
    if (!mimeType) return { error: `the file at ${host} is not an image (${declared ?? 'no content-type'})` };
    return { mimeType, data: Buffer.from(bytes).toString('base64') };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return { error: timedOut ? `the image at ${host} did not download within ${limits.timeoutMs / 1000} s` : `the image at ${host} could not be downloaded` };
  }
}

export async function fetchMedia(urls: readonly string[], limits = MEDIA_LIMITS): Promise<Map<string, MediaResult>> {
  const results = new Map<string, MediaResult>();
  for (let i = 0; i < urls.length; i += limits.parallel) {
    const batch = urls.slice(i, i + limits.parallel);
    const done = await Promise.all(batch.map((url) => download(url, limits)));
    batch.forEach((url, j) => results.set(url, done[j] ?? { error: 'not downloaded' }));
  }
  return results;
}
