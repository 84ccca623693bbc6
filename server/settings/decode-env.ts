/**
 * Lenient decoders from environment text to candidate values. Each returns its input unchanged
 * when it cannot make sense of it, so the setting's valibot schema rejects it with a clear message.
 * The original accepted only JSON lists (`API_KEYS=a,b` aborted start-up, FAQ 20); we accept JSON,
 * comma- or newline-separated lists, and Python-style single-quoted lists.
 */

const TRUE = new Set(['true', '1', 'yes', 'on', 'y', 't']);
const FALSE = new Set(['false', '0', 'no', 'off', 'n', 'f']);

export function decodeBool(raw: string): unknown {
  const text = raw.trim().toLowerCase();
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  return raw;
}

export function decodeNumber(raw: string): unknown {
  const text = raw.trim();
  if (text === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return raw;
  return Number(text);
}

/** JSON, or JSON written with single quotes (`{'gemini-2.5-pro': 1024}`), as users paste it. */
export function decodeJson(raw: string): unknown {
  const text = raw.trim();
  try {
    return JSON.parse(text);
  } catch {
    if (!text.includes("'")) return raw;
    try {
      return JSON.parse(text.replaceAll("'", '"'));
    } catch {
      return raw;
    }
  }
}

const unquote = (item: string) => item.trim().replace(/^(["'])(.*)\1$/, '$2').trim();

/** `'["a","b"]'` or `"a,b"`: Docker env files keep the quotes a shell would have removed. */
function stripOuterQuotes(text: string): string {
  const match = /^(['"])([\s\S]*)\1$/.exec(text);
  return match?.[2] !== undefined && (match[2].startsWith('[') || match[2].includes(',')) ? match[2].trim() : text;
}

export function decodeList(raw: string): unknown {
  const text = stripOuterQuotes(raw.trim());
  if (text === '') return [];
  if (text.startsWith('[')) {
    const json = decodeJson(text);
    if (Array.isArray(json)) {
      return json.map((item) => (typeof item === 'string' ? item.trim() : item)).filter((item) => item !== '');
    }
    if (!text.endsWith(']')) return raw;
    return splitList(text.slice(1, -1));
  }
  return splitList(text);
}

function splitList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map(unquote)
    .filter((item) => item !== '');
}
