/** JSON laid out with 2-space indents (Google's errors and request bodies are JSON); other text as it is. */
export function prettyJson(text: string): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return text;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return text;
  }
}

/**
 * The sentence a person wants from a stored error: Google answers with JSON whose
 * `error.message` says what went wrong. The list's preview is cut short, so it is often not
 * valid JSON any more: the first "message" string is found by pattern instead. Anything else is
 * shown as it is.
 */
export function readableMessage(text: string): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return text;
  const match = /"message"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(trimmed);
  if (!match?.[1]) return text;
  try {
    return String(JSON.parse(`"${match[1]}"`));
  } catch {
    return match[1];
  }
}
