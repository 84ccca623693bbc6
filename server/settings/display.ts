/** Masks a secret as its first 4 and last 4 characters, the rest hidden. */
export function maskSecret(secret: string): string {
  if (secret.length <= 12) return '*'.repeat(Math.min(secret.length, 8));
  return `${secret.slice(0, 4)}…${secret.slice(-4)}`;
}

/** How a setting's value reads in a log line or a notice: short, and never a secret in clear. */
export function describeValue(value: unknown, secret: boolean): string {
  if (Array.isArray(value) && secret) return `${value.length} item${value.length === 1 ? '' : 's'}`;
  if (value && typeof value === 'object' && secret) return `${Object.keys(value).length} ${Object.keys(value).length === 1 ? 'entry' : 'entries'} (values hidden)`;
  if (typeof value === 'string') return secret ? (value === '' ? '(empty)' : maskSecret(value)) : JSON.stringify(value);
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Equality of two setting values, ignoring the key order of objects. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}
