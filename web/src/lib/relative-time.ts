import { lang } from '../i18n';

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/**
 * "3 minutes ago" / "in 2 hours", in the reader's language: a cooldown's end, a last use or a job's
 * next run means more as a distance from now than as a clock time.
 */
export function relativeTime(at: number, now: number): string {
  const diff = at - now;
  const format = new Intl.RelativeTimeFormat(lang(), { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === 'second') return format.format(Math.round(diff / ms), unit);
  }
  return '';
}
