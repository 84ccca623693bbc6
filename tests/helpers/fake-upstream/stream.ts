/**
 * The gate streams wait at after their first piece when `holdAfterFirst` is on. A stream takes the gate
 * that is current when it starts, so release() frees every stream already started and re-arms for the next.
 */
export class Gate {
  private openCurrent: () => void = () => {};
  private current: Promise<void> = this.arm();

  get waitable(): Promise<void> {
    return this.current;
  }

  release(): void {
    this.openCurrent();
    this.current = this.arm();
  }

  private arm(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.openCurrent = resolve;
    });
  }
}

/** Resolves when `promise` does or `signal` aborts, leaving no listener behind either way. */
function until(promise: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const finish = () => {
      signal.removeEventListener('abort', finish);
      resolve();
    };
    signal.addEventListener('abort', finish);
    void promise.then(finish);
  });
}

/** A sleep that ends early on abort, so stop() leaves no timer running. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const elapsed = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return until(elapsed, signal).finally(() => clearTimeout(timer));
}

export interface Pacing {
  delayMs: number;
  /** Set when the stream must wait at the gate after its first piece. */
  gate: Promise<void> | undefined;
  /** Aborted by stop(). */
  stop: AbortSignal;
  /** Called once, when the last piece is out or the client went away. */
  done: () => void;
}

/** A body that sends `pieces` one at a time, paced, so clients see Google's incremental delivery. */
export function pacedBody(pieces: readonly string[], pacing: Pacing): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let next = 0;
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (next === 1 && pacing.gate) await until(pacing.gate, pacing.stop);
      if (next > 0 && pacing.delayMs > 0) await sleep(pacing.delayMs, pacing.stop);
      if (cancelled) return;
      if (pacing.stop.aborted) {
        pacing.done();
        controller.error(undefined);
        return;
      }
      controller.enqueue(encoder.encode(pieces[next] ?? ''));
      next += 1;
      if (next < pieces.length) return;
      pacing.done();
      controller.close();
    },
    cancel() {
      cancelled = true;
      pacing.done();
    },
  });
}

/**
 * A response that makes Bun reset the connection before any byte of an HTTP answer is written. The
 * reason is `undefined` on purpose: Bun prints any other stream error to stderr as if it were a bug.
 */
export function dropped(): Response {
  return new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.error(undefined);
      },
    }),
  );
}

/** Never answers: settles (with a dropped connection) only once the client aborts or stop() runs. */
export function hang(client: AbortSignal, stop: AbortSignal, done: () => void): Promise<Response> {
  return until(new Promise<void>(() => {}), AbortSignal.any([client, stop])).then(() => {
    done();
    return dropped();
  });
}
