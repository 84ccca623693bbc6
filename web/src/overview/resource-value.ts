import type { Resource } from 'solid-js';

/**
 * The resource's last good value, kept while it reloads (a refresh must not blank the page every
 * 30 s); undefined before the first answer and after a failure (reading a failed resource throws;
 * the failure has its own notice).
 */
export function lastValue<T>(resource: Resource<T>): T | undefined {
  return resource.state === 'errored' ? undefined : resource.latest;
}
