/**
 * REDIS_URL: key state changes between instances at once. Each instance publishes the new state
 * of a key it settled (a key disabled, resting, back in service) and applies what the others
 * publish; the database sync (watch-database.ts) stays the fallback every 3 s. Keys travel as
 * their fingerprints, never in clear.
 */
import { RedisClient } from 'bun';
import * as v from 'valibot';
import type { Logger } from '../log';
import { fingerprint } from '../keypool/keys';
import type { KeyKind, KeyState } from '../keypool/machine';

const CHANNEL = 'gemini-balance:key-states';

const EventSchema = v.object({
  from: v.string(),
  kind: v.picklist(['gemini', 'vertex', 'paid']),
  id: v.string(),
  status: v.picklist(['active', 'cooling', 'disabled']),
  failures: v.number(),
  cooldownUntil: v.nullable(v.number()),
  disabledReason: v.nullable(v.string()),
  modelCooldowns: v.record(v.string(), v.number()),
});
export type KeyEvent = v.InferOutput<typeof EventSchema>;

export interface KeyEvents {
  publish(kind: KeyKind, state: KeyState): void;
  close(): void;
}

/** `onEvent` receives the others' changes (never this instance's own). */
export async function connectKeyEvents(url: string, instanceId: string, log: Logger, onEvent: (event: KeyEvent) => void): Promise<KeyEvents> {
  const publisher = new RedisClient(url);
  const subscriber = new RedisClient(url);
  const subscribed = subscriber.subscribe(CHANNEL, (message: string) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      return;
    }
    const event = v.safeParse(EventSchema, parsed);
    if (event.success && event.output.from !== instanceId) onEvent(event.output);
  });
  // A Redis that does not answer must not hold the start up: the database sync still works.
  const timeout = Bun.sleep(5_000).then(() => {
    throw new Error('no answer within 5 s');
  });
  try {
    await Promise.race([subscribed, timeout]);
  } catch (error) {
    publisher.close();
    subscriber.close();
    throw error;
  }
  let warned = false;
  return {
    publish(kind, state) {
      const event: KeyEvent = {
        from: instanceId,
        kind,
        id: fingerprint(state.key),
        status: state.status,
        failures: state.failures,
        cooldownUntil: state.cooldownUntil,
        disabledReason: state.disabledReason,
        modelCooldowns: { ...state.modelCooldowns },
      };
      publisher.publish(CHANNEL, JSON.stringify(event)).catch((error: unknown) => {
        // Redis down: the database sync still carries the change, a little later.
        if (!warned) log.warn(`Redis (REDIS_URL) cannot be reached; key states reach other instances through the database only: ${String(error)}`);
        warned = true;
      });
    },
    close() {
      publisher.close();
      subscriber.close();
    },
  };
}
