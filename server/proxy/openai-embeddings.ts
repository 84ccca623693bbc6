import type { Deps } from '../deps';
import { ProxyError, renderOpenAIError } from '../errors';
import { type BatchEmbedResponse, type EmbeddingResponse, fromBatchEmbedResponse, splitEmbedInputs, toBatchEmbedRequest } from '../convert/embeddings';
import { type EmbeddingRequest, EmbeddingRequestSchema } from '../convert/openai-request';
import { authenticate } from './auth';
import type { Attempt, AttemptScope, Dialect, UpstreamCall } from './dialect';
import { bodyBroken } from './native-dialect';
import { JSON_HEADERS, openaiFailure, readJson, validate } from './openai-render';
import { proxyCall } from './pipeline';

/**
 * OpenAI `/v1/embeddings` on Gemini's batchEmbedContents. Google takes at most 100 texts per call,
 * OpenAI clients send up to 2,048 (LangChain batches 1,000): bigger inputs become several calls,
 * each through the key pool, merged in order.
 */
export async function openaiEmbeddings(request: Request, url: URL, deps: Deps): Promise<Response> {
  let req: EmbeddingRequest;
  let text: string;
  try {
    await authenticate(request, url, deps.tokens, deps.now());
    const body = await readJson(request);
    req = validate(EmbeddingRequestSchema, body.json);
    text = body.text;
  } catch (error) {
    if (error instanceof ProxyError) return renderOpenAIError(error);
    throw error;
  }
  const slices = splitEmbedInputs(typeof req.input === 'string' ? [req.input] : req.input);
  const answers: EmbeddingResponse[] = [];
  for (const [i, slice] of slices.entries()) {
    const response = await proxyCall(request, url, embeddingsDialect({ ...req, input: slice }, text), deps);
    if (!response.ok || slices.length === 1) return response;
    const part = (await response.json()) as EmbeddingResponse;
    answers.push({ ...part, data: part.data.map((d) => ({ ...d, index: d.index + i * (slices[0]?.length ?? 0) })) });
  }
  return new Response(JSON.stringify(merge(answers, req.model)), { headers: JSON_HEADERS });
}

function merge(parts: EmbeddingResponse[], model: string): EmbeddingResponse {
  const tokens = parts.reduce((sum, p) => sum + p.usage.prompt_tokens, 0);
  return { object: 'list', data: parts.flatMap((p) => p.data), model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}

function embeddingsDialect(req: EmbeddingRequest, bodyText: string): Dialect<UpstreamCall> {
  const upstreamModel = req.model.replace(/^models\//, '');
  return {
    read: async (_request, _url, deps) => {
      const s = deps.settings.current;
      return {
        model: req.model,
        endpoint: 'embeddings',
        quotaModel: upstreamModel,
        target: { baseUrl: s.BASE_URL, path: `models/${upstreamModel}:batchEmbedContents`, query: '', customHeaders: s.CUSTOM_HEADERS, auth: 'goog-api-key' },
        method: 'POST',
        contentType: 'application/json',
        body: JSON.stringify(toBatchEmbedRequest(req, upstreamModel)),
        bodyText,
      };
    },
    answer: (upstream, call, scope) => embedAnswer(upstream, call, req, scope),
    renderError: renderOpenAIError,
    renderFailure: openaiFailure,
  };
}

async function embedAnswer(upstream: Response, call: UpstreamCall, req: EmbeddingRequest, scope: AttemptScope): Promise<Attempt> {
  let gemini: BatchEmbedResponse;
  try {
    gemini = (await upstream.json()) as BatchEmbedResponse;
  } catch (error) {
    return bodyBroken(error, upstream.status, scope);
  } finally {
    scope.deadline.clear();
  }
  scope.settle({ kind: 'ok', model: call.quotaModel });
  const prompt = gemini.usageMetadata?.promptTokenCount ?? null;
  scope.record(upstream.status, 'ok', { promptTokens: prompt, candidatesTokens: null, thoughtsTokens: null, finishReason: null }, null);
  // Gemini reports no token count for embeddings (only newer models send usageMetadata): 0 then.
  const answer = fromBatchEmbedResponse(gemini, { model: req.model, encoding: req.encoding_format ?? 'float', promptTokens: 0 });
  return { done: new Response(JSON.stringify(answer), { headers: JSON_HEADERS }) };
}
