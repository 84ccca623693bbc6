/**
 * The import dialog's preview: how many keys the pasted text holds, counted the way the server
 * will (server/admin/keys/extract-keys.ts): a Gemini (or paid) key is `AIza` + 35 key characters
 * standing alone, a Vertex Express key `AQ.` + 50 or more, so a longer run (two keys glued
 * together, a cut-off paste) is not counted as a key but as damaged — the person sees the
 * problem before importing, not after.
 */
import type { KeyKind } from './key-types';

/** Not preceded or followed by a key character: the server cuts the text at every other character. */
const PATTERNS = {
  gemini: { key: /(?<![0-9A-Za-z_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, like: /(?<![0-9A-Za-z_-])AIza[0-9A-Za-z_-]*/g },
  // Vertex AI Express keys: `AQ.` and at least 50 key characters.
  vertex: { key: /(?<![0-9A-Za-z_.-])AQ\.[0-9A-Za-z_-]{50,}(?![0-9A-Za-z_.-])/g, like: /(?<![0-9A-Za-z_.-])AQ\.[0-9A-Za-z_.-]*/g },
} as const;

export interface PastePreview {
  /** Different keys found. */
  readonly unique: number;
  /** Key occurrences, repeats included. */
  readonly found: number;
  /** Pieces that start like a key but are not 39 characters of one. */
  readonly damaged: number;
}

export function previewPaste(text: string, kind: KeyKind = 'gemini'): PastePreview {
  const { key, like } = PATTERNS[kind === 'vertex' ? 'vertex' : 'gemini'];
  const keys = text.match(key) ?? [];
  const keyLike = text.match(like)?.length ?? 0;
  return { unique: new Set(keys).size, found: keys.length, damaged: keyLike - keys.length };
}
