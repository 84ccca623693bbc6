import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { APIError } from 'openai';
import { IMAGE_OUTPUT_PNG } from '../helpers/fake-upstream/image-output';
import { imagenPng } from '../helpers/fake-upstream/imagen';
import { HOST_SECRETS, startImageHost } from '../helpers/fake-image-host';
import { proxyWithFake } from '../helpers/proxy-with-fake';
import { caught, gkey, lastBody, sdk, upstreamCalls } from './support';

// OpenAI image generation (/v1/images/generations) on Imagen with the paid key, and the image hosts.
const A = gkey('A');
const PAID = gkey('P');
const h = proxyWithFake();
let host: Awaited<ReturnType<typeof startImageHost>>;
beforeAll(async () => {
  host = await startImageHost();
});
afterAll(async () => {
  await host.stop();
});

async function setup(env: Record<string, string> = {}, paid: Parameters<ReturnType<typeof proxyWithFake>['setup']>[0][string] = { kind: 'ok' }) {
  const running = await h.setup({ [A]: { kind: 'ok' } }, { PAID_KEY: PAID, ...env });
  running.f.setKey(PAID, paid);
  return running;
}

interface Predict {
  instances: { prompt: string }[];
  parameters: { sampleCount: number; aspectRatio: string };
}

const hosts: Record<string, () => Record<string, string>> = {
  smms: () => ({ UPLOAD_PROVIDER: 'smms', SMMS_API_URL: `${host.url}/smms/api/v2/upload`, SMMS_SECRET_TOKEN: HOST_SECRETS.smmsToken }),
  picgo: () => ({ UPLOAD_PROVIDER: 'picgo', PICGO_API_URL: `${host.url}/picgo/api/1/upload`, PICGO_API_KEY: HOST_SECRETS.picgoKey }),
  cloudflare_imgbed: () => ({ UPLOAD_PROVIDER: 'cloudflare_imgbed', CLOUDFLARE_IMGBED_URL: `${host.url}/upload`, CLOUDFLARE_IMGBED_AUTH_CODE: HOST_SECRETS.imgbedCode, CLOUDFLARE_IMGBED_UPLOAD_FOLDER: 'ai' }),
  aliyun_oss: () => ({
    UPLOAD_PROVIDER: 'aliyun_oss',
    OSS_ENDPOINT: `${host.url}/oss`,
    OSS_ACCESS_KEY: HOST_SECRETS.ossId,
    OSS_ACCESS_KEY_SECRET: HOST_SECRETS.ossSecret,
    OSS_BUCKET_NAME: HOST_SECRETS.bucket,
    OSS_REGION: 'oss-cn-hangzhou',
  }),
};

describe('POST /v1/images/generations (openai SDK)', () => {
  test('b64_json: Imagen\'s images, n and size as sampleCount and aspect ratio, CREATE_IMAGE_MODEL with the paid key only', async () => {
    const { f, p } = await setup();
    const result = await sdk(p).images.generate({ model: 'dall-e-3', prompt: 'a red fox in snow', n: 2, size: '1792x1024', response_format: 'b64_json' });
    expect(result.data?.map((d) => Buffer.from(d.b64_json ?? '', 'base64'))).toEqual([imagenPng(0), imagenPng(1)]);
    expect(result.data?.[0]?.revised_prompt).toBe('a red fox in snow');
    const calls = upstreamCalls(f, ':predict');
    expect(calls.map((c) => [c.path, c.key])).toEqual([['/v1beta/models/imagen-3.0-generate-002:predict', PAID]]);
    expect(lastBody<Predict>(f, ':predict')).toMatchObject({ instances: [{ prompt: 'a red fox in snow' }], parameters: { sampleCount: 2, aspectRatio: '16:9' } });
  });

  test('gemini-balance\'s prompt directives {n:…} and {ratio:…} win over n and size, and leave the prompt', async () => {
    const { f, p } = await setup({ CREATE_IMAGE_MODEL: 'imagen-4.0-generate-001' });
    const result = await sdk(p, '/hf/v1').images.generate({ prompt: 'a lighthouse {n:3} at dusk {ratio:3:4}', n: 1, size: '1024x1024', response_format: 'b64_json' });
    expect(result.data).toHaveLength(3);
    expect(upstreamCalls(f, ':predict')[0]?.path).toBe('/v1beta/models/imagen-4.0-generate-001:predict');
    expect(lastBody<Predict>(f, ':predict')).toMatchObject({ instances: [{ prompt: 'a lighthouse  at dusk' }], parameters: { sampleCount: 3, aspectRatio: '3:4' } });
  });

  for (const provider of Object.keys(hosts)) {
    test(`url with UPLOAD_PROVIDER=${provider}: the image is uploaded and its URL serves the same bytes`, async () => {
      const { p } = await setup(hosts[provider]?.() ?? {});
      const before = host.uploads.length;
      const result = await sdk(p).images.generate({ prompt: 'a blue bird', n: 2 });
      const urls = result.data?.map((d) => d.url ?? '') ?? [];
      expect(urls).toHaveLength(2);
      const served = await Promise.all(urls.map(async (u) => Buffer.from(await (await fetch(u)).arrayBuffer())));
      expect(served.sort(Buffer.compare)).toEqual([imagenPng(0), imagenPng(1)].sort(Buffer.compare));
      const mine = host.uploads.slice(before);
      expect(mine.map((u) => u.provider)).toEqual([provider, provider]);
      expect(mine[0]?.name).toMatch(/(^|\/)(\d{4}\/\d{2}\/\d{2}\/)?[0-9a-f]{8}\.png$/);
    });
  }

  test('a failed upload is a 502 that names the provider and its complaint; no secret in it', async () => {
    const { p } = await setup({ ...hosts.smms?.(), SMMS_SECRET_TOKEN: 'wrong-smms-token' });
    const error = await caught(() => sdk(p).images.generate({ prompt: 'a cat' }));
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(502);
    expect(error.message).toContain('Uploading the image to smms failed: Token invalid.');
    expect(error.message).not.toContain('wrong-smms-token');
    const oss = await setup({ ...hosts.aliyun_oss?.(), OSS_ACCESS_KEY_SECRET: 'not-the-secret' });
    const refused = await caught(() => sdk(oss.p).images.generate({ prompt: 'a cat' }));
    expect(refused.message).toContain('Uploading the image to aliyun_oss failed: HTTP 403 SignatureDoesNotMatch');
  });

  test('url without a configured host answers b64_json (as gemini-balance) and says so once in the log', async () => {
    const { p } = await setup({ UPLOAD_PROVIDER: 'picgo' });
    const result = await sdk(p).images.generate({ prompt: 'a cat' });
    expect(result.data?.[0]?.b64_json).toBe(imagenPng(0).toString('base64'));
    await sdk(p).images.generate({ prompt: 'a dog' });
    expect(p.logs.filter((l) => l.includes('UPLOAD_PROVIDER picgo is not configured'))).toHaveLength(1);
  });

  test('clear errors: no paid key, a prompt Imagen refuses, bad n/size/directives, a rejected paid key (disabled, never named)', async () => {
    const none = await h.setup({ [A]: { kind: 'ok' } });
    const noKey = await caught(() => sdk(none.p).images.generate({ prompt: 'a cat' }));
    expect(noKey.status).toBe(503);
    expect(noKey.message).toContain('No paid key is configured: image generation (Imagen) needs PAID_KEY.');
    expect(upstreamCalls(none.f, ':predict')).toHaveLength(0);

    // gemini-balance allowed PAID_KEY in API_KEYS too; here a key has one kind, and the log says so.
    const both = await h.setup({ [A]: { kind: 'ok' } }, { PAID_KEY: A });
    expect(both.p.logs.some((l) => l.includes('PAID_KEY: 1 key is also in API_KEYS and stays there only'))).toBe(true);
    expect((await caught(() => sdk(both.p).images.generate({ prompt: 'a cat' }))).status).toBe(503);

    const { f, p } = await setup();
    const blocked = await caught(() => sdk(p).images.generate({ prompt: 'something blocked', response_format: 'b64_json' }));
    expect(blocked.status).toBe(400);
    expect(blocked.message).toContain('Imagen returned no image for this prompt');
    const cases = [
      [{ prompt: 'x', n: 5 }, 'n'],
      [{ prompt: 'x', size: '640x480' }, 'size'],
      [{ prompt: 'x', size: 'toString' }, 'size'],
      [{ prompt: 'x {ratio:2:1}' }, 'prompt'],
      [{ prompt: '  ' }, 'prompt'],
      [{ prompt: 'x', model: 'imagen-x/../../../foo#' }, 'model'],
    ] as const;
    for (const [body, param] of cases) {
      const bad = await caught(() => sdk(p).images.generate(body));
      expect([bad.status, bad.error?.param]).toEqual([400, param]);
    }
    expect(upstreamCalls(f, ':predict')).toHaveLength(1);

    const rejected = await setup({}, { kind: 'invalid-key' });
    const invalid = await caught(() => sdk(rejected.p).images.generate({ prompt: 'a cat' }));
    expect(invalid.message).not.toContain(PAID);
    expect(rejected.p.deps.pools.paid.snapshot()[0]?.status).toBe('disabled');
    expect(rejected.p.deps.pool.snapshot()[0]?.status).toBe('active');
  });

  test('the image-chat model <CREATE_IMAGE_MODEL>-chat: the last message draws with Imagen, the answer is markdown images', async () => {
    const { f, p } = await setup(hosts.smms?.() ?? {});
    const chat = await sdk(p).chat.completions.create({
      model: 'imagen-3.0-generate-002-chat',
      messages: [
        { role: 'system', content: 'ignored' },
        { role: 'user', content: [{ type: 'text', text: 'a green frog {n:2}' }] },
      ],
    });
    const content = chat.choices[0]?.message.content ?? '';
    const links = [...content.matchAll(/!\[Generated Image (\d)\]\((http[^)]+)\)/g)];
    expect(links.map((m) => m[1])).toEqual(['1', '2']);
    expect(chat.choices[0]?.finish_reason).toBe('stop');
    expect(upstreamCalls(f, ':predict').map((c) => c.key)).toEqual([PAID]);
    expect(lastBody<Predict>(f, ':predict')).toMatchObject({ instances: [{ prompt: 'a green frog' }], parameters: { sampleCount: 2, aspectRatio: '1:1' } });

    // Streamed without an image host: data URLs, in one content chunk rather than five characters at a time.
    const plain = await setup();
    const stream = await sdk(plain.p).chat.completions.create({ model: 'imagen-3.0-generate-002-chat', messages: [{ role: 'user', content: 'a frog' }], stream: true });
    const pieces: string[] = [];
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content) pieces.push(chunk.choices[0].delta.content);
    expect(pieces).toEqual([`![Generated Image 1](data:image/png;base64,${imagenPng(0).toString('base64')})`]);

    const models = await sdk(plain.p).models.list();
    expect(models.data.map((m) => m.id)).toContain('imagen-3.0-generate-002-chat');
  });

  test('chat answers of -image models link their pictures on the image host (data URLs without one); a refusing host is a 502 that spares the key', async () => {
    const model = 'gemini-2.5-flash-image-preview-image';
    const { p } = await setup(hosts.picgo?.() ?? {});
    const unary = await sdk(p).chat.completions.create({ model, messages: [{ role: 'user', content: 'draw' }] });
    const link = /!\[image\]\((http[^)]+)\)/.exec(unary.choices[0]?.message.content ?? '')?.[1] ?? '';
    expect(link.startsWith(host.url)).toBe(true);
    expect(Buffer.from(await (await fetch(link)).arrayBuffer())).toEqual(IMAGE_OUTPUT_PNG);
    const stream = await sdk(p).chat.completions.create({ model, messages: [{ role: 'user', content: 'draw' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toMatch(new RegExp(`!\\[image\\]\\(${host.url.replaceAll('.', '\\.')}/i/`));

    const plain = await setup();
    const inline = await sdk(plain.p).chat.completions.create({ model, messages: [{ role: 'user', content: 'draw' }] });
    expect(inline.choices[0]?.message.content).toContain(`(data:image/png;base64,${IMAGE_OUTPUT_PNG.toString('base64')})`);

    const refused = await setup({ ...hosts.picgo?.(), PICGO_API_KEY: 'wrong' });
    const error = await caught(() => sdk(refused.p).chat.completions.create({ model, messages: [{ role: 'user', content: 'draw' }] }));
    expect([error.status, error.message]).toEqual([502, expect.stringContaining('Uploading the image to picgo failed: Invalid API v1 key.')]);
    expect(refused.p.deps.pool.snapshot()[0]).toMatchObject({ status: 'active', failures: 0 });
  });
});
