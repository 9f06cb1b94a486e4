// S3's 300-step sample (examples/s3_adaptive_threshold.snn, run `sample300`: one S3Adaptive
// neuron behind a 1 x 1 1R crossbar, the example's 14 input spikes of 10 ns, 1 V) through the
// front end, stimulusFromIR and the twin, against S3's discrete equations written here:
//   k[t] = exp(-1/tau) k[t-1] + x[t];  h[t] = exp(-1/tau_r) h[t-1] + O[t-1];
//   v[t] = W k[t] - theta_d h[t];  O[t] = [v[t] >= V_th]
// with tau = tau_r = R C / 10 ns (4.56 kOhm x 10.14 pF = 4.62 steps), V_th = 550 mV, and
// the circuit's values: W = V_read G_eff r_psp (1 - e^{-D/tau}) (a 10 ns pulse through the
// RC adds its amplitude x (1 - e^{-D/tau})), G_eff = G / (1 + G R_wire) (the crossbar's two
// wire segments), theta_d = theta V_DD (1 - e^{-D/tau_r}) (tsmc65: V_DD = 1 V, theta = 1).
// Checked: spike steps exactly (the twin's output pulse of step t's decision starts at
// (t + 1) D), the PSP W k at all 300 step boundaries (1e-9 relative to its peak), and the
// hard-reset ablation (S3Hardreset: reset = hard) against v[t] = a v[t-1] (1 - O[t-1]) + W x[t].
// Weights: the example gives none (no g_init), so its cell sits at g_min = 10 uS; the test
// programs it to g_max = 100 uS (weight 1, the "full-weight synapse" of the std library's
// r_psp note). With r_psp = 10 kOhm a full-weight spike adds W = 0.195 V and
// the 14 spikes never reach 550 mV (checked: no spikes, like the recursion); the waveform
// checks use r_psp = 20 kOhm (S3 does not publish it), where the sample's bursts fire.
import { describe, expect, it } from 'vitest';
import type { DesignIR } from '../../../src/elaborate/ir.js';
import { simulate } from '../../../src/twin/simulate.js';
import { exampleIr, q, stimulusOf, twin, withProp } from './helpers.js';

const D = 10e-9, STEPS = 300;
const base = exampleIr('s3_adaptive_threshold.snn');
const inst = base.instances.find((i) => i.path === 'n')!.component.props;
const xbDev = (base.instances.find((i) => i.path === 'xb')!.component.props['device'] as { component: { props: Record<string, { q: number }> } }).component.props;
const num = (v: unknown): number => (v as { q: number }).q;

/** The example's input steps (spike times / 10 ns). */
const inputSteps = (): number[] => { const s = stimulusOf(base); return Array.from(s.times.subarray(0, s.count), (t) => Math.round(t / D)); };

interface Rec { steps: number[]; psp: number[] }

/** S3's recursion; hard: v[t] = a v[t-1] (1 - O[t-1]) + W x[t] (S3's hard-reset ablation). */
function recursion(W: number, thetaD: number, hard: boolean): Rec {
  const tau = (num(inst['r']) * num(inst['c'])) / D, tauR = (num(inst['r_r']) * num(inst['c_r'])) / D;
  const a = Math.exp(-1 / tau), ar = Math.exp(-1 / tauR), vth = num(inst['threshold']);
  const x = new Array<number>(STEPS).fill(0);
  for (const s of inputSteps()) x[s] = 1;
  let k = 0, h = 0, o = 0;
  const out: Rec = { steps: [], psp: [] };
  for (let t = 0; t < STEPS; t++) {
    k = a * k * (hard ? 1 - o : 1) + x[t]!;
    h = ar * h + o;
    o = W * k - (hard ? 0 : thetaD * h) >= vth ? 1 : 0;
    out.psp.push(W * k);
    if (o) out.steps.push(t);
  }
  return out;
}

/** W and theta_d of the circuit for a given r_psp (full-weight cell, the example's io and V_DD). */
function discreteParams(rPsp: number): { W: number; thetaD: number } {
  const tau = num(inst['r']) * num(inst['c']), tauR = num(inst['r_r']) * num(inst['c_r']);
  const g = num(xbDev['g_max']), rWire = 2 * num(xbDev['r_line']); // two segments for cell (0, 0) of a 1 x 1 array
  const gEff = g / (1 + g * rWire);
  const io = base.instances.find((i) => i.kind === 'io')!.component.props;
  const vdd = num(base.macros[0]!.technology!.props['vdd']);
  return { W: num(io['spike_amplitude']) * gEff * rPsp * -Math.expm1(-D / tau), thetaD: num(inst['theta']) * vdd * -Math.expm1(-D / tauR) };
}

function runTwin(ir: DesignIR): Rec {
  const tw = twin(ir, stimulusOf(ir), { weights: { xb: [1] }, resolution: 1e-15 });
  const n = tw.model('n');
  const out: Rec = { steps: [], psp: [] };
  for (let t = 0; t < STEPS; t++) { tw.at((t + 1) * D); out.psp.push(n.read('k', 0)); }
  out.steps = tw.spikes('n')[0]!.map((s) => Math.round(s / D) - 1);
  return out;
}

function compare(ir: DesignIR, rPsp: number, hard: boolean): { twin: Rec; ref: Rec } {
  const { W, thetaD } = discreteParams(rPsp);
  const ref = recursion(W, thetaD, hard), got = runTwin(ir);
  expect(got.steps).toEqual(ref.steps);
  const peak = Math.max(...ref.psp);
  // (hard reset: at the end of a firing step the twin clears k as the output pulse starts,
  // the recursion reports k before the reset; those boundaries are skipped)
  for (let t = 0; t < STEPS; t++) if (!(hard && ref.steps.includes(t))) expect(Math.abs(got.psp[t]! - ref.psp[t]!)).toBeLessThanOrEqual(1e-9 * peak);
  return { twin: got, ref };
}

describe('S3 300-step sample from the example', () => {
  it('the example: 14 input spikes on the 10 ns grid, tau = R C = 4.62 steps, V_th 550 mV', () => {
    const steps = inputSteps();
    expect(steps).toHaveLength(14);
    expect(steps).toEqual([12, 15, 40, 44, 47, 90, 120, 123, 160, 200, 204, 230, 260, 280]);
    expect((num(inst['r']) * num(inst['c'])) / D).toBeCloseTo(4.62384, 5);
    expect(num(inst['threshold'])).toBe(0.55);
    expect(num(inst['r_psp'])).toBe(20e3);
  });

  it('as written (r_psp 20 kOhm): spikes on the steps of the recursion; r_psp 10 kOhm: none, like the recursion', () => {
    expect(compare(base, 20e3, false).ref.steps).toEqual([15, 44, 47, 123, 204]);
    const { twin: t, ref } = compare(withProp(base, 'n', 'r_psp', q(10e3, 'Ohm')), 10e3, false);
    expect(ref.steps).toEqual([]);
    expect(Math.max(...t.psp)).toBeGreaterThan(0.3);
  });

  it('r_psp = 20 kOhm: spike steps and PSP equal the discrete equations (adaptive threshold)', () => {
    const { ref } = compare(withProp(base, 'n', 'r_psp', q(20e3, 'Ohm')), 20e3, false);
    expect(ref.steps).toEqual([15, 44, 47, 123, 204]);
  });

  it('hard reset (S3HardReset): its own recursion; the 40/44/47 burst loses its second spike', () => {
    const hard = withProp(withProp(base, 'n', 'r_psp', q(20e3, 'Ohm')), 'n', 'reset', { enum: 'hard' });
    const { ref } = compare(hard, 20e3, true);
    expect(ref.steps).toEqual([15, 44, 123, 204]);
  });

  it('through simulate(): the same spike times', () => {
    const ir = withProp(base, 'n', 'r_psp', q(20e3, 'Ohm'));
    const r = simulate(ir, stimulusOf(ir), { weights: { xb: [1] } });
    expect(r.errors).toEqual([]);
    expect(r.spikes['n[0]']!.times.map((t) => Math.round(t / D) - 1)).toEqual([15, 44, 47, 123, 204]);
  });
});
