import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { proxyWithFake } from '../helpers/proxy-with-fake';
import { FLASH, gkey, lastBody, sdk, WEATHER_TOOL } from './support';

// Settings that change what OpenAI clients get: thinking, safety, code execution.
const A = gkey('A');
const h = proxyWithFake();
const hi = { model: FLASH, messages: [{ role: 'user' as const, content: 'Where is Google headquartered?' }] };

const FIXTURES = join(import.meta.dir, '..', 'fixtures', 'gemini');
const THINKING_UNARY = readFileSync(join(FIXTURES, 'unary-success-thinking-reply-thought-summary.json'), 'utf8');
const THINKING_SSE = readFileSync(join(FIXTURES, 'streaming-success-thinking-reply-thought-summary.txt'), 'utf8');
const THOUGHT = (JSON.parse(THINKING_UNARY) as { candidates: { content: { parts: { text: string }[] } }[] }).candidates[0]?.content.parts[0]?.text;

type Fetch = (request: Request) => Promise<Response>;
/** Google answering with a recorded thinking model's reply (thought summary + answer). */
const thinkingGoogle = (real: Fetch): Fetch => async (request) => {
  await real(new Request(request)); // recorded by the fake, so the test can read what was sent
  if (request.url.includes(':streamGenerateContent')) return new Response(THINKING_SSE, { headers: { 'content-type': 'text/event-stream' } });
  return new Response(THINKING_UNARY, { headers: { 'content-type': 'application/json' } });
};

describe('thinking', () => {
  test('THINKING_BUDGET_MAP + SHOW_THINKING_PROCESS: budget and includeThoughts sent; thoughts come back as reasoning_content', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } }, { THINKING_BUDGET_MAP: '{"gemini-2.5-flash": 1024}', SHOW_THINKING_PROCESS: 'true' }, thinkingGoogle);
    const r = await sdk(p).chat.completions.create(hi);
    expect(lastBody(f).generationConfig.thinkingConfig).toEqual({ thinkingBudget: 1024, includeThoughts: true });
    const message = r.choices[0]?.message as { content: string | null; reasoning_content?: string };
    expect(message.content).toBe('Mountain View');
    expect(message.reasoning_content).toBe(THOUGHT ?? 'missing');
    expect(r.usage).toMatchObject({ prompt_tokens: 14, completion_tokens: 26, total_tokens: 40 });
    expect(r.usage?.completion_tokens_details?.reasoning_tokens).toBe(24);
  });

  test('SHOW_THINKING_PROCESS=false: no includeThoughts, and thoughts never reach the client', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } }, { THINKING_BUDGET_MAP: '{"gemini-2.5-flash": 1024}', SHOW_THINKING_PROCESS: 'false' }, thinkingGoogle);
    const r = await sdk(p).chat.completions.create(hi);
    expect(lastBody(f).generationConfig.thinkingConfig).toEqual({ thinkingBudget: 1024 });
    expect(r.choices[0]?.message.content).toBe('Mountain View');
    expect(JSON.stringify(r)).not.toContain('Thinking About');
  });

  test('streaming: reasoning_content deltas first, then content; role once; one finish', async () => {
    const { p } = await h.setup({ [A]: { kind: 'ok' } }, { SHOW_THINKING_PROCESS: 'true' }, thinkingGoogle);
    const chunks: ChatCompletionChunk[] = [];
    for await (const c of await sdk(p).chat.completions.create({ ...hi, stream: true })) chunks.push(c);
    const deltas = chunks.map((c) => c.choices[0]?.delta as { content?: string; reasoning_content?: string; role?: string } | undefined);
    const reasoning = deltas.map((d) => d?.reasoning_content ?? '').join('');
    const content = deltas.map((d) => d?.content ?? '').join('');
    expect(reasoning).toContain('**Exploring Sky Color**');
    expect(content).toBe(
      "The sky is blue because tiny gas molecules in Earth's atmosphere scatter blue light from the sun more efficiently than other colors. Blue light has shorter, smaller wavelengths, causing it to be scattered in all directions, making the sky appear blue to our eyes.",
    );
    const firstContent = deltas.findIndex((d) => d?.content);
    expect(deltas.slice(firstContent).some((d) => d?.reasoning_content)).toBe(false);
    expect(deltas.filter((d) => d?.role === 'assistant')).toHaveLength(1);
    expect(chunks.filter((c) => c.choices[0]?.finish_reason)).toHaveLength(1);
  });

  test.each([
    ['low', 1024],
    ['medium', 8192],
    ['high', 24576],
  ] as const)('reasoning_effort %s → thinkingBudget %i, over THINKING_BUDGET_MAP', async (effort, budget) => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } }, { THINKING_BUDGET_MAP: '{"gemini-2.5-flash": 100}', SHOW_THINKING_PROCESS: 'false' });
    await sdk(p).chat.completions.create({ ...hi, reasoning_effort: effort });
    expect(lastBody(f).generationConfig.thinkingConfig).toEqual({ thinkingBudget: budget });
  });
});

describe('request injections', () => {
  test('the default SAFETY_SETTINGS are added (all filters off)', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } });
    await sdk(p).chat.completions.create(hi);
    const safety = lastBody(f).safetySettings as { category: string; threshold: string }[];
    expect(safety).toContainEqual({ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'OFF' });
    expect(safety).toContainEqual({ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', threshold: 'OFF' });
  });

  test('SAFETY_SETTINGS=[] sends none', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } }, { SAFETY_SETTINGS: '[]' });
    await sdk(p).chat.completions.create(hi);
    expect(lastBody(f).safetySettings).toBeUndefined();
  });

  test('TOOLS_CODE_EXECUTION_ENABLED adds codeExecution, but not next to declared functions', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } }, { TOOLS_CODE_EXECUTION_ENABLED: 'true' });
    await sdk(p).chat.completions.create(hi);
    expect(lastBody(f).tools).toEqual([{ codeExecution: {} }]);
    await sdk(p).chat.completions.create({ ...hi, tools: [WEATHER_TOOL] });
    const tools = lastBody(f).tools as Record<string, unknown>[];
    expect(tools).toHaveLength(1);
    expect(tools[0]).toHaveProperty('functionDeclarations');
  });

  test('TOOLS_CODE_EXECUTION_ENABLED is not combined with JSON output', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } }, { TOOLS_CODE_EXECUTION_ENABLED: 'true' });
    await sdk(p).chat.completions.create({ ...hi, response_format: { type: 'json_object' } });
    const body = lastBody(f);
    expect(body.generationConfig.responseMimeType).toBe('application/json');
    expect(body.tools).toBeUndefined();
  });
});
