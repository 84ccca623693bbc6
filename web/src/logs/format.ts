import { lang } from '../i18n';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `2026-11-22 14:03:05` in the browser's time zone. One numeric shape for both languages: it
 * reads the same in zh-CN and en, sorts as text, and has no month-day order to guess.
 */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The same without seconds, for expiry dates and creation times where seconds are noise. */
export function formatMinute(ms: number): string {
  return formatTime(ms).slice(0, 16);
}

/** The browser's IANA zone (e.g. Asia/Shanghai), so the page can say which clock its times use. */
export function localZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local';
  } catch {
    return 'local';
  }
}

/** 12,345 (en) / 12,345 (zh-CN): grouped digits in the page's language. Reactive through `lang`. */
export function formatCount(n: number): string {
  return n.toLocaleString(lang());
}

/** `2026-11-22T14:03` for a datetime-local input, in the browser's time zone. */
export function toLocalInput(ms: number): string {
  return formatTime(ms).slice(0, 16).replace(' ', 'T');
}

/** A datetime-local value read as local time; undefined when empty or unreadable. */
export function fromLocalInput(value: string): number | undefined {
  if (value.trim() === '') return undefined;
  // `new Date('2026-11-22T14:03')` (no zone) is local time, which is what the user typed.
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}
