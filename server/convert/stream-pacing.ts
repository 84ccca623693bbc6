import type { StoredSettings } from '../settings/schema';

/**
 * The stream optimizer of gemini-balance (STREAM_OPTIMIZER_ENABLED): a text chunk is re-sent as
 * smaller pieces with a pause after each, so that clients show a steady "typing" flow. Pure: the
 * caller emits one copy of its chunk per piece and sleeps `delayMs` after each (also after the last).
 */

export interface PacingSettings {
  minDelayS: number;
  maxDelayS: number;
  shortThreshold: number;
  longThreshold: number;
  chunkSize: number;
}

type PacingKeys =
  | 'STREAM_MIN_DELAY'
  | 'STREAM_MAX_DELAY'
  | 'STREAM_SHORT_TEXT_THRESHOLD'
  | 'STREAM_LONG_TEXT_THRESHOLD'
  | 'STREAM_CHUNK_SIZE';

/**
 * Taken from the current settings by the caller, per stream if it likes: the original read these
 * once at start-up, so changing them needed a restart (bug 59).
 */
export function pacingFrom(s: Pick<StoredSettings, PacingKeys>): PacingSettings {
  return {
    minDelayS: s.STREAM_MIN_DELAY,
    maxDelayS: s.STREAM_MAX_DELAY,
    shortThreshold: s.STREAM_SHORT_TEXT_THRESHOLD,
    longThreshold: s.STREAM_LONG_TEXT_THRESHOLD,
    chunkSize: s.STREAM_CHUNK_SIZE,
  };
}

/**
 * Pieces and the pause after each. Lengths are counted and cut in Unicode code points, so a
 * surrogate pair (emoji, rare CJK) is never split into two invalid halves. (Grapheme clusters such as
 * ZWJ emoji may still span pieces: the client joins the pieces, so they render whole.)
 *
 * Empty text → no pieces: the caller sends its chunk unchanged, as the original did.
 */
export function paceText(text: string, p: PacingSettings): { pieces: string[]; delayMs: number } {
  const chars = Array.from(text);
  if (chars.length === 0) return { pieces: [], delayMs: 0 };
  const delayMs = delaySeconds(chars.length, p) * 1000;
  if (chars.length < p.longThreshold) return { pieces: chars, delayMs };
  // A chunk size below 1 would never advance; the settings forbid it, this guards hand-built input.
  const size = Math.max(1, Math.floor(p.chunkSize));
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(''));
  return { pieces, delayMs };
}

/**
 * MAX up to SHORT characters, MIN from LONG on, logarithmic in between (original formula).
 *
 * Degenerate settings, which crashed or could crash the original:
 * - SHORT ≥ LONG: no interpolation range; a length ≤ SHORT gets MAX, any other MIN (the checks run
 *   in that order, so the division is never reached);
 * - SHORT < 1 (0 divided by zero in the original): the interpolation starts at 1 character instead,
 *   which is what SHORT = 1 gives, since a non-empty text has at least 1 character.
 */
function delaySeconds(length: number, p: PacingSettings): number {
  if (length <= p.shortThreshold) return p.maxDelayS;
  if (length >= p.longThreshold) return p.minDelayS;
  const short = Math.max(1, p.shortThreshold);
  const ratio = Math.log(length / short) / Math.log(p.longThreshold / short);
  return p.maxDelayS - ratio * (p.maxDelayS - p.minDelayS);
}
