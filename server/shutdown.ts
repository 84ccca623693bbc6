import type { Logger } from './log';

const DEADLINE_MS = 10_000;

export interface Shutdown {
  /** Work that must finish before the database closes (write-behind buffers, key states). */
  readonly flushers: Array<() => Promise<void>>;
  run(reason: string): Promise<void>;
}

/**
 * Stop order: stop accepting connections (in-flight requests finish), flush pending writes,
 * close the database. A second signal, or a stop slower than 10 s, exits at once with code 1.
 */
export function createShutdown(stopServer: () => Promise<void>, closeDatabase: () => Promise<void>, log: Logger): Shutdown {
  const flushers: Array<() => Promise<void>> = [];
  let running: Promise<void> | undefined;
  const steps = async (reason: string) => {
    log.info(`${reason}: stopping (no new connections; finishing requests and pending writes)`);
    await stopServer();
    for (const flush of flushers) await flush();
    await closeDatabase();
    log.info('stopped cleanly');
  };
  return {
    flushers,
    run(reason) {
      running ??= steps(reason);
      return running;
    },
  };
}

export function exitOnSignals(shutdown: Shutdown, log: Logger): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      log.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    signalled = true;
    setTimeout(() => {
      log.error(`shutdown took longer than ${DEADLINE_MS / 1000} s; exiting`);
      process.exit(1);
    }, DEADLINE_MS).unref();
    shutdown.run(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
