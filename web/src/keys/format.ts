import { createSignal, onCleanup } from 'solid-js';
import { lang } from '../i18n';

/**
 * Times and counts in the reader's language. Times are relative ("3 minutes ago", "in 2
 * minutes"): a cooldown's end or a last use means more as a distance from now than as a clock
 * time, and the exact time is in the element's title.
 */


export function absoluteTime(at: number): string {
  return new Date(at).toLocaleString(lang(), { dateStyle: 'medium', timeStyle: 'medium' });
}

export function formatCount(value: number): string {
  return new Intl.NumberFormat(lang()).format(value);
}

/** A clock for the page's relative times, so "in 2 minutes" counts down without a reload. */
export function useNow(intervalMs = 5_000): () => number {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), intervalMs);
  onCleanup(() => clearInterval(timer));
  return now;
}
