/**
 * Gemini TTS audio: parts with inlineData `audio/L16;codec=pcm;rate=24000` (16-bit little-endian
 * mono PCM, base64), turned into the file a client asked for. Pure.
 */
import { Mp3Encoder } from '@breezystack/lamejs';
import type { GeminiResponse } from './gemini-types';
import type { SpeechFormat } from './speech-request';

export interface Pcm {
  readonly samples: Uint8Array;
  readonly sampleRate: number;
}

/** Every audio part of the first candidate, joined (long texts may come back in several parts); null when there is none. */
export function speechAudio(response: GeminiResponse): Pcm | null {
  const chunks: Uint8Array[] = [];
  let sampleRate = 24_000;
  for (const part of response.candidates?.[0]?.content?.parts ?? []) {
    const data = part.inlineData?.data;
    const mime = part.inlineData?.mimeType ?? '';
    if (!data || !mime.startsWith('audio/')) continue;
    const rate = Number(/rate=(\d+)/.exec(mime)?.[1]);
    if (Number.isInteger(rate) && rate > 0) sampleRate = rate;
    chunks.push(Buffer.from(data, 'base64'));
  }
  if (chunks.length === 0) return null;
  return { samples: Buffer.concat(chunks), sampleRate };
}

/** A RIFF/WAVE file: PCM, mono, 16 bits (a cut-off last byte dropped: samples are two bytes). */
export function wavFile(pcm: Pcm): Uint8Array {
  const { sampleRate } = pcm;
  const samples = pcm.samples.subarray(0, pcm.samples.length - (pcm.samples.length % 2));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + samples.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(samples.length, 40);
  return Buffer.concat([header, samples]);
}

function mp3File({ samples, sampleRate }: Pcm): Uint8Array {
  // An odd byte count (a cut-off part) would misalign the 16-bit samples: drop the last byte.
  const view = new Int16Array(samples.buffer.slice(samples.byteOffset, samples.byteOffset + samples.length - (samples.length % 2)));
  const encoder = new Mp3Encoder(1, sampleRate, 64);
  // lamejs answers Int8Arrays (typed as Uint8Array), which Buffer.concat refuses.
  const bytes = (frames: ArrayBufferView) => Buffer.from(frames.buffer, frames.byteOffset, frames.byteLength);
  return Buffer.concat([bytes(encoder.encodeBuffer(view)), bytes(encoder.flush())]);
}

export const SPEECH_CONTENT_TYPES: Record<SpeechFormat, string> = { wav: 'audio/wav', mp3: 'audio/mpeg', pcm: 'audio/pcm' };

/** OpenAI's pcm is the same raw 16-bit little-endian samples (at 24 kHz, which Gemini uses). */
export function encodeSpeech(pcm: Pcm, format: SpeechFormat): Uint8Array {
  if (format === 'pcm') return pcm.samples;
  return format === 'mp3' ? mp3File(pcm) : wavFile(pcm);
}
