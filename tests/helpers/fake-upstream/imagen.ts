/**
 * Imagen `:predict` answers: `{"predictions":[{"mimeType":"image/png","bytesBase64Encoded":…}]}`,
 * one per sampleCount (as Google's Imagen guide shows them; no recorded Imagen answer is among the
 * fixtures). The images are a 1×1 PNG whose last data byte is the image's index, so tests can tell
 * them apart. A prompt containing "blocked" gets `{}`: every image withheld by the safety filters.
 */

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cfc0f01f0005000201a0a1d4f70000000049454e44ae426082', 'hex');

export const imagenPng = (index: number) => {
  const copy = Buffer.from(PNG);
  copy[copy.length - 13] = index;
  return copy;
};

export function imagenReply(body: string) {
  const parsed = JSON.parse(body) as { instances?: { prompt?: string }[]; parameters?: { sampleCount?: number } };
  if (parsed.instances?.[0]?.prompt?.includes('blocked')) return {};
  const count = parsed.parameters?.sampleCount ?? 1;
  return { predictions: Array.from({ length: count }, (_, i) => ({ mimeType: 'image/png', bytesBase64Encoded: imagenPng(i).toString('base64') })) };
}
