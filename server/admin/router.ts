import { authRouter } from './routers/auth';
import { jobsRouter } from './routers/jobs';
import { keysRouter } from './routers/keys';
import { logsRouter } from './routers/logs';
import { settingsRouter } from './routers/settings';
import { statsRouter } from './routers/stats';
import { tokensRouter } from './routers/tokens';
import { router } from './trpc';

/** The admin API, one router per dashboard area (each file under routers/ is that area's table of contents). */
export const appRouter = router({
  auth: authRouter,
  settings: settingsRouter,
  keys: keysRouter,
  tokens: tokensRouter,
  logs: logsRouter,
  stats: statsRouter,
  jobs: jobsRouter,
});

export type AppRouter = typeof appRouter;
