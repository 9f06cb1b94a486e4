// S1's proportional time scaling: the PE macro at timescale 50,000 on a 1.5 s data-time
// stimulus runs in a 30 us hardware window, and its output spike times equal those of the
// same design at timescale 1 divided by 50,000 (to 1e-9 relative).
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/twin/engine/engine.js';
import { buildS1, type S1Def } from '../../src/twin/macro-s1-build.js';
import { mulberry32 } from './helpers.js';

const ROWS = 32, COLS = 8, K = 50000, SPAN = 1.5;
// Resolution per run: 1 fs for the 1.5 s data-time run, 10 as for the 30 us hardware run, so
// that rounding to a tick (half a tick at most) stays far below 1e-9 of the earliest spikes.
const resFor = (k: number) => (k === 1 ? 1e-15 : 1e-17);

function design(k: number, weights: Float64Array): S1Def {
  return {
    rows: ROWS, cols: COLS, weights, timescale: k,
    io: { width: 50e-6, amplitude: 0.2 },                 // data time: 1 ns at k = 50,000
    crossbar: { g_min: 1e-6, g_max: 1e-4, w_max: 1 },
    tia: { gain: 2.5e5, rails: [-10, 10] },
    srm: { tau_s: 50e-3, tau_r: 5e-3, theta: 1, v_th: 0.25 }, // S1's kernels, data time
  };
}

function run(k: number, dataTimes: Float64Array, chs: Int32Array, weights: Float64Array, fused: boolean) {
  const RES = resFor(k);
  const e = new Engine({ resolution: RES, seed: 1 });
  const b = buildS1(e, design(k, weights), fused);
  const ticks = Float64Array.from(dataTimes, (t) => Math.round(t / k / RES));
  e.stimulus(b.input, 'in', ticks, chs);
  const end = e.ticks(SPAN / k);
  e.run(end);
  const rec = e.spikes[e.models.indexOf(b.output)]!;
  const per: number[][] = Array.from({ length: COLS }, () => []);
  for (let i = 0; i < rec.n; i++) per[rec.ch[i]!]!.push(rec.t[i]! * RES);
  return { per, end: end * RES, n: rec.n };
}

describe('time scaling (S1)', () => {
  const rand = mulberry32(99);
  const N = 20000;
  const times = Float64Array.from({ length: N }, () => rand() * SPAN).sort();
  const chs = Int32Array.from({ length: N }, () => Math.floor(rand() * ROWS));
  const weights = new Float64Array(ROWS * COLS);
  for (let i = 0; i < ROWS; i++) for (let j = 0; j < COLS; j++) weights[i * COLS + j] = Math.max(-1, Math.min(1, -0.5 + j / (COLS - 1) + 0.4 * (2 * rand() - 1)));

  for (const fused of [true, false]) {
    it(`timescale ${K}: 30 us window, spike times = data-time spikes / ${K} (${fused ? 'fused' : 'chain'})`, () => {
      const data = run(1, times, chs, weights, fused);
      const hw = run(K, times, chs, weights, fused);
      expect(hw.end).toBeCloseTo(30e-6, 15);
      expect(hw.n).toBe(data.n);
      expect(hw.n).toBeGreaterThan(100);
      let firing = 0;
      for (let j = 0; j < COLS; j++) {
        expect(hw.per[j]!.length).toBe(data.per[j]!.length);
        if (data.per[j]!.length > 0) firing++;
        for (let i = 0; i < data.per[j]!.length; i++) {
          const want = data.per[j]![i]! / K, got = hw.per[j]![i]!;
          expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * want);
          expect(got).toBeLessThanOrEqual(30e-6);
        }
      }
      expect(firing).toBeGreaterThan(1);
      expect(firing).toBeLessThan(COLS);
    });
  }
});
