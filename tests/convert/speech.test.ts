import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import * as v from 'valibot';
import { encodeSpeech, speechAudio, wavFile } from '../../server/convert/pcm-audio';
import { SpeechRequestSchema, toGeminiSpeech } from '../../server/convert/speech-request';
import type { StoredSettings } from '../../server/settings/schema';
import { expectGolden, goldenCases, readGoldenInput } from '../helpers/golden';

/*
 * Golden files in golden/speech/: `<case>.in.json` = { "request": <OpenAI speech body>, "settings": {TTS_*} }
 * → `<case>.out.json` = the Gemini call (model, body, format) or { "unsupported": format }.
 */
const DIR = join(import.meta.dir, 'golden', 'speech');

interface GoldenIn {
  request: unknown;
  settings: Pick<StoredSettings, 'TTS_MODEL' | 'TTS_VOICE_NAME' | 'TTS_SPEED'>;
}

describe('OpenAI speech → Gemini TTS (golden)', () => {
  for (const name of goldenCases(DIR)) {
    test(name, async () => {
      const input = await readGoldenInput<GoldenIn>(DIR, name);
      // Parsed like the route does, so a golden input is never a body the route would refuse.
      await expectGolden(DIR, name, toGeminiSpeech(v.parse(SpeechRequestSchema, input.request), input.settings));
    });
  }
});

describe('Gemini audio → the file asked for', () => {
  const part = (samples: number[], rate = 24_000) => {
    const pcm = Buffer.alloc(samples.length * 2);
    samples.forEach((s, i) => pcm.writeInt16LE(s, i * 2));
    return { inlineData: { mimeType: `audio/L16;codec=pcm;rate=${rate}`, data: pcm.toString('base64') } };
  };

  test('audio parts are joined in order, their rate is kept, text parts are ignored; no audio is null', () => {
    const audio = speechAudio({ candidates: [{ content: { parts: [part([1, 2], 16_000), { text: 'note' }, part([3], 16_000)] } }] });
    expect(audio?.sampleRate).toBe(16_000);
    expect([...new Int16Array(new Uint8Array(audio?.samples ?? []).buffer)]).toEqual([1, 2, 3]);
    expect(speechAudio({ candidates: [{ content: { parts: [{ text: 'I cannot say that.' }] }, finishReason: 'STOP' }] })).toBeNull();
    expect(speechAudio({})).toBeNull();
  });

  test('WAV header: RIFF sizes, PCM format 1, mono, 16 bits, the byte rate of the sample rate', () => {
    const wav = Buffer.from(wavFile({ samples: new Uint8Array([1, 0, 2, 0]), sampleRate: 16_000 }));
    expect(wav.toString('hex')).toBe(
      '52494646280000005741564566' + '6d7420100000000100010080' + '3e0000007d0000020010006461746104000000' + '01000200',
    );
    expect(Buffer.from(encodeSpeech({ samples: new Uint8Array([5, 0]), sampleRate: 24_000 }, 'pcm'))).toEqual(Buffer.from([5, 0]));
  });
});
