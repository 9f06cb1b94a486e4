// Determinism: the same seed and stimulus give identical spike times and counters; another
// seed changes the device draws; tracing (a sink and probes) never changes the results.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/twin/engine/engine.js';
import { NullSink } from '../../src/trace/sink.js';
import { buildS1, type S1Def } from '../../src/twin/macro-s1-build.js';
import { mulberry32, randomSpikes } from './helpers.js';

const RES = 1e-15;
const rand = mulberry32(4);
const weights = Float64Array.from({ length: 16 * 6 }, () => rand() * 1.6 - 0.6);
const def: S1Def = {
  rows: 16, cols: 6, weights,
  io: { width: 20e-9, amplitude: 0.2 },
  crossbar: { g_min: 1e-6, g_max: 1e-4, w_max: 1, levels: 8, program_sigma: 0.1, read_sigma: 0.05, stuck_on: 0.03, stuck_off: 0.03, r_wire: 2, r_on: 500 },
  tia: { gain: 6e5, rails: [-8, 8] },
  srm: { tau_s: 1e-6, tau_r: 0.1e-6, theta: 1.5, v_th: 1 },
};
const st = randomSpikes(rand, 2000, 16, Math.round(30e-6 / RES));

function run(seed: number, fused: boolean, trace: boolean) {
  const e = new Engine({ resolution: RES, seed, ...(trace ? { sink: new NullSink(), probes: ['pe*'] } : {}) });
  const b = buildS1(e, def, fused);
  e.stimulus(b.input, 'in', st.t, st.ch);
  e.run(e.ticks(35e-6));
  e.finish();
  const rec = e.spikes[e.models.indexOf(b.output)]!;
  const counters = b.models.map((m) => {
    const inst = (m as unknown as { instances?: () => Array<{ path: string; counters: unknown }> }).instances;
    return inst ? inst.call(m).map((x) => [x.path, x.counters]) : [[m.spec.path, m.counters]];
  });
  return { t: Array.from(rec.t.subarray(0, rec.n)), ch: Array.from(rec.ch.subarray(0, rec.n)), counters: JSON.stringify(counters) };
}

describe('determinism', () => {
  for (const fused of [true, false]) {
    it(`same seed, same spikes and counters (${fused ? 'fused' : 'chain'})`, () => {
      const a = run(7, fused, false), b = run(7, fused, false);
      expect(a.t.length).toBeGreaterThan(10);
      expect(b).toEqual(a);
    });
    it(`tracing does not change the results (${fused ? 'fused' : 'chain'})`, () => {
      expect(run(7, fused, true).t).toEqual(run(7, fused, false).t);
    });
    it(`another seed draws other devices (${fused ? 'fused' : 'chain'})`, () => {
      expect(run(8, fused, false).t).not.toEqual(run(7, fused, false).t);
    });
  }
});
