/**
 * OpenAI's `POST /v1/audio/speech` as a Gemini TTS generateContent call. Pure.
 * The answer is raw PCM (inlineData `audio/L16;codec=pcm;rate=24000`), turned into the
 * requested format by pcm-audio.ts.
 */
import * as v from 'valibot';
import type { StoredSettings } from '../settings/schema';

/** Gemini's prebuilt voices (gemini-balance offered the same 30); OpenAI's names (alloy, …) fall back to TTS_VOICE_NAME. */
export const GEMINI_VOICES = [
  'Zephyr', 'Puck', 'Charon', 'Kore', 'Fenrir', 'Leda', 'Orus', 'Aoede', 'Callirrhoe', 'Autonoe',
  'Enceladus', 'Iapetus', 'Umbriel', 'Algieba', 'Despina', 'Erinome', 'Algenib', 'Rasalgethi', 'Laomedeia', 'Achernar',
  'Alnilam', 'Schedar', 'Gacrux', 'Pulcherrima', 'Achird', 'Zubenelgenubi', 'Vindemiatrix', 'Sadachbia', 'Sadaltager', 'Sulafat',
] as const;

export const SPEECH_FORMATS = ['wav', 'mp3', 'pcm'] as const;
export type SpeechFormat = (typeof SPEECH_FORMATS)[number];
/** OpenAI formats that need an encoder this server does not ship. */
const UNSUPPORTED_FORMATS = ['opus', 'aac', 'flac'];

export const SpeechRequestSchema = v.object({
  model: v.optional(v.string('model must be text.')),
  input: v.pipe(v.string('input must be text.'), v.trim(), v.nonEmpty('input is empty: give the text to speak.'), v.maxLength(20_000, 'input is longer than 20000 characters.')),
  voice: v.optional(v.union([v.string(), v.object({ id: v.string() })], 'voice must be a voice name.')),
  response_format: v.optional(
    v.picklist([...SPEECH_FORMATS, ...UNSUPPORTED_FORMATS], 'response_format must be one of mp3, opus, aac, flac, wav, pcm.'),
  ),
  speed: v.optional(v.pipe(v.number('speed must be a number.'), v.minValue(0.25, 'speed is at least 0.25.'), v.maxValue(4, 'speed is at most 4.'))),
  instructions: v.optional(v.pipe(v.string('instructions must be text.'), v.maxLength(4_000, 'instructions are longer than 4000 characters.'))),
});
export type SpeechRequest = v.InferOutput<typeof SpeechRequestSchema>;

export interface GeminiSpeechCall {
  readonly upstreamModel: string;
  readonly body: Record<string, unknown>;
  readonly format: SpeechFormat;
}

function voiceName(voice: SpeechRequest['voice'], fallback: string): string {
  const asked = typeof voice === 'object' ? voice.id : voice;
  return GEMINI_VOICES.find((name) => name.toLowerCase() === asked?.trim().toLowerCase()) ?? fallback;
}

/** OpenAI's speed (0.25–4, 1 = normal) in gemini-balance's words; without one, TTS_SPEED. */
function pace(speed: number | undefined, setting: string): string {
  if (speed === undefined) return setting;
  return speed < 0.85 ? 'slow' : speed > 1.2 ? 'fast' : 'normal';
}

/**
 * The Gemini call: TTS_MODEL unless the client named a Gemini TTS model itself (OpenAI clients
 * send tts-1 or gpt-4o-mini-tts), the voice, and gemini-balance's prompt "Speak in a … speed voice:".
 */
export function toGeminiSpeech(request: SpeechRequest, s: Pick<StoredSettings, 'TTS_MODEL' | 'TTS_VOICE_NAME' | 'TTS_SPEED'>): GeminiSpeechCall | { unsupported: string } {
  // OpenAI's default; gemini-balance always answered wav, which clients saving speech.mp3 got wrong.
  const format = request.response_format ?? 'mp3';
  if (!(SPEECH_FORMATS as readonly string[]).includes(format)) return { unsupported: format };
  const model = request.model?.replace(/^models\//, '');
  const upstreamModel = model?.startsWith('gemini') && model.includes('tts') ? model : s.TTS_MODEL;
  const instructions = request.instructions?.trim() ? `${request.instructions.trim()}\n` : '';
  const text = `${instructions}Speak in a ${pace(request.speed, s.TTS_SPEED)} speed voice: ${request.input}`;
  return {
    upstreamModel,
    format: format as SpeechFormat,
    body: {
      contents: [{ role: 'user', parts: [{ text }] }],
      generationConfig: {
        responseModalities: ['AUDIO'],
        speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: voiceName(request.voice, s.TTS_VOICE_NAME) } } },
      },
    },
  };
}
