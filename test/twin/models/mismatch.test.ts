// Mismatch and read-noise shape in the twin's models, against numbers computed here:
// - read_noise_exp (crossbar): a read of a device at g has relative spread
//   read_sigma (g_max / g)^read_noise_exp (S4 Fig. 2D); checked as the sample spread of many
//   reads at g_max / 4 and at g_max (statistical tolerance from the sample size), and as the
//   per-cell sigma the model keeps (with series resistance, for G-, after a learning update);
// - gain_sigma (tia): the per-channel gains drawn at init have the spread gain_sigma around the
//   nominal gain (sample statistics over 4000 channels), and channel j outputs
//   offset + gain_j I exactly;
// - tau_sigma (srm): per-neuron tau_s and tau_r with spread tau_sigma, independent of each
//   other, and each neuron's spike times equal the closed form / bisection reference written
//   here with that neuron's own time constants (read back with read('tau_s' | 'tau_r'));
// - the same seed gives identical draws, another seed different ones, and another instance
//   does not shift them (streams per instance path and key).
// Tolerances: k standard errors of the estimated statistic (stated per test); spike times to
// one tick (the twin fires at the nearest tick of an exact crossing).
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/twin/engine/engine.js';
import { Crossbar } from '../../../src/twin/models/crossbar.js';
import { Tia } from '../../../src/twin/models/tia.js';
import { Srm } from '../../../src/twin/models/srm.js';
import type { RawValue } from '../../../src/twin/engine/params.js';
import type { Model } from '../../../src/twin/model.js';
import { levelPulses, spec } from './util.js';

const G_MIN = 5.7e-6, G_MAX = 200e-6;

function meanStd(xs: ArrayLike<number>): { mean: number; std: number } {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  const mean = s / xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(v / (xs.length - 1)) };
}

function spikeTimes(e: Engine, m: Model, n: number): number[][] {
  const r = e.spikes[e.models.indexOf(m)]!, out: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < r.n; i++) out[r.ch[i]!]!.push(r.t[i]! * e.resolution);
  return out;
}

// ---------------------------------------------------------------- read_noise_exp

/** M reads of N single-ended cells at conductance g: the reads relative to V g. */
function reads(g: number, values: Record<string, RawValue>, N = 400, M = 25, seed = 1): Float64Array {
  const RES = 1e-12, V = 0.05;
  const e = new Engine({ resolution: RES, seed });
  const xb = e.add(new Crossbar(spec('crossbar', [1, N], {
    g_min: G_MIN, g_max: G_MAX, levels: 0, w_max: 1, differential: false, reference: false, ...values,
  }, 'xb')));
  xb.setWeights(new Float64Array(N).fill((g - G_MIN) / (G_MAX - G_MIN)));
  const st = levelPulses(Array.from({ length: M }, (_, k) => [k * 10e-9, 0] as [number, number]), 5e-9, V, RES);
  e.stimulus(xb, 'in', st.t, st.ch, st.v);
  const out = new Float64Array(N * M);
  for (let k = 0; k < M; k++) {
    e.run(e.ticks(k * 10e-9 + 2.5e-9));
    for (let j = 0; j < N; j++) out[k * N + j] = xb.read('i', j) / (V * g);
  }
  return out;
}

describe('crossbar read_noise_exp: read noise rising toward low conductance', () => {
  const rs = 0.02;
  // 10,000 reads: the sample std has a relative standard error of 1/sqrt(2 x 10^4) = 0.7 %;
  // 4 % is more than 5 standard errors.
  const cases: Array<[string, number, number, number]> = [
    ['g_max / 4, exp 0.5', G_MAX / 4, 0.5, rs * 4 ** 0.5],
    ['g_max / 4, exp 1', G_MAX / 4, 1, rs * 4],
    ['g_max / 4, exp 0 (flat)', G_MAX / 4, 0, rs],
    ['g_max, exp 1 (no rise at the top)', G_MAX, 1, rs],
  ];
  for (const [name, g, ex, expected] of cases) {
    it(`${name}: the spread of the reads is read_sigma (g_max / g)^exp = ${expected}`, () => {
      const r = meanStd(reads(g, { read_sigma: rs, read_noise_exp: ex }));
      expect(Math.abs(r.mean - 1)).toBeLessThan(4 * expected / Math.sqrt(10_000));
      expect(Math.abs(r.std / expected - 1)).toBeLessThan(0.04);
    });
  }

  it('the per-cell sigma: G+ at g_max / 4 and G- at g_min, with series resistance, after a learning update', () => {
    const ex = 0.7, r = 0.02;
    for (const rOn of [0, 500]) {
      const e = new Engine({ resolution: 1e-12, seed: 1 });
      const xb = e.add(new Crossbar(spec('crossbar', [2, 1], {
        g_min: G_MIN, g_max: G_MAX, levels: 0, w_max: 1, differential: true, reference: false, read_sigma: r, read_noise_exp: ex, r_on: rOn,
      }, 'xb')));
      const w = (G_MAX / 4 - G_MIN) / (G_MAX - G_MIN);
      xb.setWeights([w, -1]); // row 0: G+ = g_max / 4, G- = g_min; row 1: G+ = g_min, G- = g_max
      e.stimulus(xb, 'learn', Float64Array.of(e.ticks(1e-9)), Int32Array.of(0), Float64Array.of(G_MAX / 9), 'rule');
      e.run(0);
      const rel = (a: number, b: number): number => Math.abs(a / b - 1);
      expect(rel(xb.read('read_sigma+', 0), r * 4 ** ex)).toBeLessThan(1e-12);
      expect(rel(xb.read('read_sigma-', 0), r * (G_MAX / G_MIN) ** ex)).toBeLessThan(1e-12);
      expect(rel(xb.read('read_sigma+', 1), r * (G_MAX / G_MIN) ** ex)).toBeLessThan(1e-12);
      expect(rel(xb.read('read_sigma-', 1), r)).toBeLessThan(1e-12);
      e.run(e.ticks(2e-9));
      expect(rel(xb.read('read_sigma+', 0), r * 9 ** ex)).toBeLessThan(1e-12);
    }
  });

  it('same seed: identical reads; another seed: different reads', () => {
    const v = { read_sigma: rs, read_noise_exp: 0.5 };
    expect(Array.from(reads(G_MAX / 4, v, 50, 4, 3))).toEqual(Array.from(reads(G_MAX / 4, v, 50, 4, 3)));
    expect(Array.from(reads(G_MAX / 4, v, 50, 4, 3))).not.toEqual(Array.from(reads(G_MAX / 4, v, 50, 4, 4)));
  });
});

// ---------------------------------------------------------------- gain_sigma

function tiaGains(n: number, sigma: number, seed: number, others = false): Float64Array {
  const e = new Engine({ seed });
  if (others) e.add(new Tia(spec('tia', [7], { gain: 1e4, gain_sigma: 0.3 }, 'other')));
  const t = e.add(new Tia(spec('tia', [n], { gain: 1e4, gain_sigma: sigma }, 't')));
  e.run(0);
  return Float64Array.from({ length: n }, (_, j) => t.read('gain', j));
}

describe('tia gain_sigma: a gain per channel, drawn once at init', () => {
  it('over 4000 channels the gains spread by gain_sigma around the nominal gain', () => {
    const n = 4000, s = 0.05;
    const f = tiaGains(n, s, 1).map((g) => g / 1e4);
    const r = meanStd(f);
    // standard errors: sigma / sqrt(n) = 7.9e-4 for the mean, sigma / sqrt(2n) = 5.6e-4 for the std
    expect(Math.abs(r.mean - 1)).toBeLessThan(4 * s / Math.sqrt(n));
    expect(Math.abs(r.std - s)).toBeLessThan(4 * s / Math.sqrt(2 * n));
  });

  it('channel j outputs offset + gain_j I exactly', () => {
    const n = 16, RES = 1e-12;
    for (const offset of [0, 0.01]) {
      const e = new Engine({ resolution: RES, seed: 9 });
      const t = e.add(new Tia(spec('tia', [n], { gain: 1e4, gain_sigma: 0.1, offset }, 't')));
      const I = Float64Array.from({ length: n }, (_, j) => 1e-5 * (1 + j / n));
      e.stimulus(t, 'in', new Float64Array(n).fill(e.ticks(1e-9)), Int32Array.from({ length: n }, (_, j) => j), I);
      e.run(e.ticks(2e-9));
      const gains = new Set<number>();
      for (let j = 0; j < n; j++) {
        const g = t.read('gain', j);
        gains.add(g);
        expect(t.read('v', j)).toBe(offset + g * I[j]!);
      }
      expect(gains.size).toBe(n); // every channel has its own gain
    }
  });

  it('same seed: identical gains; another seed: different; another instance does not shift them', () => {
    expect(Array.from(tiaGains(64, 0.05, 2))).toEqual(Array.from(tiaGains(64, 0.05, 2)));
    expect(Array.from(tiaGains(64, 0.05, 2))).not.toEqual(Array.from(tiaGains(64, 0.05, 3)));
    expect(Array.from(tiaGains(64, 0.05, 2, true))).toEqual(Array.from(tiaGains(64, 0.05, 2)));
  });

  it('gain_sigma = 0: every channel has the nominal gain', () => {
    expect(Array.from(tiaGains(8, 0, 1))).toEqual(new Array(8).fill(1e4));
  });
});

// ---------------------------------------------------------------- tau_sigma

describe('srm tau_sigma: kernel time constants per neuron, drawn once at init', () => {
  it('over 4000 neurons tau_s and tau_r spread by tau_sigma, independently', () => {
    const n = 4000, s = 0.1;
    const e = new Engine({ seed: 1 });
    const m = e.add(new Srm(spec('srm', [n], { tau_s: 1e-6, tau_r: 1e-7, theta: 1, v_th: 0.5, tau_sigma: s }, 'n')));
    e.run(0);
    const fs = Float64Array.from({ length: n }, (_, j) => m.read('tau_s', j) / 1e-6);
    const fr = Float64Array.from({ length: n }, (_, j) => m.read('tau_r', j) / 1e-7);
    for (const f of [fs, fr]) {
      const r = meanStd(f);
      expect(Math.abs(r.mean - 1)).toBeLessThan(4 * s / Math.sqrt(n));
      expect(Math.abs(r.std - s)).toBeLessThan(4 * s / Math.sqrt(2 * n));
    }
    const a = meanStd(fs), b = meanStd(fr);
    let c = 0;
    for (let j = 0; j < n; j++) c += (fs[j]! - a.mean) * (fr[j]! - b.mean);
    const corr = c / ((n - 1) * a.std * b.std);
    expect(Math.abs(corr)).toBeLessThan(4 / Math.sqrt(n)); // independent draws
  });

  /** Six neurons stepped to u = 1 V at t0; spike times and the drawn time constants. */
  function stepRun(seed: number, sigma: number) {
    const RES = 1e-15, n = 6, t0 = 1e-7;
    const e = new Engine({ resolution: RES, seed });
    const m = e.add(new Srm(spec('srm', [n], { tau_s: 1e-6, tau_r: 2e-7, theta: 1, v_th: 0.5, tau_sigma: sigma }, 'n')));
    e.stimulus(m, 'in', new Float64Array(n).fill(e.ticks(t0)), Int32Array.from({ length: n }, (_, j) => j), new Float64Array(n).fill(1));
    e.run(e.ticks(4e-6));
    const taus = Array.from({ length: n }, (_, j) => [m.read('tau_s', j), m.read('tau_r', j)] as [number, number]);
    return { spikes: spikeTimes(e, m, n), taus, t0, RES };
  }

  it('each neuron fires when its own kernels say: first spike in closed form, second by bisection', () => {
    const { spikes, taus, t0, RES } = stepRun(5, 0.15);
    const u = 1, vth = 0.5, theta = 1;
    const firsts = new Set<number>();
    spikes.forEach((s, j) => {
      const [ts, tr] = taus[j]!;
      expect(s.length).toBeGreaterThanOrEqual(2);
      // x(t) = u (1 - e^{-(t - t0)/ts}) reaches vth at t0 + ts ln(u / (u - vth))
      const t1 = t0 + ts * Math.log(u / (u - vth));
      expect(Math.abs(s[0]! - t1)).toBeLessThanOrEqual(RES);
      firsts.add(Math.round(s[0]! / 1e-12));
      // after the (rounded) first spike: v(s) = u + (x1 - u) e^{-s/ts} - theta e^{-s/tr}
      const x1 = u * -Math.expm1(-(s[0]! - t0) / ts);
      const v = (q: number): number => u + (x1 - u) * Math.exp(-q / ts) - theta * Math.exp(-q / tr) - vth;
      let lo = 0, hi = 0;
      for (let k = 1; ; k++) { hi = (k * ts) / 1000; if (v(hi) >= 0) break; lo = hi; }
      for (let it = 0; it < 200; it++) { const mid = 0.5 * (lo + hi); if (v(mid) >= 0) hi = mid; else lo = mid; }
      expect(Math.abs(s[1]! - (s[0]! + hi))).toBeLessThanOrEqual(RES);
    });
    expect(firsts.size).toBe(spikes.length); // the spread separates the neurons by far more than a tick
  });

  it('same seed: identical spikes; another seed: different; tau_sigma = 0: the nominal kernels', () => {
    expect(stepRun(5, 0.15).spikes).toEqual(stepRun(5, 0.15).spikes);
    expect(stepRun(5, 0.15).spikes).not.toEqual(stepRun(6, 0.15).spikes);
    const nominal = stepRun(5, 0);
    for (const [ts, tr] of nominal.taus) { expect(ts).toBe(1e-6); expect(tr).toBe(2e-7); }
    for (const s of nominal.spikes) expect(s).toEqual(nominal.spikes[0]);
  });
});
