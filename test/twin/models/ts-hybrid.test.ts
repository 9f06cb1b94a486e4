// S2's hybrid neuron (src/twin/models/ts-hybrid.ts) through the real engine: the neuron test
// of S2 Fig. 3b (1.8 V, 2 kHz, 250 us pulses through 10 kOhm: fire on the fifth pulse, then
// 500 us refractory with node 1 grounded), its stochastic version over seeds, the firing
// rate against amplitude (Fig. 3c/d), latch/inhibition timing, the depression lift, gating,
// and idle time costing no events.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/twin/engine/engine.js';
import type { RawValue } from '../../../src/twin/engine/params.js';
import { S2_NEURON } from './fixtures.js';
import { TsHybrid } from '../../../src/twin/models/ts-hybrid.js';
import { levelPulses, spec, train } from './util.js';

const RES = 1e-12;
const us = 1e-6, ms = 1e-3;

/** A deterministic neuron with the fitted S2 parameters (fixtures.ts) unless overridden. */
function neuron(over: Record<string, RawValue> = {}, n = 1): TsHybrid {
  return new TsHybrid(spec('ts_hybrid', [n], { ...S2_NEURON, stochastic: false, ...over }, 'n'));
}

/** Runs a neuron on `count` pulses of V (2 kHz, 250 us, in phase with the clock); returns spike times (s). */
function run(V: number, count: number, over: Record<string, RawValue> = {}, seed = 1, until = count * 500 * us): { e: Engine; n: TsHybrid; spikes: number[] } {
  const e = new Engine({ resolution: RES, seed });
  const n = e.add(neuron(over));
  const st = levelPulses(train(count, 500 * us), 250 * us, V, RES);
  e.stimulus(n, 'in', st.t, st.ch, st.v);
  e.run(Math.round(until / RES));
  e.finish();
  const rec = e.spikes[e.models.indexOf(n)]!;
  return { e, n, spikes: Array.from(rec.t.subarray(0, rec.n), (t) => t * RES) };
}

describe('ts_hybrid: S2 neuron test (1.8 V, 2 kHz, 250 us, 10 kOhm)', () => {
  it('fires on the fifth pulse of the first cycle, then stays refractory 500 us with node 1 grounded', () => {
    const e = new Engine({ resolution: RES, seed: 1 });
    const n = e.add(neuron());
    const st = levelPulses(train(12, 500 * us), 250 * us, 1.8, RES);
    e.stimulus(n, 'in', st.t, st.ch, st.v);
    const at = (t: number): void => { const k = Math.round(t / RES); e.run(k); n.advance(k); };
    const idx = e.models.indexOf(n);

    at(2000 * us - 1e-9); // end of the fourth interval: not yet switched
    expect(n.read('on', 0)).toBe(0);
    expect(n.read('l1', 0)).toBe(0);
    expect(n.read('s', 0)).toBeGreaterThan(0);
    at(2250 * us - 1e-9); // end of the fifth pulse: switched, L1 and the inhibition are up
    expect(n.read('on', 0)).toBe(1);
    expect(n.read('l1', 0)).toBe(1);
    expect(n.read('inhibit', 0)).toBe(1.5);
    expect(n.read('l2', 0)).toBe(0);
    expect(e.spikes[idx]!.n).toBe(0);
    // refractory [2.25, 2.75) ms: L2 high, node 1 grounded even under the sixth input pulse
    for (const t of [2250, 2400, 2500, 2600, 2749]) {
      at(t * us);
      expect(n.read('l2', 0)).toBe(1);
      expect(n.read('grounded', 0)).toBe(1);
      expect(n.read('v1', 0)).toBe(0);
    }
    at(2600 * us);
    expect(n.read('out', 0)).toBe(2.0); // L2 AND CLK
    // the output spike: exactly one, at the clock's rising edge after the fire
    expect(e.spikes[idx]!.n).toBe(1);
    expect(e.spikes[idx]!.t[0]! * RES).toBeCloseTo(2500 * us, 15);
    at(2750 * us + 1e-9);
    expect(n.read('l2', 0)).toBe(0);
    expect(n.read('grounded', 0)).toBe(0);
    expect(n.read('inhibit', 0)).toBe(0);
    at(3000 * us - 1e-9); // relaxed back to the initial state before the next input pulse
    expect(n.read('on', 0)).toBe(0);
    expect(n.read('s', 0)).toBe(0);
    at(6000 * us);
    // the second cycle repeats: fire on pulse 11 (its fifth), spike at 5.5 ms
    expect(e.spikes[idx]!.n).toBe(2);
    expect(e.spikes[idx]!.t[1]! * RES).toBeCloseTo(5500 * us, 15);
    e.finish();
    expect(n.counters.input_pulses).toBe(12);
    expect(n.counters.extra['ts_switches']).toBe(2);
    expect(n.counters.extra['refractory_periods']).toBe(2);
    expect(n.counters.output_spikes).toBe(2);
  });

  it('the device switches during the fifth pulse (integration across pulses with leak)', () => {
    // time of the switching from the trace of s: run in 1 us steps over the fifth pulse
    const e = new Engine({ resolution: RES });
    const n = e.add(neuron());
    const st = levelPulses(train(6, 500 * us), 250 * us, 1.8, RES);
    e.stimulus(n, 'in', st.t, st.ch, st.v);
    let tOn = -1;
    for (let k = 0; k <= 2500; k++) {
      const t = Math.round(k * us / RES);
      e.run(t); n.advance(t);
      if (n.read('on', 0) === 1) { tOn = k * us; break; }
    }
    expect(tOn).toBeGreaterThan(2000 * us);
    expect(tOn).toBeLessThan(2250 * us);
  });

  it('with stochastic devices the first-cycle pulse count varies around five (median over 41 seeds)', () => {
    const counts: number[] = [];
    for (let seed = 1; seed <= 41; seed++) {
      const { spikes } = run(1.8, 40, { stochastic: true }, seed);
      expect(spikes.length).toBeGreaterThan(0);
      // the output spike is on the clock high phase after the fire: pulse = t / 500 us
      counts.push(Math.round(spikes[0]! / (500 * us)));
    }
    const sorted = [...counts].sort((a, b) => a - b);
    const median = sorted[20]!;
    expect(median).toBeGreaterThanOrEqual(4);
    expect(median).toBeLessThanOrEqual(6);
    expect(new Set(counts).size).toBeGreaterThan(2); // really stochastic
    // reproducible per seed
    expect(Math.round(run(1.8, 40, { stochastic: true }, 5).spikes[0]! / (500 * us))).toBe(counts[4]);
  });
});

describe('ts_hybrid: the registry values of this writing (for the report)', () => {
  it('do not reproduce the neuron test: the device switches on pulse 1 and node 2 stays below v_fire', () => {
    const reg = {
      'device.t_int': 500e-6, 'device.v_int_slope': 0.25, 'device.t_relax': 300e-6, 'device.v_relax_slope': 0.5,
      r_read: 1e3, r_series: 10e3, v_fire: 0.5, depression: false, stochastic: false,
    };
    const e = new Engine({ resolution: RES });
    const n = e.add(new TsHybrid(spec('ts_hybrid', [1], reg, 'n')));
    const st = levelPulses(train(20, 500 * us), 250 * us, 1.8, RES);
    e.stimulus(n, 'in', st.t, st.ch, st.v);
    const k = Math.round(100 * us / RES);
    e.run(k); n.advance(k);
    expect(n.read('on', 0)).toBe(1); // t_int(1.8 V) = 45 us
    expect(n.read('v2', 0)).toBeCloseTo(1.8 * 1e3 / 12e3, 12); // 0.15 V < v_fire
    e.run(Math.round(10 * ms / RES));
    expect(e.spikes[e.models.indexOf(n)]!.n).toBe(0);
  });
});

describe('ts_hybrid: firing rate against amplitude (S2 Fig. 3c/d)', () => {
  const amps = [1.4, 1.6, 1.8, 2.0];
  const dur = 50 * ms;

  it('rises monotonically from 1.4 to 2.0 V (deterministic device)', () => {
    const counts = amps.map((V) => run(V, dur / (500 * us), {}, 1, dur).spikes.length);
    for (let k = 1; k < counts.length; k++) expect(counts[k]!).toBeGreaterThan(counts[k - 1]!);
    expect(counts[2]).toBe(16); // 1.8 V: one spike per 3 ms (5 pulses + 1 swallowed)
  });

  it('rises monotonically from 1.4 to 2.0 V (stochastic device, mean over 8 seeds)', () => {
    const mean = amps.map((V) => {
      let s = 0;
      for (let seed = 1; seed <= 8; seed++) s += run(V, dur / (500 * us), { stochastic: true }, seed, dur).spikes.length;
      return s / 8;
    });
    for (let k = 1; k < mean.length; k++) expect(mean[k]!).toBeGreaterThan(mean[k - 1]!);
  });

  it('output spikes are identical: amplitude 2.0 V, one per firing cycle, on clock high phases', () => {
    const { spikes } = run(2.0, 100, {}, 1);
    for (const t of spikes) {
      const phase = (t / (500 * us)) % 1;
      expect(Math.min(phase, 1 - phase)).toBeLessThan(1e-9); // at a rising edge
    }
  });
});

describe('ts_hybrid: circuit details', () => {
  it('the depression module lifts node 1 to v_depress from the fire to the falling edge', () => {
    const e = new Engine({ resolution: RES });
    const n = e.add(neuron({ depression: true, v_depress: 1.0 }));
    const st = levelPulses(train(6, 500 * us), 250 * us, 1.8, RES);
    e.stimulus(n, 'in', st.t, st.ch, st.v);
    const at = (t: number): void => { const k = Math.round(t / RES); e.run(k); n.advance(k); };
    at(2249 * us);
    expect(n.read('l1', 0)).toBe(1);
    expect(n.read('v1', 0)).toBe(1.0);
    at(2300 * us);
    expect(n.read('v1', 0)).toBe(0); // grounded by T1 once L2 is set
    e.run(Math.round(3 * ms / RES));
    expect(e.spikes[e.models.indexOf(n)]!.n).toBe(1);
  });

  it('a low gate (from an lia) blocks the input: no integration, no firing', () => {
    const e = new Engine({ resolution: RES });
    const n = e.add(neuron());
    const st = levelPulses(train(20, 500 * us), 250 * us, 1.8, RES);
    e.stimulus(n, 'in', st.t, st.ch, st.v);
    e.stimulus(n, 'gate', Float64Array.of(0), Int32Array.of(0), Float64Array.of(0), 'gate');
    e.run(Math.round(10 * ms / RES));
    expect(e.spikes[e.models.indexOf(n)]!.n).toBe(0);
    expect(n.read('s', 0)).toBe(0);
  });

  it('emits the inhibition level L1 OR L2 on its inhibit port', () => {
    const e = new Engine({ resolution: RES });
    const n = e.add(neuron({ inhibit_amplitude: 1.5 }));
    const seen: Array<[number, number]> = [];
    const probe = e.add({
      spec: spec('probe', [1], {}, 'probe'), ports: [{ name: 'in', dir: 'in', width: 1, signal: 'level' }],
      counters: n.counters, init() {}, input(_p: number, _c: number, v: number, t: number) { seen.push([t * RES, v]); },
      timer() {}, advance() {}, read() { return NaN; }, finish() {},
    });
    e.connect(n, 'inhibit', probe, 'in');
    const st = levelPulses(train(6, 500 * us), 250 * us, 1.8, RES);
    e.stimulus(n, 'in', st.t, st.ch, st.v);
    e.run(Math.round(3 * ms / RES));
    expect(seen.length).toBe(2);
    expect(seen[0]![1]).toBe(1.5);
    expect(seen[0]![0]).toBeGreaterThan(2000 * us); // at the switching, within pulse 5
    expect(seen[0]![0]).toBeLessThan(2250 * us);
    expect(seen[1]![1]).toBe(0);
    expect(seen[1]![0]).toBeCloseTo(2750 * us, 15);
  });

  it('idle time costs nothing: the clock is not ticked while every neuron is quiescent', () => {
    const { e, n } = run(1.8, 6, {}, 1, 1.0); // 6 pulses, then 1 s of silence
    expect(e.totalEvents()).toBeLessThan(100);
    expect(n.counters.clock_edges).toBe(4001); // 2 kHz, both edges, [0, 1 s] (counted analytically)
    expect(n.counters.active_ticks * RES).toBeCloseTo(5 * 250 * us, 9); // node 1 driven: pulses 1-5 (6 grounded)
  });

  it('n neurons are independent channels', () => {
    const e = new Engine({ resolution: RES });
    const n = e.add(neuron({}, 2));
    const st = levelPulses([...train(12, 500 * us, 0, 0), ...train(12, 500 * us, 0, 1)], 250 * us, (i) => (i < 12 ? 1.8 : 2.0), RES);
    e.stimulus(n, 'in', st.t, st.ch, st.v);
    e.run(Math.round(6 * ms / RES));
    const rec = e.spikes[e.models.indexOf(n)]!;
    const t0: number[] = [], t1: number[] = [];
    for (let k = 0; k < rec.n; k++) (rec.ch[k] === 0 ? t0 : t1).push(rec.t[k]! * RES);
    expect(t0[0]).toBeCloseTo(2500 * us, 15);
    expect(t1[0]).toBeLessThan(2500 * us); // higher amplitude: fewer pulses
  });
});
