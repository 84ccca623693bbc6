import type { GeminiPart } from './gemini-types';
import type { Message } from './openai-request';
import { ConvertError } from './convert-error';

/**
 * One OpenAI message content (a string or a list of typed parts) → Gemini parts. Media arrive
 * inline (data URLs, base64 audio) or as http(s) URLs the caller has already downloaded into
 * `media`: converters do no I/O, so a URL the caller could not fetch is an error here.
 */
export type MediaEntry = { readonly mimeType: string; readonly data: string } | { readonly error: string };
export type MediaMap = ReadonlyMap<string, MediaEntry>;

type Json = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isHttpUrl = (url: string) => /^https?:\/\//i.test(url);

/** Gemini's audio formats (ai.google.dev/gemini-api/docs/audio#supported-formats). */
const AUDIO_MIME: Readonly<Record<string, string>> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  aiff: 'audio/aiff',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
  flac: 'audio/flac',
};
/** For `file_data` sent as bare base64: the extension is then the only hint of the type. */
const FILE_MIME: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  json: 'application/json',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

/** `![alt](url)`: how image answers come back in an assistant's history (and how users paste them). */
export const MARKDOWN_IMAGE = /!\[[^\]]*\]\(([^)\s]+)\)/g;

const mime = (type: string) => (type.toLowerCase() === 'image/jpg' ? 'image/jpeg' : type.toLowerCase());
const hostOf = (url: string) => URL.parse(url)?.host ?? 'an invalid URL';

/** `data:<mime>[;params];base64,<data>`; the header is parsed without scanning the (large) payload. */
export function parseDataUrl(url: string): { mimeType: string; data: string } | undefined {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || comma < 0) return undefined;
  const [type = '', ...params] = url.slice(5, comma).split(';');
  if (type === '' || params.at(-1)?.toLowerCase() !== 'base64') return undefined;
  return { mimeType: mime(type), data: url.slice(comma + 1) };
}

export function contentParts(content: Message['content'], at: string, media: MediaMap, warnings: string[]): GeminiPart[] {
  if (typeof content === 'string') return textParts(content, media, warnings);
  return (content ?? []).flatMap((part, j) => partOf(part, `${at}.content[${j}]`, media, warnings));
}

function partOf(part: Json, at: string, media: MediaMap, warnings: string[]): GeminiPart[] {
  if ((part.type === 'text' || part.type === 'refusal') && typeof (part.text ?? part.refusal) === 'string') {
    return textParts(String(part.text ?? part.refusal), media, warnings);
  }
  if (part.type === 'image_url') return [imagePart(part.image_url, `${at}.image_url`, media)];
  if (part.type === 'input_audio' && isObject(part.input_audio)) return [audioPart(part.input_audio, `${at}.input_audio`)];
  if (part.type === 'file' && isObject(part.file)) return [filePart(part.file, `${at}.file`)];
  warnings.push(`dropped content part of type "${String(part.type)}" (not supported by Gemini)`);
  return [];
}

function imagePart(value: unknown, param: string, media: MediaMap): GeminiPart {
  const url = typeof value === 'string' ? value : isObject(value) && typeof value.url === 'string' ? value.url : '';
  if (url.startsWith('data:')) {
    const inline = parseDataUrl(url);
    if (inline === undefined) throw new ConvertError('image data URLs must have the form data:<mime>;base64,<data>', param);
    return { inlineData: inline };
  }
  if (!isHttpUrl(url)) throw new ConvertError('image_url must be a data URL or an http(s) URL', param);
  const entry = media.get(url);
  if (entry === undefined) throw new ConvertError(`the image at ${hostOf(url)} was not downloaded`, param);
  if ('error' in entry) throw new ConvertError(downloadError(url, entry.error), param);
  return { inlineData: { mimeType: mime(entry.mimeType), data: entry.data } };
}

/** The caller's download errors usually name the host already. */
function downloadError(url: string, error: string): string {
  const host = hostOf(url);
  return error.includes(host) ? error : `could not download the image at ${host}: ${error}`;
}

function audioPart(audio: Json, param: string): GeminiPart {
  const format = typeof audio.format === 'string' ? audio.format.toLowerCase() : '';
  const mimeType = AUDIO_MIME[format];
  if (mimeType === undefined) {
    throw new ConvertError(`unsupported audio format "${format}" (Gemini takes ${Object.keys(AUDIO_MIME).join(', ')})`, `${param}.format`);
  }
  const data = typeof audio.data === 'string' ? audio.data : '';
  // Some clients send a whole data URL where OpenAI specifies bare base64.
  return { inlineData: { mimeType, data: parseDataUrl(data)?.data ?? data } };
}

function filePart(file: Json, param: string): GeminiPart {
  const data = typeof file.file_data === 'string' ? file.file_data : undefined;
  if (data === undefined) throw new ConvertError('file parts need file_data: OpenAI file ids mean nothing to Gemini', param);
  const inline = parseDataUrl(data);
  if (inline) return { inlineData: inline };
  const extension = typeof file.filename === 'string' ? (file.filename.split('.').at(-1) ?? '').toLowerCase() : '';
  const mimeType = FILE_MIME[extension];
  if (mimeType === undefined) throw new ConvertError('file_data must be a data URL (data:<mime>;base64,<data>)', `${param}.file_data`);
  return { inlineData: { mimeType, data } };
}

/**
 * Text, with markdown images turned into image parts: a data-URL image always (sent as text it
 * would cost hundreds of thousands of tokens), an http one when the caller downloaded it
 * (mediaUrls lists those only for -image models). Anything else stays text.
 */
function textParts(text: string, media: MediaMap, warnings: string[]): GeminiPart[] {
  const parts: GeminiPart[] = [];
  let last = 0;
  for (const match of text.matchAll(MARKDOWN_IMAGE)) {
    const image = markdownImage(match[1] ?? '', media, warnings);
    if (image === undefined) continue;
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push(image);
    last = match.index + match[0].length;
  }
  // Gemini rejects empty text parts.
  if (text.length > last) parts.push({ text: text.slice(last) });
  return parts;
}

function markdownImage(url: string, media: MediaMap, warnings: string[]): GeminiPart | undefined {
  const inline = url.startsWith('data:') ? parseDataUrl(url) : undefined;
  if (inline) return inline.mimeType.startsWith('image/') ? { inlineData: inline } : undefined;
  const entry = media.get(url);
  if (entry === undefined) return undefined;
  if (!('error' in entry)) return { inlineData: { mimeType: mime(entry.mimeType), data: entry.data } };
  warnings.push(`kept a markdown image as text (${downloadError(url, entry.error)})`);
  return undefined;
}
