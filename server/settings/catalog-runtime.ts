import * as v from 'valibot';
import { bool, float, int, oneOf, str } from './define';

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export const runtimeSettings = {
  STREAM_OPTIMIZER_ENABLED: bool(false, { group: 'streaming', description: 'Re-chunk streamed text smoothly.' }),
  STREAM_MIN_DELAY: float(0.016, { group: 'streaming', min: 0, max: 1, description: 'Delay for long text, s.' }),
  STREAM_MAX_DELAY: float(0.024, { group: 'streaming', min: 0, max: 1, description: 'Delay for short text, s.' }),
  STREAM_SHORT_TEXT_THRESHOLD: int(10, { group: 'streaming', min: 1, description: 'Short text below, chars.' }),
  STREAM_LONG_TEXT_THRESHOLD: int(50, { group: 'streaming', min: 1, description: 'Long text above, chars.' }),
  STREAM_CHUNK_SIZE: int(5, { group: 'streaming', min: 1, description: 'Chunk size for long text, chars.' }),
  FAKE_STREAM_ENABLED: bool(false, {
    group: 'streaming',
    description: 'OpenAI streaming: call upstream without streaming and send keep-alives meanwhile.',
  }),
  FAKE_STREAM_EMPTY_DATA_INTERVAL_SECONDS: int(5, {
    group: 'streaming',
    min: 1,
    max: 60,
    description: 'Keep-alive interval for fake streaming, s.',
  }),

  CHECK_INTERVAL_HOURS: int(1, {
    group: 'scheduler',
    min: 0,
    description: 'How often failed keys are re-checked, hours (0 = never).',
  }),
  TIMEZONE: str(
    'Asia/Shanghai',
    { group: 'scheduler', description: 'Time zone of the daily jobs (IANA name).' },
    v.pipe(v.string(), v.check(isTimeZone, 'unknown time zone')),
    'an IANA time zone name such as Europe/Berlin',
  ),
  GITHUB_REPO_OWNER: str('snailyp', { group: 'scheduler', description: 'Update check: repository owner.' }),
  GITHUB_REPO_NAME: str('gemini-balance', { group: 'scheduler', description: 'Update check: repository name.' }),

  LOG_LEVEL: oneOf(['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'], 'INFO', {
    group: 'logging',
    description: 'Console log level.',
  }),
  ERROR_LOG_RECORD_REQUEST_BODY: bool(false, {
    group: 'logging',
    description: 'Store the request body (the prompt) with each error log.',
  }),
  AUTO_DELETE_ERROR_LOGS_ENABLED: bool(true, { group: 'logging', description: 'Delete old error logs daily.' }),
  AUTO_DELETE_ERROR_LOGS_DAYS: int(7, { group: 'logging', min: 1, description: 'Keep error logs this many days.' }),
  AUTO_DELETE_REQUEST_LOGS_ENABLED: bool(false, { group: 'logging', description: 'Delete old request logs daily.' }),
  AUTO_DELETE_REQUEST_LOGS_DAYS: int(30, {
    group: 'logging',
    min: 1,
    description: 'Keep request logs this many days.',
  }),

  FILES_CLEANUP_ENABLED: bool(true, { group: 'files', description: 'Delete expired Files API records.' }),
  FILES_CLEANUP_INTERVAL_HOURS: int(1, { group: 'files', min: 1, description: 'Files cleanup interval, hours.' }),
  FILES_USER_ISOLATION_ENABLED: bool(true, {
    group: 'files',
    description: 'Each client token sees only its own uploaded files.',
  }),
  ADMIN_SESSION_EXPIRE: int(3600, {
    group: 'server',
    min: 300,
    max: 86400,
    description: 'Dashboard session lifetime, seconds.',
  }),
};
