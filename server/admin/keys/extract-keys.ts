/**
 * Gemini API keys out of pasted text: a .env line, a JSON array, a spreadsheet column, one per
 * line — whatever the admin copied.
 *
 * The text is cut into tokens at every character a key cannot contain (anything but letters,
 * digits, `_` and `-`), so quotes, commas, `=`, `&` and whitespace all separate. A token that is
 * exactly `AIza` + 35 key characters is a key. A token that starts with `AIza` but is not (too
 * short, too long, two keys glued together) is counted as invalid, so the admin learns that part
 * of the paste was damaged; other words are ignored.
 */

const KEY = /^AIza[0-9A-Za-z_-]{35}$/;
const SEPARATORS = /[^0-9A-Za-z_-]+/;

export interface ExtractedKeys {
  /** Each key once, in the order first seen. */
  readonly keys: readonly string[];
  /** Key tokens including repeats within the text. */
  readonly occurrences: number;
  /** Tokens that start like a key but are not one. */
  readonly invalid: number;
}

export function extractKeys(text: string): ExtractedKeys {
  const keys = new Set<string>();
  let occurrences = 0;
  let invalid = 0;
  for (const token of text.split(SEPARATORS)) {
    if (KEY.test(token)) {
      occurrences++;
      keys.add(token);
    } else if (token.startsWith('AIza')) {
      invalid++;
    }
  }
  return { keys: [...keys], occurrences, invalid };
}
