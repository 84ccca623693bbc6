/**
 * Answers of image-output models (requests with responseModalities IMAGE, as the `-image` aliases
 * send): a text part, then the picture as inlineData — the order and shape of the recorded
 * js-genai image-output stream (Client_Tests_generateContentStream_…_with_image_output.json),
 * with a 1×1 PNG instead of its 1.3 MB one.
 */
import { imagenPng } from './imagen';

export const IMAGE_OUTPUT_PNG = imagenPng(7);

export function wantsImage(body: string): boolean {
  try {
    return ((JSON.parse(body) as { generationConfig?: { responseModalities?: string[] } }).generationConfig?.responseModalities ?? []).includes('IMAGE');
  } catch {
    return false;
  }
}

const textPart = { text: 'Here is a small picture.' };
const imagePart = { inlineData: { mimeType: 'image/png', data: IMAGE_OUTPUT_PNG.toString('base64') } };
const usage = { promptTokenCount: 8, candidatesTokenCount: 1297, totalTokenCount: 1305 };

export const imageOutputReply = (model: string) => ({
  candidates: [{ content: { parts: [textPart, imagePart], role: 'model' }, finishReason: 'STOP', index: 0 }],
  usageMetadata: usage,
  modelVersion: model,
});

/** The stream's events as JSON text: the text first, the image with finishReason last. */
export const imageOutputEvents = (model: string) => [
  JSON.stringify({ candidates: [{ content: { parts: [textPart], role: 'model' }, index: 0 }], usageMetadata: usage, modelVersion: model }),
  JSON.stringify({ candidates: [{ content: { parts: [imagePart], role: 'model' }, finishReason: 'STOP', index: 0 }], usageMetadata: usage, modelVersion: model }),
];
