const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The chart periods, each with the bucket that gives it a readable number of points. */
export const PERIODS = {
  '1h': { spanMs: HOUR, bucketMs: MINUTE },
  '24h': { spanMs: DAY, bucketMs: 15 * MINUTE },
  '7d': { spanMs: 7 * DAY, bucketMs: HOUR },
  '30d': { spanMs: 30 * DAY, bucketMs: DAY },
} as const;

export type Period = keyof typeof PERIODS;
export const PERIOD_NAMES = Object.keys(PERIODS) as Period[];

/** The summary's windows, each ending now. */
export const SUMMARY_WINDOWS = { lastMinute: MINUTE, lastHour: HOUR, lastDay: DAY, last30Days: 30 * DAY } as const;
