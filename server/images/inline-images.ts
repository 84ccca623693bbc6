/**
 * Images in Gemini's chat answers (`-image` models) on the image host, as gemini-balance put them
 * there when one was configured: each inlineData image is uploaded once and the OpenAI answer
 * links to it instead of carrying a data URL.
 */
import { randomBytes } from 'node:crypto';
import type { GeminiPart, GeminiResponse } from '../convert/gemini-types';
import type { Deps } from '../deps';
import { hostConfigured, uploadImage } from './image-hosts';

/** Hosted URLs by the image's base64 data: what the converters' `imageUrl` hook looks up. */
export type HostedImages = Map<string, string>;

export const hostedUrl = (hosted: HostedImages) => (part: GeminiPart) => (part.inlineData ? hosted.get(part.inlineData.data) : undefined);

/** Uploads the answer's images not hosted yet; UploadError when the host refuses one. */
export async function hostInlineImages(response: GeminiResponse, hosted: HostedImages, deps: Pick<Deps, 'settings' | 'fetch' | 'now'>): Promise<void> {
  const s = deps.settings.current;
  if (!hostConfigured(s)) return;
  const images = (response.candidates ?? []).flatMap((c) => c.content?.parts ?? []).flatMap((p) => (p.inlineData?.mimeType.startsWith('image/') ? [p.inlineData] : []));
  for (const image of images) {
    if (hosted.has(image.data)) continue;
    const day = new Date(deps.now()).toISOString().slice(0, 10).replaceAll('-', '/');
    const extension = image.mimeType.split('/')[1]?.replace('jpeg', 'jpg') ?? 'png';
    const upload = { bytes: Buffer.from(image.data, 'base64'), filename: `${day}/${randomBytes(4).toString('hex')}.${extension}`, mimeType: image.mimeType };
    hosted.set(image.data, await uploadImage(upload, s, deps.fetch, AbortSignal.timeout(s.TIME_OUT * 1000)));
  }
}

/** Whether an SSE event may hold an image (cheap test before parsing it twice). */
export const mayHoldImage = (data: string) => data.includes('"inlineData"');
