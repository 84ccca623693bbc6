import { router } from '../trpc';

export const logsRouter = router({});
