// S2's lateral-inhibition array (src/twin/models/lia.ts): the truth table of S2 Fig. 4c/d
// (no neuron firing: every gate high; one firing: only its own gate high), the comparator
// delay, and winner-take-all with ts_hybrid neurons in the loop.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/twin/engine/engine.js';
import type { Model } from '../../../src/twin/model.js';
import { Lia } from '../../../src/twin/models/lia.js';
import { TsHybrid } from '../../../src/twin/models/ts-hybrid.js';
import { S2_NEURON } from './fixtures.js';
import { levelPulses, spec, train } from './util.js';

const RES = 1e-12;

/** A sink that records every message it gets: [tick, channel, value]. */
function recorder(width: number): Model & { got: Array<[number, number, number]> } {
  const got: Array<[number, number, number]> = [];
  return {
    got, spec: spec('rec', [width], {}, 'rec'), ports: [{ name: 'in', dir: 'in', width, signal: 'level' }],
    counters: new (class { input_pulses = 0; synaptic_ops = 0; output_spikes = 0; programming_pulses = 0; clock_edges = 0; active_ticks = 0; extra = {} })(),
    init() {}, input(_p: number, c: number, v: number, t: number) { got.push([t, c, v]); }, timer() {}, advance() {}, read() { return NaN; }, finish() {},
  };
}

describe('lia: truth table (S2 Fig. 4)', () => {
  for (const n of [4, 5, 10]) {
    it(`n = ${n}: all gates high with no input, only the firing neuron's gate high with one input`, () => {
      const e = new Engine({ resolution: RES });
      const lia = e.add(new Lia(spec('lia', [n], {}, 'lia')));
      const rec = e.add(recorder(n));
      e.connect(lia, 'out', rec, 'in');
      // input i high over [2i+1, 2i+2) us, one at a time
      const st = levelPulses(Array.from({ length: n }, (_, i) => [(2 * i + 1) * 1e-6, i] as [number, number]), 1e-6, 1.5, RES);
      e.stimulus(lia, 'in', st.t, st.ch, st.v);
      e.run(0);
      for (let j = 0; j < n; j++) expect(lia.read('gate', j)).toBe(3);
      for (let i = 0; i < n; i++) {
        e.run(Math.round((2 * i + 1.5) * 1e-6 / RES));
        for (let j = 0; j < n; j++) expect(lia.read('gate', j)).toBe(j === i ? 3 : 0);
        expect(lia.read('v_col', i)).toBeLessThan(0.05);
        e.run(Math.round((2 * i + 2.5) * 1e-6 / RES));
        for (let j = 0; j < n; j++) expect(lia.read('gate', j)).toBe(3);
      }
      // messages: initial highs, then per firing n - 1 gates low and back high
      expect(rec.got.filter((m) => m[0] === 0).length).toBe(n);
      expect(rec.got.length).toBe(n + n * 2 * (n - 1));
      e.finish();
      expect(lia.counters.input_pulses).toBe(n);
    });
  }

  it('n = 3 with the default conductances: the winner gates itself off too (needs n >= 4)', () => {
    const e = new Engine({ resolution: RES });
    const lia = e.add(new Lia(spec('lia', [3], {}, 'lia')));
    e.stimulus(lia, 'in', Float64Array.of(1000), Int32Array.of(0), Float64Array.of(1.5));
    e.run(1000);
    expect(lia.read('v_col', 0)).toBeCloseTo(3 * 42 / (2 * 980 + 84), 12);
    expect(lia.read('gate', 0)).toBe(0);
  });

  it("S2's numbers: 7 mV with no input, 14 mV on the winner's column, 172 mV on the others", () => {
    const e = new Engine({ resolution: RES });
    const lia = e.add(new Lia(spec('lia', [10], {}, 'lia')));
    e.stimulus(lia, 'in', Float64Array.of(1000), Int32Array.of(4), Float64Array.of(1.5));
    e.run(0);
    expect(lia.read('v_col', 0)).toBeCloseTo(1.5 * 42 / (9 * 980 + 2 * 42), 12);
    e.run(1000);
    expect(lia.read('v_col', 4)).toBeCloseTo(1.5 * (42 + 42) / (9 * 980 + 2 * 42), 12);
    expect(lia.read('v_col', 0)).toBeCloseTo(1.5 * (980 + 42) / (9 * 980 + 2 * 42), 12);
  });

  it('the comparator delay shifts the gate outputs', () => {
    const e = new Engine({ resolution: RES });
    const lia = e.add(new Lia(spec('lia', [4], { delay: 50e-9 }, 'lia')));
    const rec = e.add(recorder(4));
    e.connect(lia, 'out', rec, 'in');
    e.stimulus(lia, 'in', Float64Array.of(Math.round(1e-6 / RES)), Int32Array.of(0), Float64Array.of(1.5));
    e.run(Math.round(2e-6 / RES));
    const lows = rec.got.filter((m) => m[2] === 0);
    expect(lows.map((m) => m[1])).toEqual([1, 2, 3]);
    for (const m of lows) expect(m[0] * RES).toBeCloseTo(1.05e-6, 15);
  });
});

describe('lia + ts_hybrid: winner-take-all', () => {
  it('the first neuron to fire gates the others off while its inhibition is up', () => {
    const run = (withLia: boolean): number[][] => {
      const e = new Engine({ resolution: RES });
      const n = e.add(new TsHybrid(spec('ts_hybrid', [4], { ...S2_NEURON, stochastic: false }, 'n')));
      if (withLia) {
        const lia = e.add(new Lia(spec('lia', [4], {}, 'lia')));
        e.connect(n, 'inhibit', lia, 'in');
        e.connect(lia, 'out', n, 'gate');
      }
      const amps = [2.0, 1.8, 1.8, 0];
      const starts = [0, 1, 2].flatMap((c) => train(40, 500e-6, 0, c));
      const st = levelPulses(starts, 250e-6, (i) => amps[Math.floor(i / 40)]!, RES);
      e.stimulus(n, 'in', st.t, st.ch, st.v);
      e.run(Math.round(20e-3 / RES));
      const rec = e.spikes[e.models.indexOf(n)]!;
      const out: number[][] = [[], [], [], []];
      for (let k = 0; k < rec.n; k++) out[rec.ch[k]!]!.push(rec.t[k]! * RES);
      return out;
    };
    const free = run(false), wta = run(true);
    expect(free[1]!.length).toBeGreaterThan(0);
    // neuron 0 (2.0 V) wins: it fires as before, the others fire less
    expect(wta[0]).toEqual(free[0]);
    expect(wta[1]!.length).toBeLessThan(free[1]!.length);
    expect(wta[2]!.length).toBeLessThan(free[2]!.length);
  });
});
