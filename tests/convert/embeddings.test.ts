import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { expectGolden, goldenCases } from '../helpers/golden';
import OpenAI from 'openai';
import * as v from 'valibot';
import {
  type BatchEmbedResponse,
  fromBatchEmbedResponse,
  MAX_BATCH_EMBED,
  mergeBatchEmbedResponses,
  splitEmbedInputs,
  toBatchEmbedRequest,
} from '../../server/convert/embeddings';
import { EmbeddingRequestSchema } from '../../server/convert/openai-request';

/*
 * Golden files in golden/embeddings/: a `<case>.in.json` is either
 *   { "request": <OpenAI body>, "upstreamModel": "…" }            → out { "batch": <Gemini body> }
 *   { "response" | "responseFixture": <Gemini answer | file in tests/fixtures/gemini>, "ctx": {…} }
 *                                                                  → out { "openai": <OpenAI body> }
 * UPDATE_GOLDEN=1 rewrites the .out.json files: read every changed one before committing.
 */

const DIR = join(import.meta.dir, 'golden', 'embeddings');
const FIXTURES = join(import.meta.dir, '..', 'fixtures', 'gemini');
const LLM_GEMINI_768 = 'test_embedding[gemini-embedding-001-768].response-body.json';

interface GoldenIn {
  request?: unknown;
  upstreamModel?: string;
  response?: BatchEmbedResponse;
  responseFixture?: string;
  ctx?: { model: string; encoding: 'float' | 'base64'; promptTokens: number };
}

const fixture = (file: string): Promise<BatchEmbedResponse> => Bun.file(join(FIXTURES, file)).json();

async function run(input: GoldenIn): Promise<unknown> {
  if (input.request !== undefined) {
    // Parsed like the route will, so a golden input can never be a body the route would refuse.
    const req = v.parse(EmbeddingRequestSchema, input.request);
    return { batch: toBatchEmbedRequest(req, input.upstreamModel ?? 'missing-upstreamModel') };
  }
  const res = input.responseFixture ? await fixture(input.responseFixture) : (input.response ?? {});
  if (!input.ctx) throw new Error('a response case needs ctx');
  return { openai: fromBatchEmbedResponse(res, input.ctx) };
}

describe('embeddings golden files', () => {
  const cases = goldenCases(DIR);
  test('there are cases', () => expect(cases.length).toBeGreaterThan(5));
  for (const name of cases) {
    test(name, async () => {
      const actual = await run(await Bun.file(join(DIR, `${name}.in.json`)).json());
      await expectGolden(DIR, name, actual);
    });
  }
});

/** The official openai SDK, answered by our converter instead of a server. */
function sdkAnsweredBy(res: BatchEmbedResponse, seen: { encoding?: string }) {
  const fakeFetch = async (_url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init?.body)) as { model: string; encoding_format?: 'float' | 'base64' };
    seen.encoding = body.encoding_format;
    const encoding = body.encoding_format ?? 'float';
    const answer = fromBatchEmbedResponse(res, { model: body.model, encoding, promptTokens: 0 });
    return Response.json(answer);
  };
  return new OpenAI({ apiKey: 'test', baseURL: 'http://sdk.invalid/v1', fetch: fakeFetch, maxRetries: 0 });
}

describe('what the openai SDK makes of the answer', () => {
  test('by default it asks for base64 and decodes our bytes back to the float32 values', async () => {
    const res = await fixture(LLM_GEMINI_768);
    const seen: { encoding?: string } = {};
    const out = await sdkAnsweredBy(res, seen).embeddings.create({ model: 'gemini-embedding-001', input: 'Some text goes here' });
    expect(seen.encoding).toBe('base64');
    const values = res.embeddings?.[0]?.values ?? [];
    expect(values).toHaveLength(768);
    expect(out.data[0]?.embedding).toEqual(values.map(Math.fround));
  });

  test('asked for float, it gets the numbers exactly as Google sent them', async () => {
    const res = await fixture('google-embedding-2-multimodal-batch.json');
    const seen: { encoding?: string } = {};
    const out = await sdkAnsweredBy(res, seen).embeddings.create({
      model: 'gemini-embedding-2',
      input: ['a', 'b'],
      encoding_format: 'float',
    });
    expect(seen.encoding).toBe('float');
    expect(out.data.map((d) => d.embedding)).toEqual([
      [0.5138951, 0.857853],
      [-0.5045317, -0.8633931],
    ]);
    expect(out.usage).toEqual({ prompt_tokens: 12, total_tokens: 12 });
  });

  test('Float32Array over the decoded bytes gives the same values (little-endian host)', () => {
    const out = fromBatchEmbedResponse({ embeddings: [{ values: [1, -2.5, 0.1] }] }, { model: 'm', encoding: 'base64', promptTokens: 0 });
    const bytes = Buffer.from(String(out.data[0]?.embedding), 'base64');
    expect(Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4))).toEqual([1, -2.5, Math.fround(0.1)]);
  });
});

describe('batches of at most 100', () => {
  test('the limit is the one in Google’s error', async () => {
    const err = (await fixture('google-embedding-batch-limit-error.json')) as { error?: { message?: string } };
    expect(err.error?.message).toContain(`at most ${MAX_BATCH_EMBED} requests can be in one batch`);
  });

  test.each([
    [0, []],
    [1, [1]],
    [100, [100]],
    [101, [100, 1]],
    [250, [100, 100, 50]],
  ])('%i inputs → slices of %j', (count, sizes) => {
    const inputs = Array.from({ length: count }, (_, i) => `t${i}`);
    const slices = splitEmbedInputs(inputs);
    expect(slices.map((s) => s.length)).toEqual(sizes);
    expect(slices.flat()).toEqual(inputs);
  });

  test('merged answers keep slice order; tokens only when every slice reported them', () => {
    const a = { embeddings: [{ values: [1] }], usageMetadata: { promptTokenCount: 3 } };
    const b = { embeddings: [{ values: [2] }, { values: [3] }], usageMetadata: { promptTokenCount: 4 } };
    expect(mergeBatchEmbedResponses([a, b])).toEqual({
      embeddings: [{ values: [1] }, { values: [2] }, { values: [3] }],
      usageMetadata: { promptTokenCount: 7 },
    });
    expect(mergeBatchEmbedResponses([a, { embeddings: [{ values: [2] }] }])).toEqual({
      embeddings: [{ values: [1] }, { values: [2] }],
    });
    expect(mergeBatchEmbedResponses([])).toEqual({ embeddings: [] });
  });
});
