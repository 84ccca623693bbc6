import * as v from 'valibot';
import { int, oneOf, str } from './define';

/** Read from the environment only, before the database is open; never stored in it. */
export const bootstrapSettings = {
  DATABASE_TYPE: oneOf(['sqlite', 'mysql'], 'sqlite', {
    group: 'database',
    store: 'bootstrap',
    description: 'Storage backend. SQLite needs no set-up; MySQL/MariaDB for real deployments.',
  }),
  SQLITE_DATABASE: str('gemini-balance.db', {
    group: 'database',
    store: 'bootstrap',
    description:
      'SQLite file. A bare name is a file under ./data/ (as in gemini-balance); a path with / is used as given.',
  }),
  MYSQL_HOST: str('', { group: 'database', store: 'bootstrap', description: 'MySQL host.', example: '127.0.0.1' }),
  MYSQL_PORT: int(3306, { group: 'database', store: 'bootstrap', min: 1, max: 65535, description: 'MySQL port.' }),
  MYSQL_USER: str('', { group: 'database', store: 'bootstrap', description: 'MySQL user.', example: 'gemini' }),
  MYSQL_PASSWORD: str('', { group: 'database', store: 'bootstrap', secret: true, description: 'MySQL password.' }),
  MYSQL_DATABASE: str('', {
    group: 'database',
    store: 'bootstrap',
    description: 'MySQL database (schema) name; it must exist.',
    example: 'gemini_balance',
  }),
  MYSQL_SOCKET: str('', {
    group: 'database',
    store: 'bootstrap',
    description: 'Unix socket path; when set, host and port are ignored.',
    example: '/run/mysqld/mysqld.sock',
  }),
  DB_CONNECT_RETRIES: int(5, {
    group: 'database',
    store: 'bootstrap',
    min: 0,
    max: 100,
    description: 'How many more times to try an unreachable MySQL at start (1 s, 2 s, 4 s … apart) before exiting.',
  }),
  CONFIG_SOURCE: oneOf(['db', 'env'], 'db', {
    group: 'server',
    store: 'bootstrap',
    description:
      'db: after the first start the database wins and env differences are only reported. env: every setting given in the environment overrides the database and is saved to it.',
  }),
  REDIS_URL: str(
    '',
    {
      group: 'server',
      store: 'bootstrap',
      secret: true,
      description:
        'Optional, for several instances: redis://[user:password@]host:6379. Key state changes (a key disabled or resting after a 429) then reach the other instances at once instead of within 3 s, and per-token limits are one count for all instances.',
      example: 'redis://127.0.0.1:6379',
    },
    v.pipe(v.string(), v.check((s) => s === '' || isRedisUrl(s), 'a redis:// or rediss:// URL with a host (and at most a database number as its path)')),
  ),
  PORT: int(8000, { group: 'server', store: 'bootstrap', min: 0, max: 65535, description: 'HTTP port (0 picks a free one).' }),
  HOST: str(
    '0.0.0.0',
    { group: 'server', store: 'bootstrap', description: 'Address to listen on.' },
    v.pipe(v.string(), v.minLength(1)),
  ),
};

/** What Bun's RedisClient accepts: it throws on a URL without a host or with a path that is not a database number. */
function isRedisUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '' && /^(\/\d*)?$/.test(url.pathname);
}
