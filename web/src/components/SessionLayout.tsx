import { type RouteSectionProps, useNavigate } from '@solidjs/router';
import { createEffect, createResource, Match, Switch } from 'solid-js';
import { t } from '../i18n';
import { describeError } from '../lib/api-error';
import { api } from '../lib/trpc';
import { DatabaseBanner } from './DatabaseBanner';
import { NavBar } from './NavBar';
import './layout.css';

/** Every page but the login one: shown only with a valid session, else the login page. */
export function SessionLayout(props: RouteSectionProps) {
  const navigate = useNavigate();
  const [session, { refetch }] = createResource(() => api.auth.session.query());

  createEffect(() => {
    if (session.state === 'ready' && !session().loggedIn) navigate('/login', { replace: true });
  });

  return (
    <Switch fallback={<p class="page-status muted">{t('common.loading')}</p>}>
      <Match when={session.state === 'errored'}>
        <div class="page-status">
          <p class="notice notice-error">{describeError(session.error).message}</p>
          <button type="button" class="btn" onClick={() => refetch()}>
            {t('common.retry')}
          </button>
        </div>
      </Match>
      <Match when={session.state === 'ready' && session().loggedIn}>
        <NavBar />
        <main class="page">
          <DatabaseBanner />
          {props.children}
        </main>
      </Match>
    </Switch>
  );
}
