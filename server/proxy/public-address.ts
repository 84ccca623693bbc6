import { isIPv4 } from 'node:net';

// Loopback, private, link-local (cloud metadata 169.254.169.254), CGNAT, multicast and reserved ranges.
const V4_BLOCKED: readonly [number, number][] = [
  [0x00000000, 8], [0x0a000000, 8], [0x64400000, 10], [0x7f000000, 8], [0xa9fe0000, 16], [0xac100000, 12],
  [0xc0000000, 24], [0xc0a80000, 16], [0xc6120000, 15], [0xe0000000, 4], [0xf0000000, 4],
];

function v4Number(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function publicV4(ip: string): boolean {
  const n = v4Number(ip);
  return !V4_BLOCKED.some(([base, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)));
}

/** Whether an address is on the public internet (downloads for clients never go anywhere else). */
export function isPublicAddress(ip: string): boolean {
  if (isIPv4(ip)) return publicV4(ip);
  const v6 = ip.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6)?.[1];
  if (mapped) return publicV4(mapped);
  // ::, ::1, unique-local fc00::/7, link-local fe80::/10, multicast ff00::/8.
  return !(v6 === '::' || v6 === '::1' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || v6.startsWith('ff'));
}
