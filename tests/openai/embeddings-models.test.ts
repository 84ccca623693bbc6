import { describe, expect, test } from 'bun:test';
import { NotFoundError } from 'openai';
import { proxyWithFake } from '../helpers/proxy-with-fake';
import { caught, expectNoSecrets, FLASH, gkey, sdk, upstreamCalls } from './support';

// /v1/embeddings and /v1/models through the openai SDK.
const A = gkey('A');
const EMBED = 'text-embedding-004';
const { clock, setup } = proxyWithFake();

const embedCalls = (f: Parameters<typeof upstreamCalls>[0]) => upstreamCalls(f, ':batchEmbedContents');
const batchSize = (body: string) => (JSON.parse(body) as { requests: unknown[] }).requests.length;

describe('embeddings (openai SDK)', () => {
  test('float: three inputs give three 8-value vectors in input order', async () => {
    const { f, p } = await setup({ [A]: { kind: 'ok' } });
    const client = sdk(p);
    const r = await client.embeddings.create({ model: EMBED, input: ['alpha', 'beta', 'gamma'], encoding_format: 'float' });
    expect(r.object).toBe('list');
    expect(r.model).toBe(EMBED);
    expect(r.data.map((d) => d.index)).toEqual([0, 1, 2]);
    expect(r.data.every((d) => d.object === 'embedding' && d.embedding.length === 8)).toBe(true);
    expect(new Set(r.data.map((d) => JSON.stringify(d.embedding))).size).toBe(3);

    const calls = embedCalls(f);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toBe(`/v1beta/models/${EMBED}:batchEmbedContents`);
    expect(calls[0]?.headers['x-goog-api-key']).toBe(A);
    expect(JSON.parse(calls[0]?.body ?? '{}').requests).toEqual(
      ['alpha', 'beta', 'gamma'].map((text) => ({ model: `models/${EMBED}`, content: { parts: [{ text }] } })),
    );
    // Order: "beta" alone embeds exactly as the second of the three.
    const alone = await client.embeddings.create({ model: EMBED, input: 'beta', encoding_format: 'float' });
    expect(alone.data[0]?.embedding).toEqual(r.data[1]?.embedding ?? []);
  });

  test('dimensions becomes outputDimensionality of every request', async () => {
    const { f, p } = await setup({ [A]: { kind: 'ok' } });
    await sdk(p).embeddings.create({ model: 'gemini-embedding-001', input: ['a', 'b'], dimensions: 256, encoding_format: 'float' });
    const sent = JSON.parse(embedCalls(f)[0]?.body ?? '{}') as { requests: { outputDimensionality?: number }[] };
    expect(embedCalls(f)[0]?.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
    expect(sent.requests.map((r) => r.outputDimensionality)).toEqual([256, 256]);
  });

  test("the SDK's default (base64 on the wire) decodes to the same floats", async () => {
    const { f, p } = await setup({ [A]: { kind: 'ok' } });
    const client = sdk(p);
    const floats = await client.embeddings.create({ model: EMBED, input: ['alpha', 'beta'], encoding_format: 'float' });
    const decoded = await client.embeddings.create({ model: EMBED, input: ['alpha', 'beta'] });
    expect(decoded.data).toHaveLength(2);
    decoded.data.forEach((d, i) => {
      expect(d.embedding).toHaveLength(8);
      d.embedding.forEach((value, j) => expect(value).toBeCloseTo(floats.data[i]?.embedding[j] ?? Number.NaN, 6));
    });
    expect(embedCalls(f)).toHaveLength(2);
  });

  test('150 inputs: two batchEmbedContents calls (100 + 50), 150 embeddings indexed 0..149 in order', async () => {
    const { f, p } = await setup({ [A]: { kind: 'ok' } });
    const client = sdk(p);
    const inputs = Array.from({ length: 150 }, (_, i) => `text number ${i}`);
    const r = await client.embeddings.create({ model: EMBED, input: inputs, encoding_format: 'float' });
    const calls = embedCalls(f);
    expect(calls.map((c) => batchSize(c.body))).toEqual([100, 50]);
    expect(r.data).toHaveLength(150);
    expect(r.data.map((d) => d.index)).toEqual(inputs.map((_, i) => i));
    const single = await client.embeddings.create({ model: EMBED, input: inputs[120] ?? '', encoding_format: 'float' });
    expect(r.data[120]?.embedding).toEqual(single.data[0]?.embedding ?? []);
  });

  test('an empty input list is a 400 on param input; Google is not called', async () => {
    const { f, p } = await setup({ [A]: { kind: 'ok' } });
    const error = await caught(() => sdk(p).embeddings.create({ model: EMBED, input: [], encoding_format: 'float' }));
    expect(error.status).toBe(400);
    expect(error.param).toBe('input');
    expect(f.requests).toHaveLength(0);
    expectNoSecrets(String(error.message), [A]);
  });
});

describe('models (openai SDK)', () => {
  test('the list has the Gemini models and their -search aliases; FILTERED_MODELS hides a model', async () => {
    const { f, p } = await setup({ [A]: { kind: 'ok' } }, { FILTERED_MODELS: 'gemini-2.5-pro' });
    const ids: string[] = [];
    for await (const model of sdk(p).models.list()) ids.push(model.id);
    expect(ids).toContain(FLASH);
    expect(ids).toContain(`${FLASH}-search`);
    expect(ids).toContain('gemini-2.5-flash-lite');
    expect(ids).toContain(EMBED);
    expect(ids).not.toContain('gemini-2.5-pro');
    expect(ids).not.toContain('gemini-2.5-pro-search');
    expect(ids.indexOf(`${FLASH}-search`)).toBe(ids.indexOf(FLASH) + 1);
    expect(new Set(ids).size).toBe(ids.length);
    expect(f.requests.map((r) => r.path)).toEqual(['/v1beta/models']);
    expect(f.requests[0]?.headers['x-goog-api-key']).toBe(A);
  });

  test('default settings list gemini-2.5-pro with its -search alias', async () => {
    const { p } = await setup({ [A]: { kind: 'ok' } });
    const page = await sdk(p).models.list();
    const ids = page.data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining([FLASH, `${FLASH}-search`, 'gemini-2.5-pro', 'gemini-2.5-pro-search']));
    expect(page.data.every((m) => m.object === 'model' && m.owned_by === 'google')).toBe(true);
  });

  test('retrieve gives one model; an unknown id is a NotFoundError 404', async () => {
    const { p } = await setup({ [A]: { kind: 'ok' } });
    const client = sdk(p);
    const model = await client.models.retrieve(FLASH);
    expect(model).toMatchObject({ id: FLASH, object: 'model', owned_by: 'google' });
    expect((await client.models.retrieve(`${FLASH}-search`)).id).toBe(`${FLASH}-search`);
    const error = await caught(() => client.models.retrieve('gemini-9-ultra'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.status).toBe(404);
    expect(String(error.message)).toContain('gemini-9-ultra');
  });

  test('a filtered model cannot be retrieved', async () => {
    const { p } = await setup({ [A]: { kind: 'ok' } }, { FILTERED_MODELS: 'gemini-2.5-pro' });
    const error = await caught(() => sdk(p).models.retrieve('gemini-2.5-pro'));
    expect(error).toBeInstanceOf(NotFoundError);
  });

  test('the list is cached for 10 minutes: a second call does not ask Google, a later one does', async () => {
    const { f, p } = await setup({ [A]: { kind: 'ok' } });
    const client = sdk(p);
    const first = (await client.models.list()).data.map((m) => m.id);
    clock.t += 9 * 60_000;
    const second = (await client.models.list()).data.map((m) => m.id);
    await client.models.retrieve(FLASH);
    expect(second).toEqual(first);
    expect(upstreamCalls(f, '/models')).toHaveLength(1);
    clock.t += 2 * 60_000;
    await client.models.list();
    expect(upstreamCalls(f, '/models')).toHaveLength(2);
  });

  test('the cached list still needs a valid token', async () => {
    const { p } = await setup({ [A]: { kind: 'ok' } });
    await sdk(p).models.list();
    const error = await caught(() => sdk(p, '/v1', 'sk-wrong').models.list());
    expect(error.status).toBe(401);
  });
});
