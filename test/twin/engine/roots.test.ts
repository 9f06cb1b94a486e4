// firstCrossing (src/twin/engine/roots.ts) against a dense-grid reference written here, on
// random two-exponential membranes: the returned time has f >= 0 there and f < 0 on every
// grid point before it; Infinity exactly when the grid never reaches zero.
import { describe, expect, it } from 'vitest';
import { expCrossing, firstCrossing } from '../../../src/twin/engine/roots.js';
import { mulberry32 } from '../helpers.js';

const f = (c: number, a: number, t1: number, b: number, t2: number, th: number, t: number) => c + a * Math.exp(-t / t1) + b * Math.exp(-t / t2) - th;

describe('firstCrossing', () => {
  it('agrees with a dense grid on random membranes', () => {
    const rand = mulberry32(7);
    let found = 0, none = 0;
    for (let n = 0; n < 400; n++) {
      const t1 = 1 + rand() * 9, t2 = 0.1 + rand() * 3;
      const c = rand() * 2 - 0.5, a = rand() * 4 - 2, b = -rand() * 3, th = 0.3 + rand();
      const T = rand() < 0.3 ? Infinity : 5 + rand() * 20;
      const tc = firstCrossing(c, a, t1, b, t2, th, T, 1e-9);
      const grid = Math.min(T, 60), N = 20000;
      let gridFirst = Infinity;
      for (let i = 0; i <= N; i++) { const t = (grid * i) / N; if (f(c, a, t1, b, t2, th, t) >= 0) { gridFirst = t; break; } }
      if (tc === Infinity) {
        none++;
        expect(gridFirst).toBe(Infinity);
      } else {
        found++;
        expect(f(c, a, t1, b, t2, th, tc)).toBeGreaterThanOrEqual(-1e-12);
        expect(tc).toBeLessThanOrEqual(T);
        // no grid point before tc - 1e-9 reaches zero
        if (gridFirst !== Infinity) expect(tc).toBeLessThanOrEqual(gridFirst + 1e-9);
        expect(f(c, a, t1, b, t2, th, Math.max(0, tc - 1e-6))).toBeLessThan(tc > 1e-6 ? 1e-9 : Infinity);
      }
    }
    expect(found).toBeGreaterThan(50);
    expect(none).toBeGreaterThan(50);
  });

  it('finds a crossing after the input when the refractory kernel decays faster', () => {
    // v = 1.2 e^{-t/1} - 1.0 e^{-t/0.1}: starts at 0.2, peaks at 0.853, crosses 0.8 on the way
    const tc = firstCrossing(0, 1.2, 1, -1.0, 0.1, 0.8, Infinity, 1e-12);
    expect(tc).toBeGreaterThan(0);
    expect(tc).toBeLessThan(Infinity);
    expect(Math.abs(f(0, 1.2, 1, -1, 0.1, 0.8, tc))).toBeLessThan(1e-9);
    // and misses a threshold above the maximum
    const tmax = Math.log((1.0 * 1) / (1.2 * 0.1)) / (1 / 0.1 - 1 / 1);
    const vmax = f(0, 1.2, 1, -1, 0.1, 0, tmax);
    expect(firstCrossing(0, 1.2, 1, -1.0, 0.1, vmax + 1e-9, Infinity, 1e-12)).toBe(Infinity);
    expect(firstCrossing(0, 1.2, 1, -1.0, 0.1, vmax - 1e-9, Infinity, 1e-12)).toBeCloseTo(tmax, 3);
  });

  it('one exponential in closed form', () => {
    expect(expCrossing(2, -2, 1, 1, Infinity)).toBeCloseTo(Math.log(2), 14);
    expect(expCrossing(0.5, -0.5, 1, 1, Infinity)).toBe(Infinity);
    expect(expCrossing(2, -2, 1, 1, 0.5)).toBe(Infinity);
  });
});
