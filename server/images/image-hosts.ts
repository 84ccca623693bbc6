/**
 * Image hosts for generated images (UPLOAD_PROVIDER), as gemini-balance spoke to them
 * (proxy-behaviour.md §6.3): SM.MS, PicGo/Chevereto, CloudFlare-ImgBed, Aliyun OSS. Each answers
 * the image's public URL or throws an UploadError naming the provider (FAQ 30: "Upload failed:
 * Token invalid" told users nothing about where it failed).
 */
import { createHash, createHmac } from 'node:crypto';
import type { StoredSettings } from '../settings/schema';

/** The settings an upload reads. */
export const UPLOAD_SETTING_NAMES = [
  'UPLOAD_PROVIDER', 'SMMS_SECRET_TOKEN', 'SMMS_API_URL', 'PICGO_API_KEY', 'PICGO_API_URL', 'CLOUDFLARE_IMGBED_URL',
  'CLOUDFLARE_IMGBED_AUTH_CODE', 'CLOUDFLARE_IMGBED_UPLOAD_FOLDER', 'OSS_ENDPOINT', 'OSS_ACCESS_KEY', 'OSS_ACCESS_KEY_SECRET', 'OSS_BUCKET_NAME', 'OSS_REGION',
] as const;

export type UploadSettings = Pick<StoredSettings, (typeof UPLOAD_SETTING_NAMES)[number]>;

export class UploadError extends Error {
  override readonly name = 'UploadError';
  constructor(
    readonly provider: string,
    message: string,
  ) {
    super(`Uploading the image to ${provider} failed: ${message}`);
  }
}

export interface ImageUpload {
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** `YYYY/MM/DD/<8 hex>.png`, the object key / file name. */
  readonly filename: string;
  readonly mimeType: string;
}

type Fetch = (request: Request) => Promise<Response>;

/** The settings the chosen provider needs that are empty (gemini-balance's notion of "configured"). */
export function missingHostSettings(s: UploadSettings): (keyof UploadSettings)[] {
  const needed: Record<UploadSettings['UPLOAD_PROVIDER'], (keyof UploadSettings)[]> = {
    smms: ['SMMS_SECRET_TOKEN'],
    picgo: ['PICGO_API_KEY'],
    cloudflare_imgbed: ['CLOUDFLARE_IMGBED_URL', 'CLOUDFLARE_IMGBED_AUTH_CODE'],
    aliyun_oss: ['OSS_ACCESS_KEY', 'OSS_ACCESS_KEY_SECRET', 'OSS_BUCKET_NAME', 'OSS_ENDPOINT', 'OSS_REGION'],
  };
  return needed[s.UPLOAD_PROVIDER].filter((name) => s[name] === '');
}

export const hostConfigured = (s: UploadSettings) => missingHostSettings(s).length === 0;

function form(field: string, image: ImageUpload): FormData {
  const data = new FormData();
  data.append(field, new Blob([image.bytes], { type: image.mimeType }), image.filename.split('/').pop());
  return data;
}

/** The host's JSON answer; anything else (an HTML error page, a cut-off body) is the provider's failure. */
async function jsonOf(provider: string, response: Response): Promise<Record<string, unknown> | unknown[]> {
  const text = await response.text();
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new UploadError(provider, `HTTP ${response.status}, not a JSON answer: ${text.slice(0, 200)}`);
}

const field = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((at, key) => (typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined), value);

async function smms(image: ImageUpload, s: UploadSettings, fetch: Fetch, signal: AbortSignal): Promise<string> {
  // gemini-balance sent the token after "Basic " as it is (not base64 user:pass); SM.MS accepts that.
  const request = new Request(s.SMMS_API_URL, { method: 'POST', headers: { authorization: `Basic ${s.SMMS_SECRET_TOKEN}` }, body: form('smfile', image), signal });
  const answer = await jsonOf('smms', await fetch(request));
  const url = field(answer, 'success') === true ? field(answer, 'data', 'url') : field(answer, 'code') === 'image_repeated' ? field(answer, 'images') : undefined;
  if (typeof url === 'string' && url !== '') return url;
  throw new UploadError('smms', String(field(answer, 'message') ?? 'no URL in the answer'));
}

async function picgo(image: ImageUpload, s: UploadSettings, fetch: Fetch, signal: AbortSignal): Promise<string> {
  const url = new URL(s.PICGO_API_URL);
  const headers: Record<string, string> = {};
  // picgo.net takes the key as a header; self-hosted Chevereto/PicGo servers as ?key=.
  if (s.PICGO_API_URL === 'https://www.picgo.net/api/1/upload') headers['x-api-key'] = s.PICGO_API_KEY;
  else url.searchParams.set('key', s.PICGO_API_KEY);
  const answer = await jsonOf('picgo', await fetch(new Request(url.toString(), { method: 'POST', headers, body: form('source', image), signal })));
  if ('success' in answer && 'result' in answer) {
    const first = field(answer, 'result', '0');
    if (field(answer, 'success') === true && typeof first === 'string' && first !== '') return first;
    throw new UploadError('picgo', String(field(answer, 'message') ?? 'the server reported a failure'));
  }
  const link = field(answer, 'image', 'url');
  if (field(answer, 'status_code') === 200 && typeof link === 'string') return link;
  throw new UploadError('picgo', String(field(answer, 'error', 'message') ?? field(answer, 'status_txt') ?? 'no URL in the answer'));
}

async function cloudflareImgbed(image: ImageUpload, s: UploadSettings, fetch: Fetch, signal: AbortSignal): Promise<string> {
  const url = new URL(s.CLOUDFLARE_IMGBED_URL);
  if (s.CLOUDFLARE_IMGBED_UPLOAD_FOLDER) url.searchParams.set('uploadFolder', s.CLOUDFLARE_IMGBED_UPLOAD_FOLDER);
  url.searchParams.set('authCode', s.CLOUDFLARE_IMGBED_AUTH_CODE);
  url.searchParams.set('uploadNameType', 'origin');
  const answer = await jsonOf('cloudflare_imgbed', await fetch(new Request(url.toString(), { method: 'POST', body: form('file', image), signal })));
  const src = Array.isArray(answer) ? field(answer[0], 'src') : undefined;
  if (typeof src !== 'string' || src === '') throw new UploadError('cloudflare_imgbed', String(field(answer, 'error') ?? field(answer, 'message') ?? 'no src in the answer'));
  if (/^https?:\/\//.test(src)) return src;
  const base = s.CLOUDFLARE_IMGBED_URL.split('/upload')[0] ?? '';
  return `${base.replace(/\/+$/, '')}/${src.replace(/^\/+/, '')}`;
}

/** OSS's V1 signature, as gemini-balance signed its PUT. */
async function aliyunOss(image: ImageUpload, s: UploadSettings, fetch: Fetch, signal: AbortSignal): Promise<string> {
  const endpoint = s.OSS_ENDPOINT.replace(/\/+$/, '');
  const target = /^https?:\/\//.test(endpoint) ? `${endpoint}/${s.OSS_BUCKET_NAME}/${image.filename}` : `https://${s.OSS_BUCKET_NAME}.${endpoint}/${image.filename}`;
  const md5 = createHash('md5').update(image.bytes).digest('base64');
  const date = new Date().toUTCString();
  const toSign = `PUT\n${md5}\n${image.mimeType}\n${date}\nx-oss-object-acl:public-read\n/${s.OSS_BUCKET_NAME}/${image.filename}`;
  const signature = createHmac('sha1', s.OSS_ACCESS_KEY_SECRET).update(toSign).digest('base64');
  const headers = { 'content-type': image.mimeType, 'content-md5': md5, date, 'x-oss-object-acl': 'public-read', authorization: `OSS ${s.OSS_ACCESS_KEY}:${signature}` };
  const response = await fetch(new Request(target, { method: 'PUT', headers, body: image.bytes, signal }));
  if (response.status === 200) return target;
  const text = await response.text();
  const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
  throw new UploadError('aliyun_oss', `HTTP ${response.status}${code ? ` ${code}` : ''}`);
}

const HOSTS = { smms, picgo, cloudflare_imgbed: cloudflareImgbed, aliyun_oss: aliyunOss } as const;

/** Uploads one image with the configured provider; network failures become UploadErrors too. */
export async function uploadImage(image: ImageUpload, s: UploadSettings, fetch: Fetch, signal: AbortSignal): Promise<string> {
  try {
    return await HOSTS[s.UPLOAD_PROVIDER](image, s, fetch, signal);
  } catch (error) {
    if (error instanceof UploadError) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new UploadError(s.UPLOAD_PROVIDER, `could not reach it (${why.split('\n')[0]})`);
  }
}
