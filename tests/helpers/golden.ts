import { expect } from 'bun:test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Golden files: `<dir>/<case>.in.json` → `<case>.out.json`. `UPDATE_GOLDEN=1 bun test …` rewrites
 * the .out.json files from what the code produces now: read every changed one before committing.
 */
export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

/** The case names of a golden folder, sorted. */
export function goldenCases(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.in.json'))
    .map((f) => f.slice(0, -'.in.json'.length))
    .sort();
}

export const readGoldenInput = <T>(dir: string, name: string): Promise<T> => Bun.file(join(dir, `${name}.in.json`)).json() as Promise<T>;

/** JSON with every value that fits on one line kept on one line; number arrays always on one line. */
export function pretty(value: unknown, indent = ''): string {
  // Indented JSON folded onto one line; JSON escapes newlines inside strings, so this is safe.
  const flat = (JSON.stringify(value, null, 1) ?? 'null').replace(/\n\s*/g, ' ');
  const numbers = Array.isArray(value) && value.every((x) => typeof x === 'number');
  if (numbers || indent.length + flat.length <= 120 || value === null || typeof value !== 'object') return flat;
  const inner = `${indent}  `;
  const items = Array.isArray(value)
    ? value.map((x) => inner + pretty(x, inner))
    : Object.entries(value).map(([k, x]) => `${inner}${JSON.stringify(k)}: ${pretty(x, inner)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${items.join(',\n')}\n${indent}${close}`;
}

/** Compares with `<case>.out.json` (rewriting it first under UPDATE_GOLDEN). */
export async function expectGolden(dir: string, name: string, actual: unknown): Promise<void> {
  const outFile = join(dir, `${name}.out.json`);
  if (UPDATE_GOLDEN) await Bun.write(outFile, `${pretty(actual)}\n`);
  expect(actual).toEqual(await Bun.file(outFile).json());
}
