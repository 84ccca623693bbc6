/** What `db/connect.ts` needs to open either database: the bootstrap settings of that name. */
export interface DatabaseConfig {
  readonly DATABASE_TYPE: 'sqlite' | 'mysql';
  readonly SQLITE_DATABASE: string;
  readonly MYSQL_HOST: string;
  readonly MYSQL_PORT: number;
  readonly MYSQL_USER: string;
  readonly MYSQL_PASSWORD: string;
  readonly MYSQL_DATABASE: string;
  readonly MYSQL_SOCKET: string;
  readonly DB_CONNECT_RETRIES: number;
}

export interface ConnectOptions {
  readonly onRetry?: (message: string) => void;
  /** Delay before retry n (0-based); 1 s, 2 s, 4 s … capped at 10 s. */
  readonly retryDelayMs?: (attempt: number) => number;
}
