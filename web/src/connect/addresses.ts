/** The example token in the guides until a real one is chosen: obviously a placeholder, in any language. */
export const TOKEN_PLACEHOLDER = 'YOUR_ACCESS_TOKEN';

/** What the guides fill in: this server's addresses and the token to use. */
export interface ConnectContext {
  /** As the browser reached the dashboard: scheme, host and port, no path, no trailing slash. */
  readonly origin: string;
  /** The OpenAI-format base URL: the origin + /v1 (the server's OpenAI routes). */
  readonly openai: string;
  readonly token: string;
}

/**
 * Built from the address the browser used, so it is right behind a reverse proxy, a domain or a
 * tunnel, where the server itself cannot know its public address.
 */
export function connectContext(origin: string, token: string): ConnectContext {
  const bare = origin.replace(/\/+$/, '');
  return { origin: bare, openai: `${bare}/v1`, token: token || TOKEN_PLACEHOLDER };
}

/** Whether the address works only on this machine: an app on another device cannot use it. */
export function isLocalOnly(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || host === '0.0.0.0' || /^127\./.test(host);
}
