import { revalidateKeys } from '../keypool/revalidate';
import type { JobDef } from './scheduler';

export const keyRecheckJob: JobDef = {
  name: 'key-recheck',
  description: 'Probes disabled and resting keys with TEST_MODEL and puts back those that answer (every CHECK_INTERVAL_HOURS).',
  interval: (s) => (s.CHECK_INTERVAL_HOURS > 0 ? s.CHECK_INTERVAL_HOURS * 3_600_000 : null),
  async run(deps) {
    const { checked, recovered } = await revalidateKeys(deps);
    return checked === 0 ? 'no disabled or resting keys' : `${checked} keys probed, ${recovered} back in service`;
  },
};
