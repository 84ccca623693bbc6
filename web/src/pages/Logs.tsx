import { useSearchParams } from '@solidjs/router';
import { createMemo, createSignal, Match, Show, Switch } from 'solid-js';
import { t } from '../i18n';
import { usePageTitle } from '../lib/page-title';
import { api } from '../lib/trpc';
import { ErrorTable } from '../logs/ErrorTable';
import { FilterBar } from '../logs/FilterBar';
import { localZone } from '../logs/format';
import { createLogNames } from '../logs/key-names';
import { DEFAULT_FILTERS, type ErrorQuery, type LogFilters, type RequestQuery, toQuery } from '../logs/log-filters';
import { PAGE_SIZE } from '../logs/log-list';
import { LogPanel } from '../logs/LogPanel';
import { RequestTable } from '../logs/RequestTable';
import '../logs/ui.css';
import '../logs/logs.css';

type Tab = 'requests' | 'errors';

/** The request log and the error log, one tab each (in the address, so a tab can be bookmarked), sharing one filter bar. */
export function Logs() {
  usePageTitle('logs.title');
  const [params, setParams] = useSearchParams();
  const tab = (): Tab => (params.tab === 'errors' ? 'errors' : 'requests');
  const names = createLogNames();
  const [filters, setFilters] = createSignal<LogFilters>(DEFAULT_FILTERS);
  // When the lists were asked for: "last hour" counts back from here, and a new value reloads them.
  const [loadedAt, setLoadedAt] = createSignal(Date.now());

  const result = createMemo(() => toQuery(filters(), loadedAt(), names.idOf));
  const errorQuery = createMemo((): ErrorQuery | undefined => {
    const r = result();
    return 'query' in r ? r.query : undefined;
  });
  const requestQuery = createMemo((): RequestQuery | undefined => {
    const r = result();
    return 'query' in r ? { ...r.query, ...(r.outcome ? { outcome: r.outcome } : {}) } : undefined;
  });
  const problem = () => {
    const r = result();
    return 'problem' in r ? t(r.problem) : undefined;
  };

  const applyFilters = (next: LogFilters) => {
    setFilters(next);
    setLoadedAt(Date.now());
  };
  const filterByKey = (key: string) => applyFilters({ ...filters(), key });
  const emptyText = () => (filters().range === 'all' ? t('logs.empty') : t('logs.emptyInRange'));

  return (
    <div class="logs-page">
      <header class="logs-header">
        <div>
          <h1>{t('logs.title')}</h1>
          <p class="muted">{t('logs.intro', { zone: localZone() })}</p>
        </div>
        <button
          type="button"
          class="btn"
          onClick={() => {
            names.refresh();
            setLoadedAt(Date.now());
          }}
        >
          {t('logs.refresh')}
        </button>
      </header>

      <div class="log-tabs" role="tablist" aria-label={t('logs.title')}>
        <button type="button" role="tab" class="log-tab" aria-selected={tab() === 'requests'} onClick={() => setParams({ tab: undefined })}>
          {t('logs.tab.requests')}
        </button>
        <button type="button" role="tab" class="log-tab" aria-selected={tab() === 'errors'} onClick={() => setParams({ tab: 'errors' })}>
          {t('logs.tab.errors')}
        </button>
      </div>
      <p class="muted log-tab-help">{tab() === 'requests' ? t('logs.help.requests') : t('logs.help.errors')}</p>

      <FilterBar filters={filters()} onChange={applyFilters} showOutcome={tab() === 'requests'} names={names} />
      <Show when={problem()}>
        <p class="notice notice-error" role="alert">
          {problem()}
        </p>
      </Show>

      <Switch>
        <Match when={tab() === 'requests' && requestQuery()}>
          {(query) => (
            <LogPanel
              kind="requests"
              reloadKey={`${loadedAt()} ${JSON.stringify(query())}`}
              fetchPage={(cursor) => api.logs.listRequests.query({ ...query(), limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) })}
              remove={(ids) => api.logs.deleteRequests.mutate({ ids })}
              removeAll={() => api.logs.deleteAll.mutate({ kind: 'requests' })}
              emptyText={emptyText()}
              table={(items, selection) => <RequestTable items={items} selection={selection} names={names} onFilterKey={filterByKey} />}
            />
          )}
        </Match>
        <Match when={tab() === 'errors' && errorQuery()}>
          {(query) => (
            <LogPanel
              kind="errors"
              reloadKey={`${loadedAt()} ${JSON.stringify(query())}`}
              fetchPage={(cursor) => api.logs.listErrors.query({ ...query(), limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) })}
              remove={(ids) => api.logs.deleteErrors.mutate({ ids })}
              removeAll={() => api.logs.deleteAll.mutate({ kind: 'errors' })}
              emptyText={emptyText()}
              table={(items, selection) => <ErrorTable items={items} selection={selection} names={names} onFilterKey={filterByKey} />}
            />
          )}
        </Match>
      </Switch>
    </div>
  );
}
