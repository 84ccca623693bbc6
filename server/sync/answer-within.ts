/**
 * `work`, or a rejection when it has not settled within `ms`. The timer is cleared as soon as the
 * work settles: counted on every rate-limited request, a timer left to fire would build an Error
 * for nothing 250 ms later each time.
 */
export async function answerWithin<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(ms < 1000 ? `no answer within ${ms} ms` : `no answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
