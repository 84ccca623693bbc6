import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { proxyWithFake } from '../helpers/proxy-with-fake';
import { caught, FLASH, gkey, lastBody, sdk, UNARY_TEXT, upstreamCalls, WEATHER_TOOL } from './support';

// Function calling through the openai SDK: the call, the result sent back, and tool_choice.
const A = gkey('A');
const h = proxyWithFake();
const SIGNATURE = 'EskgCsYgAb4+9vtF7/499YQS2bjZs3xcQI+iAl+ILn29nK1j0Kg6su7QsUUUk3nrAAfnS2w5WiVvlcCqu9fAebJ2cvfaEyBahEt5';
const QUESTION: ChatCompletionMessageParam = { role: 'user', content: 'Weather in San Francisco?' };

const FIXTURES = join(import.meta.dir, '..', 'fixtures', 'gemini');
const PARALLEL = readFileSync(join(FIXTURES, 'js-genai-mcp-parallel-function-calls.response-body.json'), 'utf8');
const PARALLEL_SSE = readFileSync(join(FIXTURES, 'js-genai-mcp-parallel-function-calls.hand-edited-split.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => `data: ${line}\r\n\r\n`)
  .join('');
const PRINT = { type: 'function' as const, function: { name: 'print', parameters: { type: 'object', properties: { text: { type: 'string' }, color: { type: 'string' } } } } };
const BEEP = { type: 'function' as const, function: { name: 'beep' } };
type Fetch = (request: Request) => Promise<Response>;
/** Google calling print and beep in one answer (recorded), until the results are sent back. */
const parallelGoogle = (real: Fetch): Fetch => async (request) => {
  const body = await request.clone().text();
  if (body.includes('functionResponse')) return real(request);
  await real(new Request(request.url, { method: 'POST', headers: request.headers, body }));
  if (request.url.includes(':streamGenerateContent')) return new Response(PARALLEL_SSE, { headers: { 'content-type': 'text/event-stream' } });
  return new Response(PARALLEL, { headers: { 'content-type': 'application/json' } });
};

async function setup() {
  const { f, p } = await h.setup({ [A]: { kind: 'ok' } });
  return { f, p, client: sdk(p) };
}

/** Sends the assistant's tool calls back with one `tool` result each; returns the answer. */
function sendResults(client: OpenAI, assistant: ChatCompletionMessageParam, ids: string[]) {
  const results: ChatCompletionMessageParam[] = ids.map((id) => ({ role: 'tool', tool_call_id: id, content: '{"temperature":18,"unit":"C"}' }));
  return client.chat.completions.create({ model: FLASH, messages: [QUESTION, assistant, ...results], tools: [WEATHER_TOOL] });
}

describe('tools (openai SDK)', () => {
  test('a declared function comes back as tool_calls with JSON arguments and finish_reason tool_calls', async () => {
    const { f, client } = await setup();
    const r = await client.chat.completions.create({ model: FLASH, messages: [QUESTION], tools: [WEATHER_TOOL] });
    const choice = r.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    const call = choice?.message.tool_calls?.[0];
    expect(choice?.message.tool_calls).toHaveLength(1);
    expect(call?.type).toBe('function');
    expect(call?.id).toMatch(/^call_/);
    if (call?.type !== 'function') throw new Error('not a function call');
    expect(call.function.name).toBe('weather');
    expect(JSON.parse(call.function.arguments)).toEqual({ location: 'San Francisco' });
    // completion tokens include the thoughts (15 + 893), as OpenAI counts reasoning tokens.
    expect(r.usage).toMatchObject({ prompt_tokens: 29, completion_tokens: 908, total_tokens: 937 });
    expect(r.usage?.completion_tokens_details?.reasoning_tokens).toBe(893);

    const declared = lastBody(f).tools;
    expect(declared).toEqual([
      {
        functionDeclarations: [
          { name: 'weather', description: 'Current weather at a place', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } },
        ],
      },
    ]);
  });

  test('round trip: the call and its result reach Google as functionCall and functionResponse; the answer is text', async () => {
    const { f, client } = await setup();
    const first = await client.chat.completions.create({ model: FLASH, messages: [QUESTION], tools: [WEATHER_TOOL] });
    const assistant = first.choices[0]?.message;
    if (!assistant?.tool_calls?.[0]) throw new Error('no tool call');
    const second = await sendResults(client, assistant as ChatCompletionMessageParam, [assistant.tool_calls[0].id]);
    expect(second.choices[0]?.message.content).toBe(UNARY_TEXT);
    expect(second.choices[0]?.finish_reason).toBe('stop');

    const contents = lastBody(f).contents as { role: string; parts: Record<string, unknown>[] }[];
    expect(contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    expect(contents[1]?.parts).toEqual([{ functionCall: { name: 'weather', args: { location: 'San Francisco' } }, thoughtSignature: SIGNATURE }]);
    expect(contents[2]?.parts).toEqual([{ functionResponse: { name: 'weather', response: { temperature: 18, unit: 'C' } } }]);
    expect(upstreamCalls(f, ':generateContent')).toHaveLength(2);
  });

  test('a tool result that is not JSON is wrapped as {content}', async () => {
    const { f, client } = await setup();
    const assistant: ChatCompletionMessageParam = {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"location":"Paris"}' } }],
    };
    await client.chat.completions.create({
      model: FLASH,
      messages: [QUESTION, assistant, { role: 'tool', tool_call_id: 'call_1', content: 'sunny, 21 C' }],
      tools: [WEATHER_TOOL],
    });
    const contents = lastBody(f).contents as { parts: Record<string, unknown>[] }[];
    expect(contents.at(-1)?.parts).toEqual([{ functionResponse: { name: 'weather', response: { content: 'sunny, 21 C' } } }]);
  });

  test('streaming: a tool_calls delta with index, id, name and arguments, then finish_reason tool_calls', async () => {
    const { f, client } = await setup();
    const chunks: ChatCompletionChunk[] = [];
    for await (const c of await client.chat.completions.create({ model: FLASH, messages: [QUESTION], tools: [WEATHER_TOOL], stream: true })) chunks.push(c);
    const deltas = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(deltas).toHaveLength(1);
    expect(deltas[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'weather' } });
    expect(deltas[0]?.id).toMatch(/^call_/);
    expect(JSON.parse(deltas[0]?.function?.arguments ?? '')).toEqual({ location: 'San Francisco' });
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(chunks.slice(0, -1).every((c) => c.choices[0]?.finish_reason === null)).toBe(true);
    expect(upstreamCalls(f, ':streamGenerateContent')).toHaveLength(1);
  });

  test('streaming round trip with the SDK helper: the assembled call can be sent back as is', async () => {
    const { f, client } = await setup();
    const final = await client.chat.completions.stream({ model: FLASH, messages: [QUESTION], tools: [WEATHER_TOOL] }).finalChatCompletion();
    const assistant = final.choices[0]?.message;
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    const call = assistant?.tool_calls?.[0];
    if (call?.type !== 'function') throw new Error('no function call assembled');
    expect(JSON.parse(call.function.arguments)).toEqual({ location: 'San Francisco' });
    const second = await sendResults(client, assistant as ChatCompletionMessageParam, [call.id]);
    expect(second.choices[0]?.message.content).toBe(UNARY_TEXT);
    const contents = lastBody(f).contents as { role: string; parts: Record<string, unknown>[] }[];
    // The thought signature rides in extra_content.google, which the SDK keeps while assembling.
    expect(contents[1]?.parts).toEqual([{ functionCall: { name: 'weather', args: { location: 'San Francisco' } }, thoughtSignature: SIGNATURE }]);
    expect(contents[2]?.parts[0]).toMatchObject({ functionResponse: { name: 'weather' } });
  });

  test('parallel calls: two tool_calls with distinct ids; both results go back in one user turn', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } }, {}, parallelGoogle);
    const client = sdk(p);
    const first = await client.chat.completions.create({ model: FLASH, messages: [QUESTION], tools: [PRINT, BEEP] });
    const calls = (first.choices[0]?.message.tool_calls ?? []).flatMap((c) => (c.type === 'function' ? [c] : []));
    expect(calls.map((c) => c.function.name)).toEqual(['print', 'beep']);
    expect(calls.map((c) => JSON.parse(c.function.arguments))).toEqual([{ color: 'blue', text: 'hello' }, {}]);
    expect(new Set(calls.map((c) => c.id)).size).toBe(2);
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    const assistant = first.choices[0]?.message as ChatCompletionMessageParam;
    const second = await client.chat.completions.create({
      model: FLASH,
      messages: [QUESTION, assistant, ...calls.map((c): ChatCompletionMessageParam => ({ role: 'tool', tool_call_id: c.id, content: `done ${c.function.name}` }))],
      tools: [PRINT, BEEP],
    });
    expect(second.choices[0]?.message.content).toBe(UNARY_TEXT);
    const contents = lastBody(f).contents as { role: string; parts: Record<string, any>[] }[];
    expect(contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    expect(contents[1]?.parts.map((x) => x.functionCall?.name)).toEqual(['print', 'beep']);
    expect(contents[2]?.parts.map((x) => x.functionResponse)).toEqual([
      { name: 'print', response: { content: 'done print' } },
      { name: 'beep', response: { content: 'done beep' } },
    ]);
  });

  test('parallel calls streamed over two chunks: indexes 0 and 1, distinct ids, the SDK assembles both', async () => {
    const { p } = await h.setup({ [A]: { kind: 'ok' } }, {}, parallelGoogle);
    const chunks: ChatCompletionChunk[] = [];
    for await (const c of await sdk(p).chat.completions.create({ model: FLASH, messages: [QUESTION], tools: [PRINT, BEEP], stream: true })) chunks.push(c);
    const deltas = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(deltas.map((d) => [d.index, d.function?.name])).toEqual([
      [0, 'print'],
      [1, 'beep'],
    ]);
    expect(new Set(deltas.map((d) => d.id)).size).toBe(2);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
    const final = await sdk(p).chat.completions.stream({ model: FLASH, messages: [QUESTION], tools: [PRINT, BEEP] }).finalChatCompletion();
    expect(final.choices[0]?.message.tool_calls?.map((c) => (c.type === 'function' ? c.function.arguments : ''))).toEqual(['{"color":"blue","text":"hello"}', '{}']);
  });

  test.each([
    ['none → NONE', 'none', { mode: 'NONE' }],
    ['auto → AUTO', 'auto', { mode: 'AUTO' }],
    ['required → ANY', 'required', { mode: 'ANY' }],
    ['{function: weather} → ANY + allowedFunctionNames', { type: 'function', function: { name: 'weather' } }, { mode: 'ANY', allowedFunctionNames: ['weather'] }],
  ] as const)('tool_choice %s', async (_, choice, expected) => {
    const { f, client } = await setup();
    await client.chat.completions.create({ model: FLASH, messages: [QUESTION], tools: [WEATHER_TOOL], tool_choice: choice as never });
    expect(lastBody(f).toolConfig).toEqual({ functionCallingConfig: expected });
  });

  test('tool_choice naming an undeclared function is a 400 on param tool_choice; Google is not called', async () => {
    const { f, client } = await setup();
    const error = await caught(() =>
      client.chat.completions.create({ model: FLASH, messages: [QUESTION], tools: [WEATHER_TOOL], tool_choice: { type: 'function', function: { name: 'stocks' } } }),
    );
    expect(error.status).toBe(400);
    expect(error.param).toBe('tool_choice');
    expect(String(error.message)).toContain('stocks');
    expect(f.requests).toHaveLength(0);
  });
});
