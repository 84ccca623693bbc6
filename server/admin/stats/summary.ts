import type { UsageTotals } from '../../../db/logs/log-types';
import type { Deps } from '../../deps';
import { SUMMARY_WINDOWS } from './periods';

export type UsageSummary = { readonly at: number } & Record<keyof typeof SUMMARY_WINDOWS, UsageTotals>;

/** Calls, failures (outcome ≠ ok) and tokens of the attempts in the last minute, hour, day and 30 days. */
export async function usageSummary(deps: Pick<Deps, 'repo' | 'now'>): Promise<UsageSummary> {
  const at = deps.now();
  const names = Object.keys(SUMMARY_WINDOWS) as (keyof typeof SUMMARY_WINDOWS)[];
  const totals = await deps.repo.usageTotals(names.map((name) => at - SUMMARY_WINDOWS[name]), at);
  const zero: UsageTotals = { calls: 0, failures: 0, promptTokens: 0, completionTokens: 0 };
  const [lastMinute = zero, lastHour = zero, lastDay = zero, last30Days = zero] = totals;
  return { at, lastMinute, lastHour, lastDay, last30Days };
}
