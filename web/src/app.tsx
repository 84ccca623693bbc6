import { type RouteDefinition, type RouteSectionProps, Router, useLocation, useNavigate } from '@solidjs/router';
import { onCleanup } from 'solid-js';
import { SessionLayout } from './components/SessionLayout';
import { applyTheme } from './lib/theme';
import { handleUnauthorized } from './lib/trpc';
import { Config } from './pages/Config';
import { Connect } from './pages/Connect';
import { Keys } from './pages/Keys';
import { Login } from './pages/Login';
import { Logs } from './pages/Logs';
import { NotFound } from './pages/NotFound';
import { Overview } from './pages/Overview';
import { Tokens } from './pages/Tokens';
import './styles/theme.css';
import './styles/base.css';

/**
 * The route table, written out (no file-based routing): one place shows every page. Pages that
 * need a session are children of SessionLayout.
 */
const routes: RouteDefinition[] = [
  { path: '/login', component: Login },
  {
    path: '/',
    component: SessionLayout,
    children: [
      { path: '/', component: Overview },
      { path: '/connect', component: Connect },
      { path: '/config', component: Config },
      { path: '/logs', component: Logs },
      { path: '/tokens', component: Tokens },
      { path: '/keys', component: Keys },
    ],
  },
  { path: '*', component: NotFound },
];

/** Inside the router: any 401 from the API (session expired or ended elsewhere) leads to the login page. */
function Shell(props: RouteSectionProps) {
  const navigate = useNavigate();
  const location = useLocation();
  handleUnauthorized(() => {
    if (location.pathname !== '/login') navigate('/login?expired=1', { replace: true });
  });
  onCleanup(() => handleUnauthorized(undefined));
  return <>{props.children}</>;
}

export default function App() {
  applyTheme();
  return <Router root={Shell}>{routes}</Router>;
}
