/**
 * Puts text on the clipboard. `navigator.clipboard` exists only in a secure context (https or
 * localhost), and many people open the dashboard as http://<server-ip>:8000, so the old
 * select-and-copy way is the fallback there. False when neither works: the caller then leaves the
 * text on screen to copy by hand.
 */
export async function copyText(text: string): Promise<boolean> {
  if (window.isSecureContext && navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Refused (no permission, the tab lost focus while the text was fetched): try the old way.
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  // Off screen but selectable; fixed so the page does not scroll to it.
  area.style.position = 'fixed';
  area.style.top = '-1000px';
  // An open modal dialog makes the rest of the page inert, where nothing can be selected: copy from inside it.
  (document.querySelector('dialog[open]') ?? document.body).append(area);
  area.select();
  try {
    // Deprecated, but the only way without a secure context.
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
