/** A request Gemini cannot be asked; `param` names the offending field, OpenAI-style. */
export class ConvertError extends Error {
  override readonly name = 'ConvertError';
  constructor(
    message: string,
    readonly param: string | null,
  ) {
    super(message);
  }
}
