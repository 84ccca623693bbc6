/** A start-up failure whose message is the one line shown to the user. */
export class DatabaseStartError extends Error {
  override readonly name = 'DatabaseStartError';
}
