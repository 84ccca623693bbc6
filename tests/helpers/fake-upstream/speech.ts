/**
 * Gemini TTS answers. No recorded TTS response is among the fixtures; the shape follows Google's
 * speech-generation guide: one part with inlineData `audio/L16;codec=pcm;rate=24000` holding
 * base64 16-bit little-endian mono PCM. The fake speaks a 440 Hz tone, 10 ms per input character
 * (at most 2 s), so tests can check lengths; the voice asked for is echoed in modelVersion.
 */

export const SPEECH_RATE = 24_000;

interface SpeechBody {
  contents?: { parts?: { text?: string }[] }[];
  generationConfig?: { responseModalities?: string[]; speechConfig?: { voiceConfig?: { prebuiltVoiceConfig?: { voiceName?: string } } } };
}

export function isSpeechRequest(model: string, body: string): boolean {
  if (!model.includes('tts')) return false;
  try {
    return ((JSON.parse(body) as SpeechBody).generationConfig?.responseModalities ?? []).includes('AUDIO');
  } catch {
    return false;
  }
}

export function tone(samples: number): Buffer {
  const pcm = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) pcm.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / SPEECH_RATE) * 8000), i * 2);
  return pcm;
}

export function speechReply(model: string, body: string) {
  const parsed = JSON.parse(body) as SpeechBody;
  const text = parsed.contents?.[0]?.parts?.[0]?.text ?? '';
  const voice = parsed.generationConfig?.speechConfig?.voiceConfig?.prebuiltVoiceConfig?.voiceName ?? 'none';
  const samples = Math.min(text.length * 240, 2 * SPEECH_RATE);
  return {
    candidates: [
      {
        content: { parts: [{ inlineData: { mimeType: `audio/L16;codec=pcm;rate=${SPEECH_RATE}`, data: tone(samples).toString('base64') } }], role: 'model' },
        finishReason: 'STOP',
        index: 0,
      },
    ],
    usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 50, totalTokenCount: 62, promptTokensDetails: [{ modality: 'TEXT', tokenCount: 12 }] },
    modelVersion: `${model} voice=${voice}`,
    responseId: 'tts-fake-0001',
  };
}
