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
import { answerWithin } from './answer-within';
import { KEY_KINDS, type KeyKind, type KeyState } from '../keypool/machine';

const CHANNEL = 'gemini-balance:key-states';

const EventSchema = v.object({
  from: v.string(),
  kind: v.picklist(KEY_KINDS),
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
  /** Subscribed and able to publish (shown by /health). */
  connected(): boolean;
  close(): void;
}

const RETRY_MS = 10_000;
const ANSWER_MS = 5_000;
/** A Redis that stops answering but keeps the connection open never closes it: asked this often. */
const PING_MS = 5_000;

/** No offline queue and no reconnecting of its own: a lost connection is rebuilt here, subscription included. */
const client = (url: string) => new RedisClient(url, { connectionTimeout: ANSWER_MS, enableOfflineQueue: false, autoReconnect: false });

/**
 * Connects in the background and never holds the start up: while Redis is away (or before it
 * first answers) changes travel through the database sync only, and the connection is tried
 * again every RETRY_MS. `onEvent` receives the others' changes (never this instance's own).
 */
export function connectKeyEvents(url: string, instanceId: string, log: Logger, onEvent: (event: KeyEvent) => void): KeyEvents {
  let live: { publisher: RedisClient; subscriber: RedisClient } | null = null;
  let closed = false;
  let away = false;
  let publishWarned = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let pinger: ReturnType<typeof setInterval> | undefined;

  const receive = (message: string) => {
    const event = v.safeParse(EventSchema, parseJson(message));
    if (event.success && event.output.from !== instanceId) onEvent(event.output);
  };
  const lost = (reason: string) => {
    // A connection attempt that fails after close() (shutting down) is not news.
    if (closed) return;
    if (!away) log.warn(`Redis (REDIS_URL) cannot be reached (${reason}); key states reach other instances through the database only until it can.`);
    away = true;
    retry = setTimeout(start, RETRY_MS);
    retry.unref();
  };
  async function start(): Promise<void> {
    const opened: RedisClient[] = [];
    let pair: { publisher: RedisClient; subscriber: RedisClient };
    try {
      const publisher = client(url);
      opened.push(publisher);
      const subscriber = client(url);
      opened.push(subscriber);
      await answerWithin(Promise.all([publisher.connect(), subscriber.connect().then(() => subscriber.subscribe(CHANNEL, receive))]), ANSWER_MS);
      pair = { publisher, subscriber };
    } catch (error) {
      for (const c of opened) c.close();
      return lost(error instanceof Error ? error.message : String(error));
    }
    if (closed) return void (pair.publisher.close(), pair.subscriber.close());
    if (away) log.info('Redis answers again: key states reach other instances at once again.');
    away = false;
    publishWarned = false;
    live = pair;
    watch(pair);
  }
  /** Until either connection closes or Redis stops answering pings; then the connection is rebuilt. */
  function watch(pair: { publisher: RedisClient; subscriber: RedisClient }): void {
    const drop = (reason: string) => {
      if (live !== pair) return;
      clearInterval(pinger);
      live = null;
      pair.publisher.close();
      pair.subscriber.close();
      lost(reason);
    };
    clearInterval(pinger);
    pinger = setInterval(() => {
      answerWithin(pair.publisher.ping(), ANSWER_MS / 2).catch(() => drop('no answer to a ping'));
    }, PING_MS);
    pinger.unref();
    pair.publisher.onclose = () => drop('connection closed');
    pair.subscriber.onclose = () => drop('connection closed');
  }
  void start();

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
      // Not connected: the database sync carries the change, a little later.
      // A failed publish that closed the connection is rebuilt by onclose; warned once per connection.
      live?.publisher.publish(CHANNEL, JSON.stringify(event)).catch((error: unknown) => {
        if (!publishWarned) log.warn(`Redis (REDIS_URL) refused a key state change; it reaches other instances through the database: ${String(error)}`);
        publishWarned = true;
      });
    },
    connected: () => live !== null,
    close() {
      closed = true;
      clearTimeout(retry);
      clearInterval(pinger);
      live?.publisher.close();
      live?.subscriber.close();
      live = null;
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
