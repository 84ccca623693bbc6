import { createSignal, onMount, Show } from 'solid-js';
import type { Health } from '../../../server/health';
import { t } from '../i18n';
import { useAutoRefresh } from '../overview/auto-refresh';

/** How often the dashboard asks /health while it is open and visible. */
const CHECK_MS = 10_000;

/** /health's answer, as the server declares it; read defensively (something else may answer). */
type HealthAnswer = Partial<Health>;

/**
 * The database away, said on every page (FAQ 28: the original's dashboard only failed saves with
 * "HTTP error 400"). The proxy keeps answering meanwhile; only changes and logs wait for it.
 */
export function DatabaseBanner() {
  const [problem, setProblem] = createSignal<string | null>(null);
  const check = async () => {
    try {
      const answer = (await (await fetch('/health', { cache: 'no-store' })).json()) as HealthAnswer;
      setProblem(answer.database?.status === 'unreachable' ? (answer.database.error ?? '') : null);
    } catch {
      // The server itself is unreachable (or something else answered): each page says so with its
      // own request's error, and an old database state would only mislead.
      setProblem(null);
    }
  };
  onMount(() => void check());
  useAutoRefresh(() => void check(), CHECK_MS);
  return (
    <Show when={problem() !== null}>
      <div class="notice notice-error database-banner">
        {/* Announced once when it appears; the detail below changes between checks and is not. */}
        <div role="alert">
          <strong>{t('health.dbDown.title')}</strong>
          <p>{t('health.dbDown.body')}</p>
        </div>
        <Show when={problem()}>
          <p class="muted">{problem()}</p>
        </Show>
      </div>
    </Show>
  );
}
