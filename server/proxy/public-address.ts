import { isIPv4, isIPv6 } from 'node:net';

// Loopback, private, link-local (cloud metadata 169.254.169.254), CGNAT, benchmark, multicast, reserved.
const V4_BLOCKED: readonly [number, number][] = [
  [0x00000000, 8], [0x0a000000, 8], [0x64400000, 10], [0x7f000000, 8], [0xa9fe0000, 16], [0xac100000, 12],
  [0xc0000000, 24], [0xc0a80000, 16], [0xc6120000, 15], [0xe0000000, 4], [0xf0000000, 4],
];

const v4Number = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
const inRange = (n: number, [base, bits]: readonly [number, number]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits));
const publicV4Number = (n: number) => !V4_BLOCKED.some((range) => inRange(n, range));

/** The eight 16-bit groups of an IPv6 address, whatever its spelling (`::`, a dotted IPv4 tail). */
function v6Groups(ip: string): number[] {
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(ip)?.[1];
  const text = dotted ? ip.replace(dotted, ((n) => `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`)(v4Number(dotted))) : ip;
  const [head = '', tail] = text.split('::');
  const part = (s: string) => (s ? s.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const front = part(head);
  const back = tail === undefined ? [] : part(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}

function publicV6(ip: string): boolean {
  const g = v6Groups(ip.toLowerCase().replace(/%.*$/, ''));
  const v4At = (i: number) => (g[i] ?? 0) * 0x10000 + (g[i + 1] ?? 0);
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  // IPv4 inside IPv6: mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16, compatible ::a.b.c.d.
  if (zeros(0, 5) && g[5] === 0xffff) return publicV4Number(v4At(6));
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return publicV4Number(v4At(6));
  if (g[0] === 0x2002) return publicV4Number(v4At(1));
  if (zeros(0, 6)) return false;
  const first = g[0] ?? 0;
  // Unique-local fc00::/7, link-local fe80::/10, site-local fec0::/10, multicast ff00::/8.
  return !((first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xffc0) === 0xfec0 || (first & 0xff00) === 0xff00);
}

/** Whether an address is on the public internet (downloads for clients never go anywhere else). */
export function isPublicAddress(ip: string): boolean {
  if (isIPv4(ip)) return publicV4Number(v4Number(ip));
  return isIPv6(ip.replace(/%.*$/, '')) && publicV6(ip);
}
