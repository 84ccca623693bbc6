import { describe, expect, test } from 'bun:test';
import { APIError } from 'openai';
import { SPEECH_RATE, tone } from '../helpers/fake-upstream/speech';
import { proxyWithFake } from '../helpers/proxy-with-fake';
import { caught, gkey, lastBody, sdk, upstreamCalls } from './support';

// OpenAI text-to-speech (/v1/audio/speech) on Gemini TTS, driven by the official openai SDK.
const A = gkey('A');
const B = gkey('B');
const h = proxyWithFake();

interface SpeechBody {
  contents: { parts: { text: string }[] }[];
  generationConfig: { responseModalities: string[]; speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: string } } } };
}
const spoken = (f: Parameters<typeof lastBody>[0]) => lastBody<SpeechBody>(f, ':generateContent');
/** The fake speaks 10 ms (240 samples) per character of the prompt it got. */
const expectedPcm = (prompt: string) => tone(Math.min(prompt.length * 240, 2 * SPEECH_RATE));

describe('POST /v1/audio/speech (openai SDK)', () => {
  test('answers a WAV file (mono, 16-bit, 24 kHz) with exactly the audio Gemini sent, from TTS_MODEL with gemini-balance\'s prompt', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } });
    const response = await sdk(p).audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Hello there', response_format: 'wav' });
    expect(response.headers.get('content-type')).toBe('audio/wav');
    const wav = Buffer.from(await response.arrayBuffer());
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.toString('ascii', 8, 12)).toBe('WAVE');
    expect(wav.readUInt16LE(22)).toBe(1);
    expect(wav.readUInt32LE(24)).toBe(24_000);
    expect(wav.readUInt16LE(34)).toBe(16);
    const prompt = 'Speak in a normal speed voice: Hello there';
    expect(new Uint8Array(wav.subarray(44))).toEqual(new Uint8Array(expectedPcm(prompt)));
    expect(wav.readUInt32LE(40)).toBe(wav.length - 44);
    const sent = spoken(f);
    expect(upstreamCalls(f, ':generateContent')[0]?.path).toBe('/v1beta/models/gemini-2.5-flash-preview-tts:generateContent');
    expect(sent.contents[0]?.parts[0]?.text).toBe(prompt);
    expect(sent.generationConfig.responseModalities).toEqual(['AUDIO']);
    // OpenAI's voice names are not Gemini's: TTS_VOICE_NAME (Zephyr by default).
    expect(sent.generationConfig.speechConfig.voiceConfig.prebuiltVoiceConfig.voiceName).toBe('Zephyr');
  });

  test('Gemini voices by name (any case), TTS settings, OpenAI speed and instructions, a Gemini TTS model named by the client', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } }, { TTS_VOICE_NAME: 'Charon', TTS_SPEED: 'slow', TTS_MODEL: 'gemini-2.5-pro-preview-tts' });
    await sdk(p).audio.speech.create({ model: 'gpt-4o-mini-tts', voice: 'kore' as 'alloy', input: 'One' });
    expect(spoken(f).generationConfig.speechConfig.voiceConfig.prebuiltVoiceConfig.voiceName).toBe('Kore');
    expect(spoken(f).contents[0]?.parts[0]?.text).toBe('Speak in a slow speed voice: One');
    expect(upstreamCalls(f, ':generateContent').at(-1)?.path).toContain('/models/gemini-2.5-pro-preview-tts:');
    await sdk(p).audio.speech.create({ model: 'gemini-2.5-flash-preview-tts', voice: 'echo', input: 'Two', speed: 1.5, instructions: 'Cheerfully.' });
    expect(spoken(f).generationConfig.speechConfig.voiceConfig.prebuiltVoiceConfig.voiceName).toBe('Charon');
    expect(spoken(f).contents[0]?.parts[0]?.text).toBe('Cheerfully.\nSpeak in a fast speed voice: Two');
    expect(upstreamCalls(f, ':generateContent').at(-1)?.path).toContain('/models/gemini-2.5-flash-preview-tts:');
  });

  test('mp3 (OpenAI\'s default, also when not asked) is real MP3, pcm the raw samples; opus/aac/flac and odd model names are refused before any key is used', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } });
    const mp3 = await sdk(p).audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Hello' });
    expect(mp3.headers.get('content-type')).toBe('audio/mpeg');
    const bytes = Buffer.from(await mp3.arrayBuffer());
    // An MPEG audio frame header: 11 sync bits, then MPEG-2 layer III (24 kHz).
    expect(bytes[0]).toBe(0xff);
    expect((bytes[1] ?? 0) & 0xfe).toBe(0xf2);
    const pcm = await sdk(p, '/hf/v1').audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Hello', response_format: 'pcm' });
    expect(new Uint8Array(await pcm.arrayBuffer())).toEqual(new Uint8Array(expectedPcm('Speak in a normal speed voice: Hello')));
    const calls = upstreamCalls(f, ':generateContent').length;
    const refused = await caught(() => sdk(p).audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Hello', response_format: 'opus' }));
    expect(refused).toBeInstanceOf(APIError);
    expect(refused.status).toBe(400);
    expect(refused.error).toMatchObject({ type: 'invalid_request_error', param: 'response_format' });
    expect(refused.message).toContain('response_format opus is not supported here: ask for wav, mp3 or pcm');
    const sneaky = await caught(() => sdk(p).audio.speech.create({ model: 'gemini-tts/../../x#', voice: 'alloy', input: 'Hello' }));
    expect([sneaky.status, sneaky.error?.param]).toEqual([400, 'model']);
    const empty = await caught(() => sdk(p).audio.speech.create({ model: 'tts-1', voice: 'alloy', input: '   ' }));
    expect(empty.status).toBe(400);
    expect(empty.message).toContain('input is empty');
    expect(upstreamCalls(f, ':generateContent').length).toBe(calls);
  });

  test('a rate-limited key is retried on another; an answer without audio is a clear 502 after the empty-answer retries', async () => {
    const first = await h.setup({ [A]: { kind: 'rate-limited' }, [B]: { kind: 'ok' } });
    const ok = await sdk(first.p).audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Hi' });
    expect(ok.status).toBe(200);
    expect(upstreamCalls(first.f, ':generateContent').map((r) => r.key)).toEqual([A, B]);

    const { f, p } = await h.setup({ [A]: { kind: 'empty' }, [B]: { kind: 'empty' } }, { EMPTY_RESPONSE_RETRIES: '1' });
    const error = await caught(() => sdk(p).audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Hi' }));
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(502);
    expect(error.message).toContain('Gemini answered without audio');
    expect(upstreamCalls(f, ':generateContent')).toHaveLength(2);
  });
});
