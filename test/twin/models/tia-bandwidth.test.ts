// A TIA's finite closed-loop bandwidth (a first-order pole tau_b = 1 / (2 pi bandwidth)) and
// the build decisions around the four mismatch/bandwidth properties, against references
// written here:
// - a current step through tia -> srm: the kernel x(s) = u [1 - (tau_s e^{-s/tau_s} -
//   tau_b e^{-s/tau_b}) / (tau_s - tau_b)] (the difference of two exponentials) and the
//   filtered input y(s) = u (1 - e^{-s/tau_b}), in closed form; the same for tia -> lif's
//   membrane;
// - spike trains of tia -> srm (with tau_sigma) and tia -> lif (hard reset, refractory hold)
//   under a piecewise-constant current against an RK4 integration of the circuit ODEs
//   (tau_b y' = u - y, tau x' = y - x, tau_r h' = -h) with the crossing located by bisection
//   on RK4 sub-steps (step 10 ps: its error is far below the 1 fs tick), each spike taking
//   effect at the nearest tick of its crossing as in the twin (so the comparison is to a tick);
// - through the IR (examples/s1_pe_macro.snn): bandwidth reaches the neuron as tau_in and
//   every active feature declines fusion into PeMacroS1, defaults keep it; a bandwidth into
//   a dpi_lif (examples/s4_nsn_unit.snn) is refused with a message naming the instance and
//   the property, by simulate() and by `snn sim` (exit status 1), and so is a neuron fed
//   through TIAs of different bandwidths (an IR edited here: a second TIA into S1's neurons).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/twin/engine/engine.js';
import { Tia } from '../../../src/twin/models/tia.js';
import { Srm } from '../../../src/twin/models/srm.js';
import { Lif } from '../../../src/twin/models/lif.js';
import { Crossbar } from '../../../src/twin/models/crossbar.js';
import { PeMacroS1 } from '../../../src/twin/macro-s1.js';
import { buildS1, type S1Def } from '../../../src/twin/macro-s1-build.js';
import { buildTwin } from '../../../src/twin/build.js';
import { simulate } from '../../../src/twin/simulate.js';
import type { RawValue } from '../../../src/twin/engine/params.js';
import type { Model } from '../../../src/twin/model.js';
import type { DesignIR } from '../../../src/elaborate/ir.js';
import { EXAMPLES, exampleIr, q, stimulusOf, withProp } from '../examples/helpers.js';
import { mulberry32, poissonSpikes, randomSpikes } from '../helpers.js';
import { ROOT, snn } from '../../helpers/cli.js';
import { spec } from './util.js';

const RES = 1e-15;

function spikeTimes(e: Engine, m: Model, n: number): number[][] {
  const r = e.spikes[e.models.indexOf(m)]!, out: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < r.n; i++) out[r.ch[i]!]!.push(r.t[i]! * e.resolution);
  return out;
}

/** Current steps into a TIA's channels: (time s, current A), the same on every channel. */
const STEPS: Array<[number, number]> = [[0.2e-6, 2e-4], [2.2e-6, 0], [2.6e-6, 1.2e-4], [5e-6, 0]];

/** tia (gain 1e4, bandwidth) -> neuron with the TIA's pole, the STEPS input; run to tEnd. */
function chain(bandwidth: number, neuron: (tauIn: number) => Model, n: number, tEnd: number, seed = 1) {
  const e = new Engine({ resolution: RES, seed });
  const t = e.add(new Tia(spec('tia', [n], { gain: 1e4, bandwidth }, 't')));
  const m = e.add(neuron(t.tauB));
  e.connect(t, 'out', m, 'in');
  const times: number[] = [], chs: number[] = [], vals: number[] = [];
  for (const [s, i] of STEPS) for (let j = 0; j < n; j++) { times.push(e.ticks(s)); chs.push(j); vals.push(i); }
  e.stimulus(t, 'in', Float64Array.from(times), Int32Array.from(chs), Float64Array.from(vals));
  return { e, t, m, run: () => { e.run(e.ticks(tEnd)); return spikeTimes(e, m, n); } };
}

// ---- RK4 reference of the circuit ODEs

type State = Float64Array; // [y, a, h]: input pole, membrane/kernel, refractory kernel
interface Circuit { tb: number; tau: number; tr: number; theta: number; vth: number; lif: { vReset: number; tRef: number } | null }

function deriv(c: Circuit, s: State, u: number, hold: boolean, out: State): void {
  out[0] = (u - s[0]!) / c.tb;
  out[1] = hold ? 0 : (s[0]! - s[1]!) / c.tau;
  out[2] = c.tr > 0 ? -s[2]! / c.tr : 0;
}

function rk4(c: Circuit, s: State, dt: number, u: number, hold: boolean): State {
  const k1 = new Float64Array(3), k2 = new Float64Array(3), k3 = new Float64Array(3), k4 = new Float64Array(3), tmp = new Float64Array(3);
  deriv(c, s, u, hold, k1);
  for (let i = 0; i < 3; i++) tmp[i] = s[i]! + 0.5 * dt * k1[i]!;
  deriv(c, tmp, u, hold, k2);
  for (let i = 0; i < 3; i++) tmp[i] = s[i]! + 0.5 * dt * k2[i]!;
  deriv(c, tmp, u, hold, k3);
  for (let i = 0; i < 3; i++) tmp[i] = s[i]! + dt * k3[i]!;
  deriv(c, tmp, u, hold, k4);
  const o = new Float64Array(3);
  for (let i = 0; i < 3; i++) o[i] = s[i]! + (dt / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!);
  return o;
}

/** Spike times of the circuit under the levels u (time, value) to tEnd, RK4 step h. */
function reference(c: Circuit, levels: Array<[number, number]>, tEnd: number, h = 1e-11): number[] {
  const spikes: number[] = [];
  let s: State = new Float64Array(3), t = 0, u = 0, holdUntil = -1;
  const v = (x: State): number => x[1]! - c.theta * x[2]!;
  const bps = [...levels.map((l) => l[0]), tEnd];
  let li = 0;
  for (const tb of bps) {
    while (t < tb - 1e-21) {
      const hold = t < holdUntil - 1e-21;
      const dt = Math.min(h, tb - t, hold ? holdUntil - t : Infinity);
      const n = rk4(c, s, dt, u, hold);
      if (!hold && v(n) >= c.vth && v(s) < c.vth) {
        let lo = 0, hi = dt;
        for (let it = 0; it < 80; it++) { const mid = 0.5 * (lo + hi); if (v(rk4(c, s, mid, u, false)) >= c.vth) hi = mid; else lo = mid; }
        // fire at the nearest tick, as the twin does, so that rounding does not accumulate
        const tf = Math.max(t, Math.round((t + hi) / RES) * RES);
        s = rk4(c, s, tf - t, u, false); t = tf;
        spikes.push(t);
        if (c.lif) { s[1] = c.lif.vReset; holdUntil = t + c.lif.tRef; } else s[2] = s[2]! + 1;
        continue;
      }
      s = n; t += dt;
    }
    t = tb;
    if (li < levels.length && levels[li]![0] === tb) { u = levels[li]![1]; li++; }
  }
  return spikes;
}

const levelsOf = (gain: number): Array<[number, number]> => STEPS.map(([t, i]) => [t, gain * i]);

describe('tia bandwidth into srm: the pole integrated by the neuron', () => {
  const bw = 1e6, tb = 1 / (2 * Math.PI * bw), ts = 1e-6, u = 2;

  it('a current step: x and y equal the closed-form two-exponential response', () => {
    const c = chain(bw, (tauIn) => new Srm(spec('srm', [1], { tau_s: ts, tau_r: 1e-7, theta: 0, v_th: 1e9, tau_in: tauIn }, 'n')), 1, 2e-6);
    expect((c.m as Srm).tauIn).toBe(tb);
    const t0 = STEPS[0]![0];
    for (const s of [1e-9, 50e-9, 0.159e-6, 0.5e-6, 1e-6, 1.9e-6]) {
      const tick = c.e.ticks(t0 + s);
      c.e.run(tick); c.m.advance(tick);
      const q = tick * RES - t0;
      const x = u * (1 - (ts * Math.exp(-q / ts) - tb * Math.exp(-q / tb)) / (ts - tb));
      expect(Math.abs(c.m.read('x', 0) - x)).toBeLessThan(1e-12);
      expect(Math.abs(c.m.read('y', 0) - u * -Math.expm1(-q / tb))).toBeLessThan(1e-12);
    }
  });

  it('spike trains (refractory kernel, input steps, tau_sigma per neuron) match the RK4 reference to a tick', () => {
    const n = 3;
    const c = chain(bw, (tauIn) => new Srm(spec('srm', [n], { tau_s: ts, tau_r: 1e-7, theta: 1, v_th: 0.5, tau_in: tauIn, tau_sigma: 0.2 }, 'n')), n, 7e-6);
    const got = c.run();
    const total = got.reduce((a, s) => a + s.length, 0);
    expect(total).toBeGreaterThan(6);
    for (let j = 0; j < n; j++) {
      const ref = reference({ tb, tau: c.m.read('tau_s', j), tr: c.m.read('tau_r', j), theta: 1, vth: 0.5, lif: null }, levelsOf(1e4), 7e-6);
      expect(got[j]!.length).toBe(ref.length);
      got[j]!.forEach((t, i) => expect(Math.abs(t - ref[i]!)).toBeLessThanOrEqual(1.01 * RES));
    }
  });

  it('the pole delays the first spike against the ideal TIA, by less than tau_b', () => {
    const ideal = STEPS[0]![0] + ts * Math.log(u / (u - 0.5)); // x = u (1 - e^{-s/tau_s}) reaches 0.5
    const c = chain(bw, (tauIn) => new Srm(spec('srm', [1], { tau_s: ts, tau_r: 1e-7, theta: 1, v_th: 0.5, tau_in: tauIn }, 'n')), 1, 1e-6);
    const got = c.run()[0]!;
    expect(got[0]! - ideal).toBeGreaterThan(0.5 * tb);
    expect(got[0]! - ideal).toBeLessThan(tb);
  });
});

describe('tia bandwidth into lif: the pole integrated by the neuron', () => {
  const bw = 0.5e6, tb = 1 / (2 * Math.PI * bw), tm = 1e-6;

  it('a current step: the membrane equals the closed-form two-exponential response', () => {
    const c = chain(bw, (tauIn) => new Lif(spec('lif', [1], { tau_m: tm, v_th: 1e9, tau_in: tauIn }, 'n')), 1, 2e-6);
    const t0 = STEPS[0]![0], d = 2;
    for (const s of [1e-9, 0.1e-6, 0.318e-6, 1e-6, 1.9e-6]) {
      const tick = c.e.ticks(t0 + s);
      c.e.run(tick); c.m.advance(tick);
      const q = tick * RES - t0;
      expect(Math.abs(c.m.read('v', 0) - d * (1 - (tm * Math.exp(-q / tm) - tb * Math.exp(-q / tb)) / (tm - tb)))).toBeLessThan(1e-12);
    }
  });

  it('spike trains with a hard reset and a refractory hold (the pole keeps moving) match the RK4 reference to a tick', () => {
    const c = chain(bw, (tauIn) => new Lif(spec('lif', [1], { tau_m: tm, v_th: 0.4, reset: 'hard', v_reset: 0, t_ref: 0.3e-6, tau_in: tauIn }, 'n')), 1, 7e-6);
    const got = c.run()[0]!;
    const ref = reference({ tb, tau: tm, tr: 0, theta: 0, vth: 0.4, lif: { vReset: 0, tRef: 0.3e-6 } }, levelsOf(1e4), 7e-6);
    expect(ref.length).toBeGreaterThan(4);
    expect(got.length).toBe(ref.length);
    got.forEach((t, i) => expect(Math.abs(t - ref[i]!)).toBeLessThanOrEqual(1.01 * RES));
  });
});

// ---- through the IR

const s1 = exampleIr('s1_pe_macro.snn');

function built(ir: DesignIR) {
  return buildTwin(ir, new Engine({ resolution: RES }), { baseDir: EXAMPLES });
}

describe('the build: bandwidth to the neuron, fusion declined for every active feature', () => {
  it('defaults: the S1 chain is fused; each feature builds the separate models', () => {
    expect(built(s1).models.get('xb')).toBeInstanceOf(PeMacroS1);
    const active: Array<[string, string, ReturnType<typeof q>]> = [
      ['t', 'gain_sigma', q(0.05, '%')], ['t', 'bandwidth', q(10e6, 'MHz')], ['n', 'tau_sigma', q(0.05, '%')], ['xb', 'device.read_noise_exp', q(0.5)],
    ];
    for (const [inst, prop, v] of active) {
      const b = built(withProp(s1, inst, prop, v));
      expect(b.errors, prop).toEqual([]);
      expect(b.models.get('xb'), prop).toBeInstanceOf(Crossbar);
      expect(b.models.get('n'), prop).toBeInstanceOf(Srm);
    }
    // read_noise_exp without read noise changes nothing: still fused
    const quiet = withProp(withProp(s1, 'xb', 'device.read_noise_exp', q(0.5)), 'xb', 'read_noise', q(0, '%'));
    expect(built(quiet).models.get('xb')).toBeInstanceOf(PeMacroS1);
  });

  it('a neuron fed through TIAs of different bandwidths is refused', () => {
    const ir = structuredClone(withProp(s1, 't', 'bandwidth', q(2e6, 'MHz')));
    const t = ir.instances.find((i) => i.path === 't')!;
    ir.instances.push({ ...structuredClone(t), path: 't2' });
    const c = ir.connections.find((x) => x.from.instance === 't' && x.to.instance === 'n')!;
    ir.connections.push({ ...structuredClone(c), from: { ...c.from, instance: 't2' } });
    const t2 = ir.instances.find((i) => i.path === 't2')!;
    t2.component.props['bandwidth'] = q(3e6, 'MHz');
    expect(built(ir).errors).toContain("'n' is fed through TIAs of different bandwidths (or with and without one): the twin models one input pole per neuron instance; give them the same bandwidth");
  });

  it('bandwidth reaches the srm as tau_in = 1 / (2 pi bandwidth), unscaled (a physical pole)', () => {
    const b = built(withProp(s1, 't', 'bandwidth', q(2e6, 'MHz')));
    expect((b.models.get('n') as Srm).tauIn).toBe(1 / (2 * Math.PI * 2e6));
    expect((b.models.get('t') as Tia).tauB).toBe(1 / (2 * Math.PI * 2e6));
  });

  it('the S1 example runs with every feature on, reproducibly, and differently from without', () => {
    let ir = withProp(s1, 't', 'bandwidth', q(5e6, 'MHz'));
    ir = withProp(ir, 't', 'gain_sigma', q(0.05, '%'));
    ir = withProp(ir, 'n', 'tau_sigma', q(0.05, '%'));
    ir = withProp(ir, 'xb', 'device.read_noise_exp', q(0.5));
    const stim = poissonSpikes(1000, 128, 0.1, 2);
    const a = simulate(ir, stim, { baseDir: EXAMPLES, duration: 0.1, seed: 1 });
    const b = simulate(ir, stim, { baseDir: EXAMPLES, duration: 0.1, seed: 1 });
    const c = simulate(ir, stim, { baseDir: EXAMPLES, duration: 0.1, seed: 2 });
    const plain = simulate(s1, stim, { baseDir: EXAMPLES, duration: 0.1, seed: 1, fuse: false });
    expect(a.errors).toEqual([]);
    expect(Object.values(a.spikes).reduce((s, x) => s + x.count, 0)).toBeGreaterThan(0);
    expect(b.spikes).toEqual(a.spikes);
    expect(c.spikes).not.toEqual(a.spikes);
    expect(plain.spikes).not.toEqual(a.spikes);
  });

  it('buildS1 asked to fuse a chain with gain mismatch builds the chain (identical to the unfused build)', () => {
    const rows = 16, cols = 4, rand = mulberry32(3);
    const weights = Float64Array.from({ length: rows * cols }, () => 2 * rand() - 0.6);
    const def: S1Def = {
      rows, cols, weights, io: { width: 50e-9, amplitude: 0.2 }, crossbar: { g_min: 1e-6, g_max: 1e-4, w_max: 1 },
      tia: { gain: 3e5, rails: [-10, 10], gain_sigma: 0.1 } as Record<string, RawValue>, srm: { tau_s: 1e-6, tau_r: 1e-7, theta: 2, v_th: 1 },
    };
    const st = randomSpikes(mulberry32(4), 600, rows, Math.round(20e-6 / RES));
    const runOne = (fused: boolean) => {
      const e = new Engine({ resolution: RES, seed: 5 });
      const b = buildS1(e, def, fused);
      e.stimulus(b.input, 'in', st.t, st.ch);
      e.run(e.ticks(22e-6));
      return { models: b.models.length, spikes: spikeTimes(e, b.output, cols) };
    };
    const f = runOne(true), u = runOne(false);
    expect(f.models).toBe(4);
    expect(f.spikes).toEqual(u.spikes);
    expect(f.spikes.flat().length).toBeGreaterThan(0);
  });
});

describe('a bandwidth the twin cannot model is refused, not ignored', () => {
  const MSG = "tia 't' bandwidth = 10 MHz: it feeds dpi_lif 'n', and the twin models a finite TIA bandwidth only into srm and lif neurons (elsewhere it models an ideal TIA); remove bandwidth or set it to null";

  it('simulate(): the run error names the instance and the property, and nothing runs', () => {
    const ir = withProp(exampleIr('s4_nsn_unit.snn'), 't', 'bandwidth', q(10e6, 'MHz'));
    const r = simulate(ir, stimulusOf(ir), { baseDir: EXAMPLES });
    expect(r.errors).toEqual([MSG]);
    expect(r.events).toBe(0);
  });

  it('snn sim exits 1 with the message', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snn-bw-'));
    const src = fs.readFileSync(path.join(ROOT, 'examples', 's4_nsn_unit.snn'), 'utf8').replace('tia t[1] : S4Tia;', 'tia t[1] : S4Tia { bandwidth = 10MHz; }');
    expect(src).toContain('bandwidth = 10MHz');
    const file = path.join(dir, 'bw.snn');
    fs.writeFileSync(file, src);
    const r = snn(['sim', file, '--duration', '20ms'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(MSG);
  });
});
