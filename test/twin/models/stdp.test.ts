// Pair-based STDP (src/twin/models/stdp.ts): the exponential window measured from single
// pre/post pairs at +-dt against a_plus exp(-dt / tau_plus) and -a_minus exp(-|dt| / tau_minus),
// trace summation (all-to-all), soft bounds, nonlinearity, hard clipping, programming noise,
// the timescale, and the counters.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/twin/engine/engine.js';
import type { RawValue } from '../../../src/twin/engine/params.js';
import { Stdp } from '../../../src/twin/models/stdp.js';
import { spec } from './util.js';

const RES = 1e-12, ms = 1e-3, uS = 1e-6;
const G_MIN = 10 * uS, G_MAX = 110 * uS, W = G_MAX - G_MIN;
const BASE: Record<string, RawValue> = { a_plus: 0.01, a_minus: 0.012, tau_plus: 20 * ms, tau_minus: 30 * ms, g_min: G_MIN, g_max: G_MAX, g_init: 60 * uS };

/** One synapse, spikes (time s, 'pre' | 'post'); returns the final conductance. */
function pairRun(events: Array<[number, 'pre' | 'post']>, over: Record<string, RawValue> = {}, seed = 1, n = 1): Stdp {
  const e = new Engine({ resolution: RES, seed });
  const m = e.add(new Stdp(spec('stdp', [n, 1], { ...BASE, ...over }, 's')));
  for (const which of ['pre', 'post'] as const) {
    const ev = events.filter((x) => x[1] === which).map((x) => x[0]).sort((a, b) => a - b);
    if (which === 'pre') {
      // every row gets the same pre spikes
      const t: number[] = [], ch: number[] = [];
      for (const s of ev) for (let r = 0; r < n; r++) { t.push(Math.round(s / RES)); ch.push(r); }
      if (t.length) e.stimulus(m, 'pre', Float64Array.from(t), Int32Array.from(ch), null, 'pre');
    } else if (ev.length) e.stimulus(m, 'post', Float64Array.from(ev, (s) => Math.round(s / RES)), new Int32Array(ev.length), null, 'post');
  }
  e.run(Math.round(1 / RES));
  e.finish();
  return m;
}

describe('stdp: the exponential window', () => {
  it('single pairs at +-dt match a_plus exp(-dt/tau_plus) and -a_minus exp(-|dt|/tau_minus)', () => {
    for (const dt of [0.1, 1, 5, 10, 20, 40, 80, 150].map((x) => x * ms)) {
      const t0 = 10 * ms;
      const ltp = (pairRun([[t0, 'pre'], [t0 + dt, 'post']]).read('g', 0) - 60 * uS) / W;
      const ltd = (pairRun([[t0, 'post'], [t0 + dt, 'pre']]).read('g', 0) - 60 * uS) / W;
      const eP = 0.01 * Math.exp(-dt / (20 * ms)), eM = -0.012 * Math.exp(-dt / (30 * ms));
      expect(Math.abs(ltp - eP)).toBeLessThan(1e-12 * 0.01);
      expect(Math.abs(ltd - eM)).toBeLessThan(1e-12 * 0.012);
    }
  });

  it('same-tick pairs count in arrival order (pre first: potentiation by a_plus)', () => {
    const m = pairRun([[5 * ms, 'pre'], [5 * ms, 'post']]);
    expect((m.read('g', 0) - 60 * uS) / W).toBeCloseTo(0.01, 14);
  });

  it('traces add over spikes (all-to-all pairing)', () => {
    const m = pairRun([[0, 'pre'], [10 * ms, 'pre'], [25 * ms, 'post']]);
    const e = 0.01 * (Math.exp(-25 / 20) + Math.exp(-15 / 20));
    expect((m.read('g', 0) - 60 * uS) / W).toBeCloseTo(e, 14);
    // and a depression from the post trace at a later pre spike
    const m2 = pairRun([[0, 'post'], [10 * ms, 'post'], [25 * ms, 'pre']]);
    expect((m2.read('g', 0) - 60 * uS) / W).toBeCloseTo(-0.012 * (Math.exp(-25 / 30) + Math.exp(-15 / 30)), 14);
  });

  it('the time constants are in data time: a timescale k shortens the window k times', () => {
    const k = 1000;
    const e = new Engine({ resolution: RES });
    const m = e.add(new Stdp(spec('stdp', [1, 1], { ...BASE }, 's', k, ['tau_plus', 'tau_minus'])));
    e.stimulus(m, 'pre', Float64Array.of(0), Int32Array.of(0), null, 'pre');
    e.stimulus(m, 'post', Float64Array.of(Math.round(20e-6 / RES)), Int32Array.of(0), null, 'post');
    e.run(Math.round(1e-3 / RES));
    expect((m.read('g', 0) - 60 * uS) / W).toBeCloseTo(0.01 * Math.exp(-1), 14);
  });
});

describe('stdp: bounds, nonlinearity, noise', () => {
  it('soft bounds scale the step by the distance to the bound', () => {
    const m = pairRun([[0, 'pre'], [0, 'post']], { bound: 'soft', g_init: 90 * uS });
    expect(m.read('g', 0)).toBeCloseTo(90 * uS + 0.01 * (G_MAX - 90 * uS), 18);
    // a depressing pair one tick apart (the trace has decayed by 1e-12 / 30 ms)
    const d = pairRun([[0, 'post'], [1e-12, 'pre']], { bound: 'soft', g_init: 30 * uS });
    const eD = 30 * uS - 0.012 * (30 * uS - G_MIN);
    expect(Math.abs(d.read('g', 0) - eD)).toBeLessThan(1e-10 * eD);
  });

  it('nonlinearity shrinks the step as exp(-nu x distance travelled)', () => {
    const nu = 3, g0 = 85 * uS;
    const m = pairRun([[0, 'pre'], [0, 'post']], { nonlinearity: nu, g_init: g0 });
    expect(m.read('g', 0)).toBeCloseTo(g0 + 0.01 * W * Math.exp(-nu * (g0 - G_MIN) / W), 18);
    const d = pairRun([[0, 'post'], [1e-12, 'pre']], { nonlinearity: nu, g_init: g0 });
    const eD = g0 - 0.012 * W * Math.exp(-nu * (G_MAX - g0) / W);
    expect(Math.abs(d.read('g', 0) - eD)).toBeLessThan(1e-10 * eD);
  });

  it('hard bounds clip at g_min and g_max', () => {
    const ev: Array<[number, 'pre' | 'post']> = [];
    for (let k = 0; k < 50; k++) { ev.push([k * 10 * ms, 'pre'], [k * 10 * ms + 1 * ms, 'post']); }
    expect(pairRun(ev, { a_plus: 0.05 }).read('g', 0)).toBe(G_MAX);
    const ev2: Array<[number, 'pre' | 'post']> = [];
    for (let k = 0; k < 50; k++) { ev2.push([k * 10 * ms, 'post'], [k * 10 * ms + 1 * ms, 'pre']); }
    expect(pairRun(ev2, { a_minus: 0.05 }).read('g', 0)).toBe(G_MIN);
  });

  it('programming noise: steps spread as (1 + noise N(0,1)), reproducibly per seed', () => {
    const N = 4000;
    const m = pairRun([[0, 'pre'], [0, 'post']], { noise: 0.2 }, 5, N);
    let s = 0, s2 = 0;
    for (let i = 0; i < N; i++) { const d = (m.read('g', i) - 60 * uS) / (0.01 * W); s += d; s2 += d * d; }
    const mean = s / N, sd = Math.sqrt(s2 / N - mean * mean);
    expect(Math.abs(mean - 1)).toBeLessThan(0.02);
    expect(Math.abs(sd - 0.2)).toBeLessThan(0.01);
    expect(pairRun([[0, 'pre'], [0, 'post']], { noise: 0.2 }, 5, N).read('g', 17)).toBe(m.read('g', 17));
  });

  it('counts one programming pulse per updated cell and defaults g_min/g_max to the device', () => {
    const m = pairRun([[0, 'pre'], [5 * ms, 'post'], [8 * ms, 'pre']]);
    expect(m.counters.programming_pulses).toBe(2);
    expect(m.counters.input_pulses).toBe(2);
    expect(m.counters.extra['potentiations']).toBe(1);
    expect(m.counters.extra['depressions']).toBe(1);
    const d = new Stdp(spec('stdp', [1, 1], { 'device.g_min': 42 * uS, 'device.g_max': 980 * uS }, 's'));
    expect([d.gMin, d.gMax]).toEqual([42 * uS, 980 * uS]);
    const r = new Stdp(spec('stdp', [1, 1], {}, 's'));
    expect([r.gMin, r.gMax]).toEqual([5.7 * uS, 200 * uS]); // rram registry defaults
  });
});
