import { redactSecrets } from './redact';

export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  setLevel(level: LogLevel): void;
}

/**
 * A small leveled console logger; every line passes through redactSecrets. (A full library
 * such as pino would add worker-thread transports we do not need for one stdout stream.)
 */
export function createLogger(level: LogLevel, write: (line: string) => void = (line) => console.log(line)): Logger {
  let threshold = LOG_LEVELS.indexOf(level);
  const emit = (at: LogLevel) => (message: string) => {
    if (LOG_LEVELS.indexOf(at) < threshold) return;
    write(`${new Date().toISOString()} ${at.padEnd(7)} ${redactSecrets(message)}`);
  };
  return {
    debug: emit('DEBUG'),
    info: emit('INFO'),
    warn: emit('WARNING'),
    error: emit('ERROR'),
    setLevel(next) {
      threshold = LOG_LEVELS.indexOf(next);
    },
  };
}
