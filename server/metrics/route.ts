import { Elysia } from 'elysia';
import type { Deps } from '../deps';
import { KEY_KINDS, type KeyStatus } from '../keypool/machine';
import { CONTENT_TYPE, formatMetrics, type MetricFamily } from './format';
import { metricsOf } from './registry';

const KEY_STATES: readonly KeyStatus[] = ['active', 'cooling', 'disabled'];

/** Everything /metrics shows: the counters, and gauges read now. No key, token or setting value. */
export function collectMetrics(deps: Pick<Deps, 'pools' | 'recorder'>): MetricFamily[] {
  const keySamples = KEY_KINDS.flatMap((kind) => {
    const byState = new Map<KeyStatus, number>(KEY_STATES.map((s) => [s, 0]));
    for (const k of deps.pools[kind].snapshot()) byState.set(k.status, (byState.get(k.status) ?? 0) + 1);
    return KEY_STATES.map((state) => ({ labels: { kind, state }, value: byState.get(state) ?? 0 }));
  });
  const cpu = process.cpuUsage();
  return [
    { name: 'gemini_balance_up', help: 'The server is running.', type: 'gauge', samples: [{ value: 1 }] },
    ...metricsOf(deps.recorder).families(),
    {
      name: 'gemini_balance_keys',
      help: 'Keys in the pools, by kind (gemini, vertex, paid) and state.',
      type: 'gauge',
      samples: keySamples,
    },
    {
      name: 'gemini_balance_log_buffer_rows',
      help: 'Request and error log rows waiting to be written to the database.',
      type: 'gauge',
      samples: [{ value: deps.recorder.depth() }],
    },
    { name: 'process_resident_memory_bytes', help: 'Resident memory size in bytes.', type: 'gauge', samples: [{ value: process.memoryUsage.rss() }] },
    { name: 'process_cpu_seconds_total', help: 'Total user and system CPU time spent in seconds.', type: 'counter', samples: [{ value: (cpu.user + cpu.system) / 1e6 }] },
    {
      name: 'process_start_time_seconds',
      help: 'Start time of the process since the Unix epoch in seconds.',
      type: 'gauge',
      samples: [{ value: Math.round(Date.now() / 1000 - process.uptime()) }],
    },
  ];
}

/** `GET /metrics`: Prometheus text format, public like /health (it holds no secret). */
export function metricsRoute(deps: Deps) {
  return new Elysia().get(
    '/metrics',
    () => new Response(formatMetrics(collectMetrics(deps)), { headers: { 'content-type': CONTENT_TYPE, 'cache-control': 'no-store' } }),
  );
}
