// S3's adaptive-threshold neuron (src/twin/models/adaptive-threshold.ts), continuous time,
// against S3's discrete equations at its 10 ns step, written here:
//   k[t] = e^{-1/tau} k[t-1] + x[t];  h[t] = e^{-1/tau_r} h[t-1] + O[t-1];
//   v[t] = sum_i W_i k_i[t] - theta_d h[t];  O[t] = [v[t] >= V_th]
// (tau, tau_r in steps; S3: R C = 46.2 ns for both). The circuit is driven with 10 ns pulses
// of amplitude sum_i W_i x_i[t] / (1 - e^{-D/tau}) over step t, and
// theta = theta_d / (V_DD (1 - e^{-D/tau_r})) (the mapping in the model's header). Checked:
// spike steps exactly (the output pulse of step t's decision starts at (t+1) D); the PSP
// sum_i W_i k_i and theta h at every step boundary against the recursion, tolerance 1e-12
// relative to the largest value (rounding only: the mapping is exact). Also the hard-reset
// variant against the discrete hard-reset LIF of S3's ablation, the R C defaults, r_psp.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/twin/engine/engine.js';
import type { RawValue } from '../../../src/twin/engine/params.js';
import { AdaptiveThreshold } from '../../../src/twin/models/adaptive-threshold.js';
import { mulberry32 } from '../helpers.js';
import { spec } from './util.js';

const RES = 1e-15, D = 10e-9;
const TAU = 4.56e3 * 10.14e-12; // S3: R C = 46.2 ns (4.62 steps)

interface Ref { psp: number[]; thH: number[]; O: number[] }

/** S3's discrete model; x[i][t] in {0, 1}, tau and tau_r in steps. */
function discrete(x: number[][], W: number[], tauS: number, tauRS: number, thetaD: number, vth: number): Ref {
  const T = x[0]!.length, a = Math.exp(-1 / tauS), ar = Math.exp(-1 / tauRS);
  const k = new Array<number>(W.length).fill(0);
  let h = 0, oPrev = 0;
  const out: Ref = { psp: [], thH: [], O: [] };
  for (let t = 0; t < T; t++) {
    let psp = 0;
    for (let i = 0; i < W.length; i++) { k[i] = a * k[i]! + x[i]![t]!; psp += W[i]! * k[i]!; }
    h = ar * h + oPrev;
    const o = psp - thetaD * h >= vth ? 1 : 0;
    out.psp.push(psp); out.thH.push(thetaD * h); out.O.push(o);
    oPrev = o;
  }
  return out;
}

interface Run { psp: number[]; thH: number[]; spikeSteps: number[]; model: AdaptiveThreshold }

/** The continuous model driven by the same inputs; samples at step ends (t + 1) D. */
function continuous(x: number[][], W: number[], thetaD: number, vth: number, over: Record<string, RawValue> = {}): Run {
  const T = x[0]!.length;
  const a = Math.exp(-D / TAU), ar = Math.exp(-D / TAU);
  const theta = thetaD / (1 * (1 - ar));
  const e = new Engine({ resolution: RES });
  const m = e.add(new AdaptiveThreshold(spec('adaptive_threshold', [1], { threshold: vth, theta, step: D, ...over }, 'n')));
  // the drive level of each step, as messages at step boundaries when it changes
  const times: number[] = [], vals: number[] = [];
  let prev = 0;
  for (let t = 0; t <= T; t++) {
    let u = 0;
    if (t < T) for (let i = 0; i < W.length; i++) u += W[i]! * x[i]![t]!;
    u /= 1 - a;
    if (u !== prev) { times.push(Math.round(t * D / RES)); vals.push(u); prev = u; }
  }
  e.stimulus(m, 'in', Float64Array.from(times), new Int32Array(times.length), Float64Array.from(vals));
  const out: Run = { psp: [], thH: [], spikeSteps: [], model: m };
  for (let t = 0; t < T; t++) {
    const k = Math.round((t + 1) * D / RES);
    e.run(k); m.advance(k);
    out.psp.push(m.read('k', 0));
    out.thH.push(theta * m.read('h', 0));
  }
  const rec = e.spikes[e.models.indexOf(m)]!;
  for (let j = 0; j < rec.n; j++) out.spikeSteps.push(Math.round(rec.t[j]! * RES / D) - 1);
  e.finish();
  return out;
}

function randomInputs(rand: () => number, M: number, T: number, spikes: number): number[][] {
  const x = Array.from({ length: M }, () => new Array<number>(T).fill(0));
  for (let s = 0; s < spikes; s++) x[Math.floor(rand() * M)]![Math.floor(rand() * T)] = 1;
  return x;
}

function check(x: number[][], W: number[], thetaD: number, vth: number): { hDev: number; nSpikes: number } {
  const tauS = TAU / D;
  const ref = discrete(x, W, tauS, tauS, thetaD, vth);
  const run = continuous(x, W, thetaD, vth);
  const refSteps = ref.O.flatMap((o, t) => (o ? [t] : []));
  expect(run.spikeSteps).toEqual(refSteps);
  const pmax = Math.max(1e-30, ...ref.psp.map(Math.abs));
  const hmax = Math.max(1e-30, ...ref.thH.map(Math.abs));
  let hDev = 0;
  for (let t = 0; t < ref.psp.length; t++) {
    expect(Math.abs(run.psp[t]! - ref.psp[t]!)).toBeLessThan(1e-12 * pmax);
    expect(Math.abs(run.thH[t]! - ref.thH[t]!)).toBeLessThan(1e-12 * hmax);
    hDev = Math.max(hDev, Math.abs(run.thH[t]! - ref.thH[t]!) / hmax, Math.abs(run.psp[t]! - ref.psp[t]!) / pmax);
  }
  return { hDev, nSpikes: refSteps.length };
}

describe('adaptive_threshold: against S3 discrete equations at the 10 ns step', () => {
  it("S3's sample: one synapse, 300 steps, 14 input spikes, V_th = 550 mV", () => {
    const rand = mulberry32(3);
    const x = randomInputs(rand, 1, 300, 14);
    const { nSpikes } = check(x, [0.6], 0.5, 0.55);
    expect(nSpikes).toBeGreaterThan(2);
  });

  it('a burst: the adaptive threshold ends a run of consecutive output spikes', () => {
    const x = [Array.from({ length: 60 }, (_, t) => (t >= 5 && t < 25 ? 1 : 0))];
    const { nSpikes } = check(x, [0.3], 0.4, 0.55);
    expect(nSpikes).toBeGreaterThan(2);
  });

  it('random multi-synapse workloads (8 word lines, 300 steps) over 20 seeds', () => {
    let total = 0, worst = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const rand = mulberry32(100 + seed);
      const W = Array.from({ length: 8 }, () => 0.05 + 0.4 * rand());
      const x = randomInputs(rand, 8, 300, 60);
      const r = check(x, W, 0.3 + 0.5 * rand(), 0.55);
      total += r.nSpikes; worst = Math.max(worst, r.hDev);
    }
    expect(total).toBeGreaterThan(40);
    if (process.env['SNN_TEST_VERBOSE']) console.log(`adaptive_threshold: ${total} spikes, max relative deviation of psp / theta h = ${worst.toExponential(2)}`);
  });
});

describe('adaptive_threshold: circuit variants', () => {
  it('takes tau = R C from r and c when tau is not given (S3: 46.2 ns)', () => {
    const m = new AdaptiveThreshold(spec('adaptive_threshold', [1], {}, 'n'));
    expect(m.tau).toBeCloseTo(TAU, 20);
    expect(m.tauR).toBeCloseTo(TAU, 20);
    const m2 = new AdaptiveThreshold(spec('adaptive_threshold', [1], { tau: 40e-9 * 50, step: 10e-9 * 50 }, 'n', 50, ['tau', 'step']));
    expect(m2.tau).toBeCloseTo(40e-9, 20);
    expect(m2.step).toBeCloseTo(10e-9, 20);
  });

  it('reset = hard: against the discrete hard-reset LIF (S3 ablation) on random inputs', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const rand = mulberry32(500 + seed);
      const W = Array.from({ length: 4 }, () => 0.1 + 0.5 * rand());
      const x = randomInputs(rand, 4, 300, 80);
      // v[t] = a v[t-1] (1 - O[t-1]) + sum_i W_i x_i[t];  O[t] = [v[t] >= V_th]
      const a = Math.exp(-D / TAU);
      let v = 0, o = 0;
      const steps: number[] = [];
      for (let t = 0; t < 300; t++) {
        v = a * v * (1 - o);
        for (let i = 0; i < 4; i++) v += W[i]! * x[i]![t]!;
        o = v >= 0.55 ? 1 : 0;
        if (o) steps.push(t);
      }
      const run = continuous(x, W, 0, 0.55, { reset: 'hard' });
      expect(run.spikeSteps).toEqual(steps);
    }
  });

  it('reads the bit-line current through r_psp when given', () => {
    const e = new Engine({ resolution: RES });
    const m = e.add(new AdaptiveThreshold(spec('adaptive_threshold', [1], { r_psp: 10e3, threshold: 10 }, 'n')));
    e.stimulus(m, 'in', Float64Array.of(0), Int32Array.of(0), Float64Array.of(20e-6));
    const k = Math.round(100e-9 / RES);
    e.run(k); m.advance(k);
    expect(m.read('k', 0)).toBeCloseTo(0.2 * -Math.expm1(-100e-9 / TAU), 14);
  });
});
