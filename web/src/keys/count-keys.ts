/**
 * The import dialog's preview: how many Gemini keys the pasted text holds, counted the way the
 * server will (server/admin/keys/extract-keys.ts): a key is `AIza` + 35 key characters standing
 * alone, so a longer run (two keys glued together, a cut-off paste) is not counted as a key but
 * as damaged — the person sees the problem before importing, not after.
 */

/** Not preceded or followed by a key character: the server cuts the text at every other character. */
const KEY = /(?<![0-9A-Za-z_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g;
const KEY_LIKE = /(?<![0-9A-Za-z_-])AIza[0-9A-Za-z_-]*/g;

export interface PastePreview {
  /** Different keys found. */
  readonly unique: number;
  /** Key occurrences, repeats included. */
  readonly found: number;
  /** Pieces that start like a key but are not 39 characters of one. */
  readonly damaged: number;
}

export function previewPaste(text: string): PastePreview {
  const keys = text.match(KEY) ?? [];
  const keyLike = text.match(KEY_LIKE)?.length ?? 0;
  return { unique: new Set(keys).size, found: keys.length, damaged: keyLike - keys.length };
}
