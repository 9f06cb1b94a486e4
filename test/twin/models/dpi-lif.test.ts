// S4's DPI synapse + LIF membrane (src/twin/models/dpi-lif.ts) against an independent closed
// form written here: the transfer functions of the cascade,
//   I_syn(s) / U(s) = g / ((1 + s tau_rise)(1 + s tau_fall)),  V(s) = I_syn(s) tau_mem / (c_mem (1 + s tau_mem)),
// give unit-step responses as sums of residues; a rectangular pulse of amplitude U over
// [t_on, t_off) is U (S(t - t_on) - S(t - t_off)), and trains superpose. Checked: one pulse,
// S4's test spikes (10, 110, 150, 200 ms, 900 us wide), the exact membrane peak, threshold
// crossings with reset and refractory, the timescale, and the root finder on its own.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/twin/engine/engine.js';
import type { RawValue } from '../../../src/twin/engine/params.js';
import { DpiLif } from '../../../src/twin/models/dpi-lif.js';
import { ExpSum3 } from '../../../src/twin/models/s4-expsum.js';
import { levelPulses, spec } from './util.js';

const RES = 1e-12, ms = 1e-3, us = 1e-6;
const P = { tau_rise: 0.5 * ms, tau_fall: 2 * ms, tau_mem: 15 * ms, c_mem: 260e-9, weight_gain: 1e-6 };

/** Unit-step response of a cascade of first-order lags with the given time constants and DC gain k. */
function stepResponse(taus: number[], k: number, t: number): number {
  if (t <= 0) return 0;
  // Y(s) = k / (s prod (1 + s tau_i)) = (k / prod tau_i) / (s prod (s + p_i)), p_i = 1/tau_i
  const p = taus.map((x) => 1 / x);
  const K = k / taus.reduce((a, b) => a * b, 1);
  let y = K / p.reduce((a, b) => a * b, 1);
  for (let i = 0; i < p.length; i++) {
    let den = -p[i]!;
    for (let j = 0; j < p.length; j++) if (j !== i) den *= p[j]! - p[i]!;
    y += K * Math.exp(-p[i]! * t) / den;
  }
  return y;
}

interface Pulse { on: number; off: number; u: number }

function refV(pulses: Pulse[], t: number, p = P): number {
  const k = p.weight_gain * p.tau_mem / p.c_mem;
  let v = 0;
  for (const q of pulses) v += q.u * (stepResponse([p.tau_rise, p.tau_fall, p.tau_mem], k, t - q.on) - stepResponse([p.tau_rise, p.tau_fall, p.tau_mem], k, t - q.off));
  return v;
}

function refI(pulses: Pulse[], t: number, p = P): number {
  let v = 0;
  for (const q of pulses) v += q.u * (stepResponse([p.tau_rise, p.tau_fall], p.weight_gain, t - q.on) - stepResponse([p.tau_rise, p.tau_fall], p.weight_gain, t - q.off));
  return v;
}

/** Pulses (start s, width s, amplitude) on tick boundaries, as the engine will see them. */
function onTicks(list: Array<[number, number, number]>): Pulse[] {
  return list.map(([s, w, u]) => ({ on: Math.round(s / RES) * RES, off: Math.round((s + w) / RES) * RES, u }));
}

function build(list: Array<[number, number, number]>, over: Record<string, RawValue> = {}, timescale = 1): { e: Engine; n: DpiLif } {
  const e = new Engine({ resolution: RES });
  const n = e.add(new DpiLif(spec('dpi_lif', [1], { ...P, ...over }, 'n', timescale, ['tau_rise', 'tau_fall', 'tau_mem', 'refractory'])));
  const st = levelPulses(list.map(([s]) => [s, 0] as [number, number]), list[0]![1], (i) => list[i]![2], RES);
  e.stimulus(n, 'in', st.t, st.ch, st.v);
  return { e, n };
}

function compare(n: DpiLif, e: Engine, pulses: Pulse[], times: number[], p = P): { vmax: number; imax: number } {
  let vmax = 0, imax = 0, vErr = 0, iErr = 0;
  for (const t of times) {
    const k = Math.round(t / RES);
    e.run(k); n.advance(k);
    const tt = k * RES;
    const v = refV(pulses, tt, p), i = refI(pulses, tt, p);
    vmax = Math.max(vmax, Math.abs(v)); imax = Math.max(imax, Math.abs(i));
    vErr = Math.max(vErr, Math.abs(n.read('v', 0) - v)); iErr = Math.max(iErr, Math.abs(n.read('i_syn', 0) - i));
  }
  expect(vErr).toBeLessThan(1e-9 * vmax);
  expect(iErr).toBeLessThan(1e-9 * imax);
  if (process.env['SNN_TEST_VERBOSE']) console.log(`dpi_lif: max |dV| / max|V| = ${(vErr / vmax).toExponential(2)}, max |dI| / max|I| = ${(iErr / imax).toExponential(2)}`);
  return { vmax, imax };
}

describe('dpi_lif: against the closed-form cascade', () => {
  it('one 900 us pulse: synaptic current and membrane to 1e-9 relative', () => {
    const list: Array<[number, number, number]> = [[1 * ms, 900 * us, 0.8]];
    const { e, n } = build(list);
    const times = Array.from({ length: 400 }, (_, k) => k * 0.1 * ms + 0.0371 * ms);
    const { vmax } = compare(n, e, onTicks(list), times);
    expect(vmax).toBeGreaterThan(0);
  });

  it("S4's test spikes at 10, 110, 150 and 200 ms (900 us wide) over 300 ms", () => {
    const list: Array<[number, number, number]> = [10, 110, 150, 200].map((t) => [t * ms, 900 * us, 1]);
    const { e, n } = build(list);
    const times = Array.from({ length: 3000 }, (_, k) => k * 0.1 * ms + 0.0123 * ms);
    compare(n, e, onTicks(list), times);
  });

  it('tracks the exact membrane peak (S4 decides digits by the largest peak)', () => {
    const list: Array<[number, number, number]> = [10, 110, 150, 200].map((t) => [t * ms, 900 * us, 1]);
    const pulses = onTicks(list);
    const { e, n } = build(list);
    e.run(Math.round(300 * ms / RES)); n.advance(Math.round(300 * ms / RES));
    // reference peak: fine grid, then golden-section refinement around the best sample
    let best = 0, bt = 0;
    for (let k = 0; k < 30000; k++) { const t = k * 10 * us; const v = refV(pulses, t); if (v > best) { best = v; bt = t; } }
    let a = bt - 10 * us, b = bt + 10 * us;
    const g = (Math.sqrt(5) - 1) / 2;
    for (let it = 0; it < 100; it++) {
      const c = b - g * (b - a), d = a + g * (b - a);
      if (refV(pulses, c) > refV(pulses, d)) b = d; else a = c;
    }
    const peak = refV(pulses, 0.5 * (a + b));
    expect(Math.abs(n.read('peak', 0) - peak)).toBeLessThan(1e-9 * peak);
    expect(Math.abs(n.read('peak_time', 0) * RES - 0.5 * (a + b))).toBeLessThan(1e-6);
  });

  it('data-time constants scale with the timescale (k = 1000: the same waveform 1000 x faster)', () => {
    const k = 1000;
    const list: Array<[number, number, number]> = [[10 * us, 0.9 * us, 1]];
    const { e, n } = build(list, { tau_rise: 0.5 * ms, tau_fall: 2 * ms, tau_mem: 15 * ms }, k);
    const scaled = { ...P, tau_rise: 0.5 * us, tau_fall: 2 * us, tau_mem: 15 * us };
    compare(n, e, onTicks(list), Array.from({ length: 100 }, (_, j) => j * 0.5 * us + 0.01 * us), scaled);
  });
});

describe('dpi_lif: threshold, reset, refractory', () => {
  it('fires at the exact crossing of the closed form, resets to v_reset and holds it for the refractory time', () => {
    const list: Array<[number, number, number]> = [[1 * ms, 20 * ms, 1]];
    const pulses = onTicks(list);
    // threshold at 40 % of the steady state g u tau_mem / c_mem
    const vss = P.weight_gain * P.tau_mem / P.c_mem;
    const th = 0.4 * vss;
    const { e, n } = build(list, { threshold: th, v_reset: 0, refractory: 2 * ms });
    e.run(Math.round(30 * ms / RES));
    const rec = e.spikes[e.models.indexOf(n)]!;
    expect(rec.n).toBeGreaterThan(1);
    // reference crossing time by bisection on the closed form
    let lo = pulses[0]!.on, hi = pulses[0]!.off;
    for (let it = 0; it < 200; it++) { const m = 0.5 * (lo + hi); if (refV(pulses, m) >= th) hi = m; else lo = m; }
    expect(Math.abs(rec.t[0]! * RES - hi)).toBeLessThan(2 * RES + 1e-12 * hi);
    // held at v_reset during the refractory time, then rising again
    const t1 = rec.t[0]!;
    for (const dt of [0.1, 1, 1.99].map((x) => x * ms)) {
      const k = t1 + Math.round(dt / RES);
      const e2 = build(list, { threshold: th, v_reset: 0, refractory: 2 * ms });
      e2.e.run(k); e2.n.advance(k);
      expect(e2.n.read('v', 0)).toBe(0);
    }
    expect(rec.t[1]! - rec.t[0]!).toBeGreaterThan(Math.round(2 * ms / RES));
  });

  it('threshold null: never fires, however large the input', () => {
    const { e, n } = build([[1 * ms, 50 * ms, 100]]);
    e.run(Math.round(100 * ms / RES));
    expect(e.spikes[e.models.indexOf(n)]!.n).toBe(0);
    expect(n.read('peak', 0)).toBeGreaterThan(0);
  });
});

describe('s4-expsum: crossings and maxima of c + three exponentials', () => {
  it('finds both critical points and the first crossing of a wiggly sum', () => {
    // f(t) = 1 - 3 e^{-t} + 4 e^{-2t} - 1.5 e^{-4t}: compare with a dense scan
    const es = new ExpSum3().set(1, -3, 1, 4, 2, -1.5, 4);
    const T = 10;
    const n = es.criticalPoints(T);
    let signChanges = 0, prev = es.df(1e-9);
    for (let k = 1; k <= 200000; k++) { const d = es.df(k * T / 200000); if ((d > 0) !== (prev > 0)) signChanges++; prev = d; }
    expect(n).toBe(signChanges);
    expect(n).toBe(2);
    for (const th of [0.3, 0.6, 0.9, 0.99]) {
      const t = es.firstCrossing(th, T, 1e-14);
      let scan = Infinity;
      for (let k = 0; k <= 200000; k++) { const x = k * T / 200000; if (es.f(x) >= th) { scan = x; break; } }
      if (scan === Infinity) expect(t).toBe(Infinity);
      else { expect(Math.abs(t - scan)).toBeLessThan(T / 200000); expect(es.f(t)).toBeGreaterThanOrEqual(th - 1e-15); }
    }
    let m = -Infinity;
    for (let k = 0; k <= 200000; k++) m = Math.max(m, es.f(k * T / 200000));
    expect(es.max(T)).toBeGreaterThanOrEqual(m - 1e-15);
    expect(es.max(T) - m).toBeLessThan(1e-9);
  });
});
