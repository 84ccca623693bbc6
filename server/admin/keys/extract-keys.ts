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

/** Gemini API keys (also paid ones) and Vertex AI Express keys (`AQ.` + at least 50 characters). */
const FORMATS = {
  gemini: { key: /^AIza[0-9A-Za-z_-]{35}$/, start: 'AIza', separators: /[^0-9A-Za-z_-]+/ },
  vertex: { key: /^AQ\.[0-9A-Za-z_-]{50,}$/, start: 'AQ.', separators: /[^0-9A-Za-z_.-]+/ },
} as const;

export interface ExtractedKeys {
  /** Each key once, in the order first seen. */
  readonly keys: readonly string[];
  /** Key tokens including repeats within the text. */
  readonly occurrences: number;
  /** Tokens that start like a key but are not one. */
  readonly invalid: number;
}

export function extractKeys(text: string, format: keyof typeof FORMATS = 'gemini'): ExtractedKeys {
  const { key, start, separators } = FORMATS[format];
  const keys = new Set<string>();
  let occurrences = 0;
  let invalid = 0;
  for (const token of text.split(separators)) {
    if (key.test(token)) {
      occurrences++;
      keys.add(token);
    } else if (token.startsWith(start)) {
      invalid++;
    }
  }
  return { keys: [...keys], occurrences, invalid };
}
