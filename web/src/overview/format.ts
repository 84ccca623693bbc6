import { lang } from '../i18n';
import type { MessageKey } from '../i18n/en';

/** The chart periods the server knows (server/admin/stats/periods.ts), shortest first. */
export const PERIODS = ['1h', '24h', '7d', '30d'] as const;
export type Period = (typeof PERIODS)[number];

export const PERIOD_LABELS: Record<Period, MessageKey> = {
  '1h': 'overview.period.1h',
  '24h': 'overview.period.24h',
  '7d': 'overview.period.7d',
  '30d': 'overview.period.30d',
};

export function isPeriod(value: string | null): value is Period {
  return value !== null && (PERIODS as readonly string[]).includes(value);
}

/** 12,345 / 12.345: the reader's grouping. */
export function formatCount(value: number): string {
  return new Intl.NumberFormat(lang()).format(value);
}

/** 1.2K / 1.2万: token counts get large fast, and the exact figure is in the title. */
export function formatCompact(value: number): string {
  return new Intl.NumberFormat(lang(), { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** "2.5%", or "" when there were no calls (0 of 0 is no rate at all). */
export function failureRate(calls: number, failures: number): string {
  if (calls === 0) return '';
  return new Intl.NumberFormat(lang(), { style: 'percent', maximumFractionDigits: 1 }).format(failures / calls);
}

/** A bucket's start as the axis shows it: the clock for hours, the date for days. */
export function axisLabel(at: number, period: Period): string {
  const date = new Date(at);
  if (period === '1h' || period === '24h') return date.toLocaleTimeString(lang(), { hour: 'numeric', minute: '2-digit' });
  if (period === '7d') return date.toLocaleString(lang(), { month: 'numeric', day: 'numeric', hour: 'numeric' });
  return date.toLocaleDateString(lang(), { month: 'numeric', day: 'numeric' });
}

/** A bucket as the chart's readout names it: "4:05 – 4:06 PM", "3/5, 14:00 – 15:00", "Thu, 3/5" (formatRange drops what both ends share). */
export function bucketRange(at: number, bucketMs: number, period: Period): string {
  if (period === '30d') return new Date(at).toLocaleDateString(lang(), { month: 'numeric', day: 'numeric', weekday: 'short' });
  const options: Intl.DateTimeFormatOptions = period === '7d' ? { month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit' } : { hour: 'numeric', minute: '2-digit' };
  return new Intl.DateTimeFormat(lang(), options).formatRange(new Date(at), new Date(at + bucketMs));
}

export function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString(lang(), { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function absoluteTime(at: number): string {
  return new Date(at).toLocaleString(lang(), { dateStyle: 'medium', timeStyle: 'short' });
}


/** 850 ms / 3.2 s / 2 min: how long a job's run took. */
export function formatDuration(ms: number): string {
  const unit = (value: number, name: 'millisecond' | 'second' | 'minute', digits = 0) =>
    new Intl.NumberFormat(lang(), { style: 'unit', unit: name, unitDisplay: 'short', maximumFractionDigits: digits }).format(value);
  if (ms < 1_000) return unit(ms, 'millisecond');
  if (ms < 60_000) return unit(ms / 1_000, 'second', 1);
  return unit(ms / 60_000, 'minute', 1);
}
