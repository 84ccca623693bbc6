import { router } from '../trpc';

export const jobsRouter = router({});
