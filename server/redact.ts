/**
 * Removes secrets from text that may reach a log, an error message or the dashboard: Gemini keys
 * (AIza + 35 characters), Vertex Express keys (AQ. + 40 or more) and `key=` query values, which
 * appear in upstream URLs quoted by transport errors.
 */
const shorten = (key: string) => `${key.slice(0, 8)}…${key.slice(-4)}`;

export function redactSecrets(text: string): string {
  return text
    .replace(/([?&]key=)[^&\s"']+/g, '$1***')
    .replace(/AIza[0-9A-Za-z_-]{35}/g, shorten)
    .replace(/AQ\.[0-9A-Za-z_-]{40,}/g, shorten);
}
