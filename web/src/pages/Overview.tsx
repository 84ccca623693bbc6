import { A } from '@solidjs/router';
import { type Accessor, createResource, createSignal, type JSX, Show } from 'solid-js';
import { t } from '../i18n';
import { usePageTitle } from '../lib/page-title';
import { readStored, writeStored } from '../lib/storage';
import { api } from '../lib/trpc';
import { useAutoRefresh } from '../overview/auto-refresh';
import { clockTime, isPeriod, PERIOD_LABELS, type Period } from '../overview/format';
import { JobsPanel } from '../overview/JobsPanel';
import { LoadError } from '../overview/LoadError';
import { PeriodSwitch } from '../overview/PeriodSwitch';
import { PoolHealth } from '../overview/PoolHealth';
import { loadPoolCounts } from '../overview/pool-health';
import { lastValue } from '../overview/resource-value';
import { SummaryCards } from '../overview/SummaryCards';
import { TopList } from '../overview/TopList';
import { keyRows, modelRows } from '../overview/top-rows';
import { UsageChart } from '../overview/UsageChart';
import '../overview/overview.css';

const PERIOD_KEY = 'gb.overview.period';
const REFRESH_MS = 30_000;
const TOP_LIMIT = 5;

/** Shows a resource's section once it has data, its error if it failed, "Loading…" before the first answer. */
function Section<T>(props: { readonly value: T | undefined; readonly error: unknown; readonly failed: boolean; readonly onRetry: () => void; readonly children: (value: Accessor<NonNullable<T>>) => JSX.Element }) {
  return (
    <Show when={!props.failed} fallback={<LoadError error={props.error} onRetry={props.onRetry} />}>
      {/* Not keyed: a refresh updates the section in place (a chart's hover, a job's "Running…" survive it). */}
      <Show when={props.value} fallback={<p class="muted">{t('common.loading')}</p>}>
        {(value) => props.children(value)}
      </Show>
    </Show>
  );
}

/** The home page: usage now and over time, who carries it, the state of the keys and of the background jobs. */
export function Overview() {
  usePageTitle('overview.title');
  const stored = readStored(PERIOD_KEY);
  const [period, setPeriod] = createSignal<Period>(isPeriod(stored) ? stored : '24h');
  const choose = (value: Period) => {
    setPeriod(value);
    writeStored(PERIOD_KEY, value);
  };
  // Hours and days start at the viewer's local boundaries (UTC+8 → 480), as the server allows.
  const utcOffsetMinutes = -new Date().getTimezoneOffset();

  const [summary, { refetch: refetchSummary }] = createResource(() => api.stats.summary.query());
  const [series, { refetch: refetchSeries }] = createResource(period, (p) => api.stats.series.query({ period: p, utcOffsetMinutes }));
  const [byKey, { refetch: refetchByKey }] = createResource(period, (p) => api.stats.byKey.query({ period: p, limit: TOP_LIMIT }));
  const [byModel, { refetch: refetchByModel }] = createResource(period, (p) => api.stats.byModel.query({ period: p, limit: TOP_LIMIT }));
  const [pool, { refetch: refetchPool }] = createResource(loadPoolCounts);
  const [jobs, { refetch: refetchJobs }] = createResource(() => api.jobs.list.query());
  const [updatedAt, setUpdatedAt] = createSignal(Date.now());

  const refreshAll = () => {
    void refetchSummary();
    void refetchSeries();
    void refetchByKey();
    void refetchByModel();
    void refetchPool();
    void refetchJobs();
    setUpdatedAt(Date.now());
  };
  useAutoRefresh(refreshAll, REFRESH_MS);
  const periodText = () => t(PERIOD_LABELS[period()]);
  const noCallsYet = () => lastValue(summary)?.last30Days.calls === 0;

  return (
    <div class="overview-page">
      <header class="page-header overview-header">
        <div>
          <h1>{t('overview.title')}</h1>
          <p class="muted">{t('overview.updated', { time: clockTime(updatedAt()) })}</p>
        </div>
        <button type="button" class="btn" onClick={refreshAll}>
          {t('overview.refresh')}
        </button>
      </header>

      <Show when={noCallsYet()}>
        <p class="notice notice-warn overview-first-steps">
          {t('overview.noCallsYet')} <A href="/connect">{t('overview.noCallsYetLink')}</A>
        </p>
      </Show>

      <h2 class="visually-hidden">{t('overview.usage')}</h2>
      <Section value={lastValue(summary)} error={summary.error} failed={summary.state === 'errored'} onRetry={refetchSummary}>
        {(loaded) => <SummaryCards summary={loaded()} />}
      </Section>

      <section class="card overview-panel" aria-labelledby="overview-chart-title">
        <div class="overview-panel-head">
          <h2 class="overview-panel-title" id="overview-chart-title">
            {t('overview.chart.title')}
          </h2>
          <PeriodSwitch value={period()} onChange={choose} />
        </div>
        <Section value={lastValue(series)} error={series.error} failed={series.state === 'errored'} onRetry={refetchSeries}>
          {(loaded) => <UsageChart series={loaded()} />}
        </Section>
      </section>

      <div class="overview-columns">
        <Section value={lastValue(byKey)} error={byKey.error} failed={byKey.state === 'errored'} onRetry={refetchByKey}>
          {(loaded) => <TopList title={t('overview.top.keys', { period: periodText() })} rows={keyRows(loaded())} mono testId="keys" />}
        </Section>
        <Section value={lastValue(byModel)} error={byModel.error} failed={byModel.state === 'errored'} onRetry={refetchByModel}>
          {(loaded) => <TopList title={t('overview.top.models', { period: periodText() })} rows={modelRows(loaded())} testId="models" />}
        </Section>
      </div>

      <div class="overview-columns">
        <Section value={lastValue(pool)} error={pool.error} failed={pool.state === 'errored'} onRetry={refetchPool}>
          {(loaded) => <PoolHealth counts={loaded()} />}
        </Section>
        <Section value={lastValue(jobs)} error={jobs.error} failed={jobs.state === 'errored'} onRetry={refetchJobs}>
          {(loaded) => <JobsPanel jobs={loaded()} onChanged={refreshAll} />}
        </Section>
      </div>
    </div>
  );
}
