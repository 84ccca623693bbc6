import { describe, expect, test } from 'bun:test';
import { GRAIN_MS, ROLLUPS } from '../../db/logs/rollup';
import { planWindow, type WindowPiece } from '../../db/logs/window-plan';

const DAY = GRAIN_MS.day;
const covers = (p: WindowPiece, t: number) => t >= p.from && (p.to === null || t < p.to);
/** How many times the pieces count an instant: 1 inside the window, 0 outside. */
const count = (pieces: WindowPiece[], t: number) => pieces.reduce((n, p) => n + (covers(p, t) ? p.sign : 0), 0);

describe('planWindow', () => {
  test('every instant of [from, ∞) is counted once, none before it; rows are read for less than one finest bucket', () => {
    let seed = 5;
    const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    for (let i = 0; i < 2000; i++) {
      const now = 1_760_000_000_000 + Math.floor(random() * DAY);
      const from = now - Math.floor(random() * 31 * DAY);
      for (const grains of Object.values(ROLLUPS)) {
        const pieces = planWindow(from, null, grains, now);
        for (const t of [from - 1, from, from + 1, now, now - Math.floor(random() * (now - from)), from - Math.floor(random() * DAY)]) {
          expect(count(pieces, t)).toBe(t >= from ? 1 : 0);
        }
        const rawMs = pieces.filter((p) => p.grain === null).reduce((n, p) => n + Math.min(p.to ?? now, now) - p.from, 0);
        expect(rawMs).toBeLessThanOrEqual(GRAIN_MS[grains.at(-1) ?? 'day']);
      }
    }
  });

  test('keys since 20:00: 4 hours of rows; since 04:00: the day minus its first 4 hours of rows', () => {
    const late = 100 * DAY + 20 * 3_600_000;
    expect(planWindow(late, null, ROLLUPS.key, late + 30 * DAY)).toEqual([
      { grain: null, from: late, to: 101 * DAY, sign: 1 },
      { grain: 'day', from: 101 * DAY, to: null, sign: 1 },
    ]);
    const from = 100 * DAY + 4 * 3_600_000;
    expect(planWindow(from, null, ROLLUPS.key, from + 30 * DAY)).toEqual([
      { grain: 'day', from: 100 * DAY, to: 101 * DAY, sign: 1 },
      { grain: null, from: 100 * DAY, to: from, sign: -1 },
      { grain: 'day', from: 101 * DAY, to: null, sign: 1 },
    ]);
  });
});
