import type { GeminiResponse } from '../convert/gemini-types';
import { encodeSpeech, SPEECH_CONTENT_TYPES, speechAudio } from '../convert/pcm-audio';
import { type SpeechFormat, SpeechRequestSchema, toGeminiSpeech } from '../convert/speech-request';
import type { Deps } from '../deps';
import { ProxyError, renderOpenAIError } from '../errors';
import { CORS_HEADERS } from './cors';
import type { Attempt, AttemptScope, Dialect, UpstreamCall } from './dialect';
import { retryableEmpty, usageOf } from './gemini-answer';
import { bodyBroken } from './native-dialect';
import { openaiFailure, readJson, validate } from './openai-render';

export interface SpeechCall extends UpstreamCall {
  readonly format: SpeechFormat;
}

/** OpenAI text-to-speech (`/v1/audio/speech`) on Gemini's TTS models, with the key pool's retries. */
export const openaiSpeechDialect: Dialect<SpeechCall> = {
  read: (request, _url, deps) => readSpeech(request, deps),
  answer: speechAnswer,
  renderError: renderOpenAIError,
  renderFailure: openaiFailure,
};

async function readSpeech(request: Request, deps: Deps): Promise<SpeechCall> {
  const { json, text } = await readJson(request);
  const speech = validate(SpeechRequestSchema, json);
  const s = deps.settings.current;
  const call = toGeminiSpeech(speech, s);
  if ('unsupported' in call) {
    throw new ProxyError('bad-request', `response_format ${call.unsupported} is not supported here: ask for wav, mp3 or pcm.`, undefined, 'response_format');
  }
  return {
    model: call.upstreamModel,
    endpoint: 'audio/speech',
    quotaModel: call.upstreamModel,
    target: { baseUrl: s.BASE_URL, path: `models/${call.upstreamModel}:generateContent`, query: '', customHeaders: s.CUSTOM_HEADERS, auth: 'goog-api-key' },
    method: 'POST',
    contentType: 'application/json',
    body: JSON.stringify(call.body),
    bodyText: text,
    format: call.format,
  };
}

async function speechAnswer(upstream: Response, call: SpeechCall, scope: AttemptScope): Promise<Attempt> {
  let gemini: GeminiResponse;
  try {
    gemini = (await upstream.json()) as GeminiResponse;
  } catch (error) {
    return bodyBroken(error, upstream.status, scope);
  } finally {
    scope.deadline.clear();
  }
  scope.settle({ kind: 'ok', model: call.quotaModel });
  const audio = speechAudio(gemini);
  scope.record(upstream.status, 'ok', usageOf(gemini), audio ? null : 'empty-response');
  if (audio) {
    const headers = { ...CORS_HEADERS, 'content-type': SPEECH_CONTENT_TYPES[call.format] };
    return { done: new Response(encodeSpeech(audio, call.format), { status: 200, headers }) };
  }
  // No audio: gemini-balance answered 200 with an empty body, which players choke on.
  const finish = gemini.candidates?.[0]?.finishReason ?? gemini.promptFeedback?.blockReason ?? 'none';
  const failure = { status: 502, body: JSON.stringify({ error: { message: `Gemini answered without audio (finish reason: ${finish}).`, status: 'EMPTY_RESPONSE' } }), retryAfterMs: null, keyRejected: false };
  if (scope.mayRetryEmpty && retryableEmpty(gemini)) return { failed: { ...failure, emptyAnswer: openaiFailure(failure) } };
  return { done: openaiFailure(failure) };
}
