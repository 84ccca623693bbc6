/**
 * localStorage that never throws: Safari's private mode and sandboxed iframes (Hugging Face
 * Spaces) can refuse storage, and a preference that is not kept must not break the page.
 */
export function readStored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Not kept: the choice still applies until the page is closed.
  }
}
