// S2's Hebbian rule (src/twin/models/hebbian.ts): two synapses from 400 uS, one with input
// pulses and one grounded, potentiated toward 980 uS and depressed toward 42 uS (S2 Supp.
// Fig. 3) on the closed form of the soft-bounded approach; the same through a ts_hybrid
// neuron in the loop; the update protocol; noise.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/twin/engine/engine.js';
import { Counters, type Model } from '../../../src/twin/model.js';
import { Hebbian } from '../../../src/twin/models/hebbian.js';
import { TsHybrid } from '../../../src/twin/models/ts-hybrid.js';
import { S2_NEURON } from './fixtures.js';
import { levelPulses, spec, train } from './util.js';

const RES = 1e-12, us = 1e-6, uS = 1e-6;

function recorder(width: number): Model & { got: Array<[number, number, number]> } {
  const got: Array<[number, number, number]> = [];
  return {
    got, spec: spec('rec', [width], {}, 'rec'), ports: [{ name: 'in', dir: 'in', width, signal: 'level' }], counters: new Counters(),
    init() {}, input(_p: number, c: number, v: number, t: number) { got.push([t, c, v]); }, timer() {}, advance() {}, read() { return NaN; }, finish() {},
  };
}

describe('hebbian: S2 two-synapse learning (400 uS -> 980 / 42 uS)', () => {
  it('follows g_k = target - (target - g0)(1 - r)^k, monotonically, for the active and the inactive input', () => {
    const e = new Engine({ resolution: RES });
    const h = e.add(new Hebbian(spec('hebbian', [2, 1], { g_init: 400 * uS }, 'h')));
    const rec = e.add(recorder(2));
    e.connect(h, 'update', rec, 'in');
    // row 0: 1.6 V pulses at 2 kHz; row 1 grounded; a post event every third period
    const K = 20;
    const pre = levelPulses(train(3 * K, 500 * us), 250 * us, 1.6, RES);
    e.stimulus(h, 'pre', pre.t, pre.ch, pre.v);
    const post = Float64Array.from({ length: K }, (_, k) => Math.round(((3 * k + 2) * 500 + 100) * us / RES));
    e.stimulus(h, 'post', post, new Int32Array(K), null, 'post');
    let prevA = 400 * uS, prevI = 400 * uS;
    for (let k = 1; k <= K; k++) {
      e.run(post[k - 1]!);
      const ga = h.read('g', 0), gi = h.read('g', 1);
      const ea = 980 * uS - 580 * uS * 0.7 ** k, ei = 42 * uS + 358 * uS * 0.7 ** k;
      expect(Math.abs(ga - ea)).toBeLessThan(1e-12 * ea);
      expect(Math.abs(gi - ei)).toBeLessThan(1e-12 * 400 * uS);
      expect(ga).toBeGreaterThan(prevA);
      expect(gi).toBeLessThan(prevI);
      prevA = ga; prevI = gi;
    }
    expect(h.read('g', 0) / uS).toBeCloseTo(980, 0);
    expect(h.read('g', 1) / uS).toBeCloseTo(42, 0);
    // protocol: channel = row * cols + col, value = the new conductance, one per programmed cell
    expect(rec.got.length).toBe(2 * K);
    const last = rec.got.slice(-2);
    expect(last.map((m) => m[1]).sort()).toEqual([0, 1]);
    for (const [t, c, v] of last) { expect(t).toBe(post[K - 1]); expect(v).toBe(h.read('g', c)); }
    e.finish();
    expect(h.counters.programming_pulses).toBe(2 * K);
    expect(h.counters.extra['potentiations']).toBe(K);
    expect(h.counters.extra['depressions']).toBe(K);
  });

  it('an input that pulsed within the last period counts as active (the output spike follows the firing pulse)', () => {
    const e = new Engine({ resolution: RES });
    const h = e.add(new Hebbian(spec('hebbian', [2, 1], { g_init: 400 * uS }, 'h')));
    const pre = levelPulses([[0, 0]], 250 * us, 1.6, RES); // row 0 pulses once, row 1 never
    e.stimulus(h, 'pre', pre.t, pre.ch, pre.v);
    e.stimulus(h, 'post', Float64Array.of(Math.round(500 * us / RES), Math.round(1600 * us / RES)), Int32Array.of(0, 0), null, 'post');
    e.run(Math.round(600 * us / RES));
    // 250 us after its pulse ended row 0 is still active: potentiated; row 1 depressed
    expect(h.read('g', 0) / uS).toBeCloseTo(400 + 0.3 * 580, 9);
    expect(h.read('g', 1) / uS).toBeCloseTo(400 - 0.3 * 358, 9);
    e.run(Math.round(2000 * us / RES));
    // 1350 us after it: inactive, depressed like row 1
    expect(h.read('g', 0) / uS).toBeCloseTo(574 - 0.3 * (574 - 42), 9);
    expect(h.read('g', 1) / uS).toBeCloseTo(292.6 - 0.3 * (292.6 - 42), 9);
  });

  it('noise spreads each update around the noiseless step (mean and deviation)', () => {
    const N = 4000;
    const e = new Engine({ resolution: RES, seed: 11 });
    const h = e.add(new Hebbian(spec('hebbian', [N, 1], { g_init: 400 * uS, noise: 0.1 }, 'h')));
    const pre = levelPulses(Array.from({ length: N }, (_, i) => [0, i] as [number, number]), 250 * us, 1.6, RES);
    e.stimulus(h, 'pre', pre.t, pre.ch, pre.v);
    e.stimulus(h, 'post', Float64Array.of(Math.round(100 * us / RES)), Int32Array.of(0), null, 'post');
    e.run(Math.round(200 * us / RES));
    const step = 0.3 * 580 * uS;
    let s = 0, s2 = 0;
    for (let i = 0; i < N; i++) { const d = (h.read('g', i) - 400 * uS) / step; s += d; s2 += d * d; }
    const mean = s / N, sd = Math.sqrt(s2 / N - mean * mean);
    expect(Math.abs(mean - 1)).toBeLessThan(0.01);
    expect(Math.abs(sd - 0.1)).toBeLessThan(0.01);
  });
});

describe('hebbian + ts_hybrid: in-situ learning through the neuron (S2 Supp. Fig. 3)', () => {
  it('fire events of the neuron potentiate the pulsed synapse and depress the grounded one', () => {
    const e = new Engine({ resolution: RES });
    const n = e.add(new TsHybrid(spec('ts_hybrid', [1], { ...S2_NEURON, stochastic: false, depression: true }, 'n')));
    const h = e.add(new Hebbian(spec('hebbian', [2, 1], { g_init: 400 * uS }, 'h')));
    e.connect(n, 'out', h, 'post');
    const st = levelPulses(train(200, 500 * us), 250 * us, 1.8, RES);
    e.stimulus(n, 'in', st.t, st.ch, st.v, 'vin');
    e.stimulus(h, 'pre', st.t, st.ch, st.v, 'pre'); // row 0 carries the same pulses, row 1 grounded
    e.run(Math.round(100e-3 / RES));
    const fires = e.spikes[e.models.indexOf(n)]!.n;
    expect(fires).toBe(33); // one per 3 ms at 1.8 V
    expect(h.read('g', 0)).toBeCloseTo(980 * uS - 580 * uS * 0.7 ** fires, 12);
    expect(h.read('g', 1)).toBeCloseTo(42 * uS + 358 * uS * 0.7 ** fires, 12);
    expect(h.read('g', 0) / uS).toBeCloseTo(980, 0);
    expect(h.read('g', 1) / uS).toBeCloseTo(42, 0);
  });
});
