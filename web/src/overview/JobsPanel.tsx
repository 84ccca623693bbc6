import { createSignal, For, onCleanup, Show } from 'solid-js';
import { t } from '../i18n';
import type { MessageKey } from '../i18n/en';
import { describeError } from '../lib/api-error';
import { type ApiOutputs, api } from '../lib/trpc';
import { absoluteTime, formatDuration } from './format';
import { relativeTime } from '../lib/relative-time';
import './jobs.css';

type Job = ApiOutputs['jobs']['list'][number];
/** What a "Run now" ended with, kept as data so it is shown in the language of the moment. */
type Outcome = { readonly kind: 'ok' | 'failed'; readonly summary: string } | { readonly kind: 'error'; readonly message: string };

/** Our own words for the jobs the server has today; a job added later shows the server's English name and description. */
const JOB_TEXT: Readonly<Record<string, { name: MessageKey; description: MessageKey }>> = {
  'key-recheck': { name: 'overview.job.keyRecheck', description: 'overview.job.keyRecheckHint' },
  'log-retention': { name: 'overview.job.logRetention', description: 'overview.job.logRetentionHint' },
  'files-cleanup': { name: 'overview.job.filesCleanup', description: 'overview.job.filesCleanupHint' },
};

function outcomeText(outcome: Outcome): string {
  if (outcome.kind === 'error') return outcome.message;
  return t(outcome.kind === 'ok' ? 'overview.job.ranOk' : 'overview.job.ranFailed', { summary: outcome.summary });
}

/** The background jobs: when each last ran and how it went, when it runs next, and a button to run it now. */
export function JobsPanel(props: { readonly jobs: readonly Job[]; readonly onChanged: () => void }) {
  const [running, setRunning] = createSignal<ReadonlySet<string>>(new Set());
  const [outcomes, setOutcomes] = createSignal<Readonly<Record<string, Outcome | undefined>>>({});
  // "3 minutes ago" must keep counting while the page stays open.
  const [now, setNow] = createSignal(Date.now());
  const clock = setInterval(() => setNow(Date.now()), 15_000);
  onCleanup(() => clearInterval(clock));

  const run = async (name: string) => {
    setRunning((set) => new Set([...set, name]));
    // The previous run's verdict would otherwise stand next to this run's "Running…".
    setOutcomes((all) => ({ ...all, [name]: undefined }));
    try {
      // Answers when the run is over: the key re-check can take as long as its slowest probe.
      const status = await api.jobs.run.mutate({ name });
      const last = status.lastRun;
      setOutcomes((all) => ({ ...all, [name]: { kind: last?.ok === false ? 'failed' : 'ok', summary: last?.summary ?? '' } }));
    } catch (caught) {
      setOutcomes((all) => ({ ...all, [name]: { kind: 'error', message: describeError(caught).message } }));
    } finally {
      setRunning((set) => new Set([...set].filter((n) => n !== name)));
      setNow(Date.now());
      props.onChanged();
    }
  };

  return (
    <section class="card overview-panel overview-jobs" aria-labelledby="overview-jobs-title">
      <h2 class="overview-panel-title" id="overview-jobs-title">
        {t('overview.jobs.title')}
      </h2>
      <Show when={props.jobs.length > 0} fallback={<p class="muted overview-none">{t('overview.jobs.none')}</p>}>
        <ul class="overview-job-list">
          <For each={props.jobs}>
            {(job) => {
              const known = JOB_TEXT[job.name];
              const title = () => (known ? t(known.name) : job.name);
              const description = () => (known ? t(known.description) : job.description);
              const busy = () => running().has(job.name) || job.running;
              const outcome = () => outcomes()[job.name];
              return (
                <li class="overview-job" data-job={job.name}>
                  <div class="overview-job-head">
                    <div class="overview-job-name">
                      <strong>{title()}</strong>
                      <span class="overview-badge" classList={{ 'overview-badge-on': job.enabled }}>
                        {job.enabled ? t('overview.job.on') : t('overview.job.off')}
                      </span>
                    </div>
                    <button type="button" class="btn overview-job-run" disabled={busy()} onClick={() => run(job.name)}>
                      {busy() ? t('overview.job.running') : t('overview.job.runNow')}
                    </button>
                  </div>
                  <p class="muted overview-job-desc">{description()}</p>
                  <dl class="overview-job-facts">
                    <div>
                      <dt>{t('overview.job.lastRun')}</dt>
                      <dd class="overview-job-last">
                        <Show when={job.lastRun} fallback={t('overview.job.never')}>
                          {(last) => (
                            <>
                              <span classList={{ 'overview-good': last().ok, 'overview-bad': !last().ok }}>
                                {last().ok ? `✓ ${t('overview.job.succeeded')}` : `✗ ${t('overview.job.failed')}`}
                              </span>{' '}
                              <span title={absoluteTime(last().at)}>{relativeTime(last().at, now())}</span>
                              <span class="muted"> · {formatDuration(last().durationMs)}</span>
                              <Show when={last().summary}>
                                <span class="overview-job-summary">{last().summary}</span>
                              </Show>
                            </>
                          )}
                        </Show>
                      </dd>
                    </div>
                    <div>
                      <dt>{t('overview.job.nextRun')}</dt>
                      <dd>
                        <Show when={job.nextRun} fallback={t('overview.job.offHint')}>
                          {(next) => (
                            <span title={absoluteTime(next())}>{next() <= now() ? t('overview.job.due') : relativeTime(next(), now())}</span>
                          )}
                        </Show>
                      </dd>
                    </div>
                  </dl>
                  <Show when={outcome()}>
                    {(shown) => (
                      <p class="notice overview-job-outcome" classList={{ 'notice-ok': shown().kind === 'ok', 'notice-error': shown().kind !== 'ok' }} role="status">
                        {outcomeText(shown())}
                      </p>
                    )}
                  </Show>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
    </section>
  );
}
