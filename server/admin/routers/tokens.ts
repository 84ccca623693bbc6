import { router } from '../trpc';

export const tokensRouter = router({});
