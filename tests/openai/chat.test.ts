import { describe, expect, test } from 'bun:test';
import { CLIENT_TOKEN } from '../helpers/proxy-app';
import { proxyWithFake } from '../helpers/proxy-with-fake';
import { FLASH, gkey, lastBody, sdk, UNARY_TEXT, upstreamCalls } from './support';

// OpenAI chat completions (non-streaming) driven by the official openai SDK.
const A = gkey('A');
const h = proxyWithFake();

describe('POST /v1/chat/completions (openai SDK)', () => {
  test('answers with the text, finish_reason stop, the usage Google reported and the model asked', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } });
    const r = await sdk(p).chat.completions.create({ model: FLASH, messages: [{ role: 'user', content: 'Where is Google?' }] });
    expect(r.object).toBe('chat.completion');
    expect(r.id).toMatch(/^chatcmpl-/);
    expect(r.model).toBe(FLASH);
    expect(r.choices).toHaveLength(1);
    expect(r.choices[0]?.message).toMatchObject({ role: 'assistant', content: UNARY_TEXT });
    expect(r.choices[0]?.finish_reason).toBe('stop');
    expect(r.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 22, total_tokens: 29 });

    expect(f.requests).toHaveLength(1);
    const sent = f.requests[0];
    expect(sent?.method).toBe('POST');
    expect(sent?.path).toBe(`/v1beta/models/${FLASH}:generateContent`);
    expect(sent?.headers['x-goog-api-key']).toBe(A);
    expect(JSON.stringify(sent)).not.toContain(CLIENT_TOKEN);
    expect(lastBody(f).contents).toEqual([{ role: 'user', parts: [{ text: 'Where is Google?' }] }]);
  });

  test('system and developer messages become systemInstruction; assistant turns become role model', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } });
    await sdk(p).chat.completions.create({
      model: FLASH,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: 'Answer in English.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello! How can I help?' },
        { role: 'user', content: 'Where is Google?' },
      ],
    });
    const body = lastBody(f);
    expect(body.systemInstruction).toEqual({ parts: [{ text: 'Be brief.' }, { text: 'Answer in English.' }] });
    expect(body.contents).toEqual([
      { role: 'user', parts: [{ text: 'Hi' }] },
      { role: 'model', parts: [{ text: 'Hello! How can I help?' }] },
      { role: 'user', parts: [{ text: 'Where is Google?' }] },
    ]);
  });

  test('response_format json_schema, max_completion_tokens, stop and sampling reach generationConfig', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } });
    await sdk(p).chat.completions.create({
      model: FLASH,
      messages: [{ role: 'user', content: 'City of Google HQ as JSON' }],
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'city',
          strict: true,
          schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
        },
      },
      max_completion_tokens: 321,
      stop: 'END',
      temperature: 0.2,
      top_p: 0.9,
    });
    const config = lastBody(f).generationConfig;
    expect(config.responseMimeType).toBe('application/json');
    expect(config.responseSchema).toMatchObject({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] });
    expect(config.maxOutputTokens).toBe(321);
    expect(config.stopSequences).toEqual(['END']);
    expect(config.temperature).toBe(0.2);
    expect(config.topP).toBe(0.9);
  });

  test('max_tokens is the fallback for maxOutputTokens; a stop list passes as a list', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } });
    await sdk(p).chat.completions.create({ model: FLASH, messages: [{ role: 'user', content: 'x' }], max_tokens: 77, stop: ['a', 'b'] });
    expect(lastBody(f).generationConfig).toMatchObject({ maxOutputTokens: 77, stopSequences: ['a', 'b'] });
  });

  test('the -search alias echoes the alias, calls the base model and adds Google Search', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } });
    const r = await sdk(p).chat.completions.create({ model: `${FLASH}-search`, messages: [{ role: 'user', content: 'news?' }] });
    expect(r.model).toBe(`${FLASH}-search`);
    expect(upstreamCalls(f, `/models/${FLASH}:generateContent`)).toHaveLength(1);
    expect(lastBody(f).tools).toContainEqual({ googleSearch: {} });
  });

  test('a model named with Google\'s models/ prefix is called as that model, as /v1/embeddings does', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } });
    const r = await sdk(p).chat.completions.create({ model: `models/${FLASH}`, messages: [{ role: 'user', content: 'hi' }] });
    expect(r.choices[0]?.message.content).toBe(UNARY_TEXT);
    expect(f.requests.map((x) => x.path)).toEqual([`/v1beta/models/${FLASH}:generateContent`]);
  });

  test('/hf/v1/chat/completions answers like /v1', async () => {
    const { f, p } = await h.setup({ [A]: { kind: 'ok' } });
    const r = await sdk(p, '/hf/v1').chat.completions.create({ model: FLASH, messages: [{ role: 'user', content: 'hi' }] });
    expect(r.choices[0]?.message.content).toBe(UNARY_TEXT);
    expect(r.usage?.total_tokens).toBe(29);
    expect(f.requests.map((x) => x.path)).toEqual([`/v1beta/models/${FLASH}:generateContent`]);
  });

  test('a request-log row records the call: endpoint, model as asked, outcome ok, token counts', async () => {
    const { p } = await h.setup({ [A]: { kind: 'ok' } });
    await sdk(p).chat.completions.create({ model: FLASH, messages: [{ role: 'user', content: 'hi' }] });
    await p.deps.recorder.flush();
    const rows = await p.repo.listRequestLogs(10);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ endpoint: 'chat/completions', model: FLASH, outcome: 'ok', status: 200, promptTokens: 7, completionTokens: 22, attempt: 1 });
    expect(JSON.stringify(rows)).not.toContain(A);
  });

  test('a streamed call is logged with the stream totals once the stream ends', async () => {
    const { p } = await h.setup({ [A]: { kind: 'ok' } });
    const stream = await sdk(p).chat.completions.create({ model: FLASH, messages: [{ role: 'user', content: 'hi' }], stream: true });
    for await (const _ of stream) {
      // drain
    }
    await p.deps.recorder.flush();
    const rows = await p.repo.listRequestLogs(10);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ endpoint: 'chat/completions', model: FLASH, outcome: 'ok', promptTokens: 7, completionTokens: 10 });
  });
});
