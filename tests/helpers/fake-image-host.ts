/**
 * One HTTP server on 127.0.0.1 playing the four image hosts gemini-balance uploads to, each in its
 * own API's shape (proxy-behaviour.md §6.3): SM.MS under /smms, PicGo/Chevereto under /picgo,
 * CloudFlare-ImgBed at /upload (answering a relative src, as it does), Aliyun OSS (path-style,
 * V1 signature checked) under /oss.
 * Uploaded images are kept and served back, so a test can fetch the URL it was given.
 */
import { createHash, createHmac } from 'node:crypto';

export const HOST_SECRETS = { smmsToken: 'smms-good-token', picgoKey: 'picgo-good-key', imgbedCode: 'imgbed-good-code', ossId: 'oss-id', ossSecret: 'oss-secret', bucket: 'pics' };

export interface Upload {
  readonly provider: string;
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly headers: Record<string, string>;
  readonly query: Record<string, string>;
}

export async function startImageHost() {
  const uploads: Upload[] = [];
  const stored = new Map<string, Uint8Array>();
  let origin = '';
  const keep = async (provider: string, req: Request, url: URL, file: File | Uint8Array, name: string) => {
    const bytes = file instanceof Uint8Array ? file : new Uint8Array(await file.arrayBuffer());
    uploads.push({ provider, name, bytes, headers: Object.fromEntries(req.headers), query: Object.fromEntries(url.searchParams) });
    stored.set(name, bytes);
    return `${origin}/i/${name}`;
  };
  const fileOf = async (req: Request, field: string) => {
    const value = (await req.formData()).get(field);
    return value instanceof File ? value : null;
  };

  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      if (req.method === 'GET' && (url.pathname.startsWith('/i/') || url.pathname.startsWith('/oss/'))) {
        const bytes = stored.get(url.pathname.replace(/^\/(i|oss)\//, ''));
        return bytes ? new Response(bytes, { headers: { 'content-type': 'image/png' } }) : new Response('missing', { status: 404 });
      }
      if (url.pathname === '/smms/api/v2/upload') {
        if (req.headers.get('authorization') !== `Basic ${HOST_SECRETS.smmsToken}`) return Response.json({ success: false, code: 'unauthorized', message: 'Token invalid.' });
        const file = await fileOf(req, 'smfile');
        if (!file) return Response.json({ success: false, code: 'no_file', message: 'No files were uploaded.' });
        return Response.json({ success: true, code: 'success', data: { url: await keep('smms', req, url, file, file.name) } });
      }
      if (url.pathname === '/picgo/api/1/upload') {
        const key = req.headers.get('x-api-key') ?? url.searchParams.get('key');
        if (key !== HOST_SECRETS.picgoKey) return Response.json({ status_code: 400, error: { message: 'Invalid API v1 key.' }, status_txt: 'Bad Request' }, { status: 400 });
        const file = await fileOf(req, 'source');
        if (!file) return Response.json({ status_code: 400, error: { message: 'Empty upload source.' } }, { status: 400 });
        return Response.json({ status_code: 200, image: { url: await keep('picgo', req, url, file, file.name) }, status_txt: 'OK' });
      }
      if (url.pathname === '/upload') {
        if (url.searchParams.get('authCode') !== HOST_SECRETS.imgbedCode) return Response.json({ error: 'Unauthorized' }, { status: 401 });
        const file = await fileOf(req, 'file');
        if (!file) return Response.json({ error: 'No file' }, { status: 400 });
        await keep('cloudflare_imgbed', req, url, file, file.name);
        return Response.json([{ src: `/i/${file.name}` }]);
      }
      const oss = /^\/oss\/([^/]+)\/(.+)$/.exec(url.pathname);
      if (oss && req.method === 'PUT') {
        const [, bucket = '', key = ''] = oss;
        const bytes = new Uint8Array(await req.arrayBuffer());
        const md5 = createHash('md5').update(bytes).digest('base64');
        const toSign = `PUT\n${req.headers.get('content-md5')}\n${req.headers.get('content-type')}\n${req.headers.get('date')}\nx-oss-object-acl:${req.headers.get('x-oss-object-acl')}\n/${bucket}/${key}`;
        const expected = `OSS ${HOST_SECRETS.ossId}:${createHmac('sha1', HOST_SECRETS.ossSecret).update(toSign).digest('base64')}`;
        if (req.headers.get('authorization') !== expected || md5 !== req.headers.get('content-md5')) {
          return new Response('<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code></Error>', { status: 403, headers: { 'content-type': 'application/xml' } });
        }
        await keep('aliyun_oss', req, url, bytes, `${bucket}/${key}`);
        return new Response('', { status: 200 });
      }
      return new Response('not found', { status: 404 });
    },
  });
  origin = `http://127.0.0.1:${server.port}`;
  return {
    url: origin,
    uploads,
    stop: () => server.stop(true),
  };
}
