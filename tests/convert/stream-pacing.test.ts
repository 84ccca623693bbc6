import { describe, expect, test } from 'bun:test';
import { type PacingSettings, paceText, pacingFrom } from '../../server/convert/stream-pacing';
import { defaultSettings } from '../../server/settings/schema';

const DEFAULTS: PacingSettings = { minDelayS: 0.016, maxDelayS: 0.024, shortThreshold: 10, longThreshold: 50, chunkSize: 5 };
const with_ = (p: Partial<PacingSettings>): PacingSettings => ({ ...DEFAULTS, ...p });

/** The original's interpolation, written out independently of the code under test. */
const interpolatedMs = (len: number, short: number, long: number, min = 16, max = 24) =>
  max - (Math.log(len / short) / Math.log(long / short)) * (max - min);

const ascii = (n: number) => 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(4).slice(0, n);
const emoji = (n: number) => '😀🎉👍'.repeat(n).slice(0, 2 * n); // n code points, 2n UTF-16 units
const chinese = (n: number) => '你好世界这是一个测试'.repeat(10).slice(0, n);

interface Case {
  name: string;
  text: string;
  p?: PacingSettings;
  /** Length of each piece in code points. */
  sizes: number[];
  delayMs: number;
}

const cases: Case[] = [
  { name: 'empty text: nothing to pace', text: '', sizes: [], delayMs: 0 },
  { name: '5 chars (≤ short): single chars, max delay', text: ascii(5), sizes: [1, 1, 1, 1, 1], delayMs: 24 },
  { name: 'exactly short: max delay', text: ascii(10), sizes: Array(10).fill(1), delayMs: 24 },
  { name: '11 chars: interpolated', text: ascii(11), sizes: Array(11).fill(1), delayMs: interpolatedMs(11, 10, 50) },
  { name: '20 chars: ≈ 20.55 ms as documented', text: ascii(20), sizes: Array(20).fill(1), delayMs: 20.554588 },
  { name: '49 chars: still single chars', text: ascii(49), sizes: Array(49).fill(1), delayMs: interpolatedMs(49, 10, 50) },
  { name: 'exactly long: chunks, min delay', text: ascii(50), sizes: Array(10).fill(5), delayMs: 16 },
  { name: '52 chars: last chunk shorter', text: ascii(52), sizes: [...Array(10).fill(5), 2], delayMs: 16 },
  { name: 'Chinese, 12 chars', text: chinese(12), sizes: Array(12).fill(1), delayMs: interpolatedMs(12, 10, 50) },
  { name: '30 emoji count as 30, not 60', text: emoji(30), sizes: Array(30).fill(1), delayMs: interpolatedMs(30, 10, 50) },
  { name: '52 emoji: chunks of 5 emoji', text: emoji(52), sizes: [...Array(10).fill(5), 2], delayMs: 16 },
  { name: 'mixed a😀b', text: 'a😀b', sizes: [1, 1, 1], delayMs: 24 },
  // Degenerate settings (the original divided by zero with short = 0).
  { name: 'short 0 behaves as short 1 (L=1)', text: 'x', p: with_({ shortThreshold: 0 }), sizes: [1], delayMs: 24 },
  {
    name: 'short 0 behaves as short 1 (L=5)',
    text: ascii(5),
    p: with_({ shortThreshold: 0 }),
    sizes: Array(5).fill(1),
    delayMs: interpolatedMs(5, 1, 50),
  },
  {
    name: 'short > long: max up to short, chunks from long',
    text: ascii(20),
    p: with_({ shortThreshold: 50, longThreshold: 10 }),
    sizes: [5, 5, 5, 5],
    delayMs: 24,
  },
  { name: 'short > long, above both', text: ascii(60), p: with_({ shortThreshold: 50, longThreshold: 10 }), sizes: Array(12).fill(5), delayMs: 16 },
  { name: 'short = long, at it', text: ascii(10), p: with_({ shortThreshold: 10, longThreshold: 10 }), sizes: [5, 5], delayMs: 24 },
  { name: 'short = long, above it', text: ascii(11), p: with_({ shortThreshold: 10, longThreshold: 10 }), sizes: [5, 5, 1], delayMs: 16 },
  { name: 'short 0, long 1', text: ascii(3), p: with_({ shortThreshold: 0, longThreshold: 1 }), sizes: [3], delayMs: 16 },
  { name: 'chunk size 0 treated as 1', text: ascii(50), p: with_({ chunkSize: 0 }), sizes: Array(50).fill(1), delayMs: 16 },
  { name: 'zero delays', text: ascii(20), p: with_({ minDelayS: 0, maxDelayS: 0 }), sizes: Array(20).fill(1), delayMs: 0 },
];

describe('paceText', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { pieces, delayMs } = paceText(c.text, c.p ?? DEFAULTS);
    expect(pieces.map((piece) => Array.from(piece).length)).toEqual(c.sizes);
    expect(pieces.join('')).toBe(c.text);
    // No piece holds half a surrogate pair.
    expect(pieces.every((piece) => piece.isWellFormed())).toBe(true);
    expect(Number.isFinite(delayMs)).toBe(true);
    expect(delayMs).toBeCloseTo(c.delayMs, 5);
  });

  test('the delay falls as the text grows, between max and min', () => {
    const delays = [10, 11, 15, 20, 30, 40, 49, 50].map((n) => paceText(ascii(n), DEFAULTS).delayMs);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeLessThan(delays[i - 1] ?? Infinity);
    expect(delays[0]).toBe(24);
    expect(delays.at(-1)).toBe(16);
  });
});

describe('pacingFrom', () => {
  test('maps the settings (seconds stay seconds)', () => {
    expect(pacingFrom(defaultSettings())).toEqual(DEFAULTS);
  });
});
