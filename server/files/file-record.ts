import * as v from 'valibot';
import type { FileRow } from '../../db/schema';

/** Google's File resource, as its upload finalize (`{"file": …}`) and files.get answer it. */
export const GoogleFileSchema = v.object({
  name: v.pipe(v.string(), v.regex(/^files\/[\w-]+$/)),
  displayName: v.optional(v.string()),
  mimeType: v.optional(v.string()),
  sizeBytes: v.optional(v.union([v.string(), v.number()])),
  createTime: v.optional(v.string()),
  expirationTime: v.optional(v.string()),
  uri: v.optional(v.string()),
  state: v.optional(v.string()),
});
export type GoogleFile = v.InferOutput<typeof GoogleFileSchema>;

/** Google keeps uploads for 48 hours; used when its answer gives no expirationTime. */
export const FILE_LIFETIME_MS = 48 * 3_600_000;

const time = (text: string | undefined, fallback: number) => {
  const ms = text === undefined ? Number.NaN : Date.parse(text);
  return Number.isFinite(ms) ? ms : fallback;
};

/** The record of a finished upload: which key may use it, and whose it is. */
export function fileRecord(file: GoogleFile, keyFingerprint: string, owner: string, now: number, baseUrl: string): FileRow {
  return {
    name: file.name,
    displayName: file.displayName ?? null,
    mimeType: file.mimeType ?? 'application/octet-stream',
    sizeBytes: Number(file.sizeBytes ?? 0) || 0,
    state: file.state ?? 'PROCESSING',
    uri: file.uri ?? `${baseUrl}/${file.name}`,
    keyFingerprint,
    ownerToken: owner,
    createdAt: time(file.createTime, now),
    expiresAt: time(file.expirationTime, now + FILE_LIFETIME_MS),
  };
}

/** A record as Google's File resource, for files.list (which this server answers from its records). */
export function fileResource(row: FileRow): Record<string, string> {
  return {
    name: row.name,
    ...(row.displayName === null ? {} : { displayName: row.displayName }),
    mimeType: row.mimeType,
    sizeBytes: String(row.sizeBytes),
    createTime: new Date(row.createdAt).toISOString(),
    expirationTime: new Date(row.expiresAt).toISOString(),
    uri: row.uri,
    state: row.state,
  };
}

/** Whether a client may use a record: not expired, and, with FILES_USER_ISOLATION_ENABLED, its own. */
export const usableBy = (row: FileRow, owner: string, isolated: boolean, now: number) => row.expiresAt > now && (!isolated || row.ownerToken === owner);

/** What a client is told about a file it may not use: the same as for a file that does not exist. */
export const fileNotFound = (name: string) => `File ${name} was not found (only files uploaded through this server with your token can be used).`;

/**
 * The uploaded files a generateContent body refers to: `fileData.fileUri` (or `file_uri`) values ending in
 * `/files/<id>` (Google's URIs look like https://generativelanguage.googleapis.com/v1beta/files/abc).
 */
export function referencedFiles(bodyText: string): string[] {
  if (!bodyText.includes('fileUri') && !bodyText.includes('file_uri')) return [];
  const names = new Set<string>();
  // Google's JSON parser takes both spellings (fileUri, file_uri).
  for (const match of bodyText.matchAll(/"file(?:Uri|_uri)"\s*:\s*"[^"]*\/(files\/[\w-]+)"/g)) if (match[1]) names.add(match[1]);
  return [...names];
}
