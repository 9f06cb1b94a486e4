// The fused S1 macro (src/twin/macro-s1.ts) against the chain of generic models
// (io -> crossbar -> TIA -> SRM), which is the reference: same spikes (to a tick or two of
// rounding) on random workloads that exercise clipping at the rails, pulse extension,
// simultaneous spikes, read noise, programming error, quantisation and stuck cells.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/twin/engine/engine.js';
import { buildS1, type S1Def } from '../../src/twin/macro-s1-build.js';
import { mulberry32, randomSpikes } from './helpers.js';

const RES = 1e-15;

function run(d: S1Def, st: { t: Float64Array; ch: Int32Array }, tEnd: number, fused: boolean, seed = 3) {
  const e = new Engine({ resolution: RES, seed });
  const b = buildS1(e, d, fused);
  e.stimulus(b.input, 'in', st.t, st.ch);
  e.run(e.ticks(tEnd));
  e.finish();
  const rec = e.spikes[e.models.indexOf(b.output)]!;
  const spikes: number[][] = Array.from({ length: d.cols }, () => []);
  for (let k = 0; k < rec.n; k++) spikes[rec.ch[k]!]!.push(rec.t[k]!);
  return { spikes, engine: e, built: b };
}

function design(rows: number, cols: number, rand: () => number, o: { rails?: number; noise?: boolean; width?: number }): S1Def {
  const weights = Float64Array.from({ length: rows * cols }, () => rand() * 1.6 - 0.6);
  return {
    rows, cols, weights,
    io: { width: o.width ?? 50e-9, amplitude: 0.2 },
    crossbar: o.noise
      ? { g_min: 1e-6, g_max: 1e-4, w_max: 1, levels: 16, program_sigma: 0.05, read_sigma: 0.03, stuck_on: 0.02, stuck_off: 0.02 }
      : { g_min: 1e-6, g_max: 1e-4, w_max: 1 },
    tia: { gain: 3e5, rails: [-(o.rails ?? 10), o.rails ?? 10] },
    srm: { tau_s: 1e-6, tau_r: 0.1e-6, theta: 2, v_th: 1 },
  };
}

function expectSame(a: number[][], b: number[][], tol: number): number {
  let n = 0;
  for (let j = 0; j < a.length; j++) {
    expect(b[j]!.length).toBe(a[j]!.length);
    for (let k = 0; k < a[j]!.length; k++) expect(Math.abs(a[j]![k]! - b[j]![k]!)).toBeLessThanOrEqual(tol);
    n += a[j]!.length;
  }
  return n;
}

describe('fused S1 macro equals the chain of models', () => {
  const cases: Array<[string, { rails?: number; noise?: boolean; width?: number }]> = [
    ['linear', {}],
    ['clipping at tight rails', { rails: 3, width: 200e-9 }],
    ['read noise, programming error, levels, stuck cells', { noise: true }],
    ['noise and clipping', { noise: true, rails: 2.5, width: 150e-9 }],
  ];
  for (const [name, o] of cases) {
    for (const seed of [11, 12, 13]) {
      it(`${name} (workload ${seed})`, () => {
        const rand = mulberry32(seed);
        const d = design(8, 5, rand, o);
        const st = randomSpikes(rand, 400, 8, Math.round(20e-6 / RES));
        // simultaneous spikes on one row and on several rows
        const t = Array.from(st.t), ch = Array.from(st.ch);
        t.splice(10, 0, t[10]!, t[10]!); ch.splice(10, 0, ch[10]!, (ch[10]! + 1) % 8);
        const s2 = { t: Float64Array.from(t), ch: Int32Array.from(ch) };
        const chain = run(d, s2, 25e-6, false), fused = run(d, s2, 25e-6, true);
        const n = expectSame(chain.spikes, fused.spikes, 2);
        expect(n).toBeGreaterThan(0);
        // counters of the parts agree
        const fm = fused.built.output as unknown as { instances(): Array<{ kind: string; counters: { synaptic_ops: number; input_pulses: number; active_ticks: number; output_spikes: number } }> };
        const xb = fm.instances().find((x) => x.kind === 'crossbar')!.counters;
        const cxb = chain.built.models[1]!.counters;
        expect(xb.synaptic_ops).toBe(cxb.synaptic_ops);
        expect(xb.input_pulses).toBe(cxb.input_pulses);
        expect(xb.active_ticks).toBe(cxb.active_ticks);
        expect(fm.instances().find((x) => x.kind === 'srm')!.counters.output_spikes).toBe(n);
      });
    }
  }
});

describe('fused S1 macro: message input (no stream) equals stream input', () => {
  it('gives the same spikes through a SpikeSource', () => {
    const rand = mulberry32(5);
    const d = design(6, 4, rand, { rails: 4 });
    const st = randomSpikes(rand, 300, 6, Math.round(15e-6 / RES));
    const a = run(d, st, 20e-6, true);
    const e = new Engine({ resolution: RES, seed: 3 });
    const b = buildS1(e, d, true);
    // decline the stream so that a SpikeSource sends messages
    (b.input as unknown as { attachStream?: unknown }).attachStream = undefined;
    e.stimulus(b.input, 'in', st.t, st.ch);
    e.run(e.ticks(20e-6));
    const rec = e.spikes[e.models.indexOf(b.output)]!;
    const spikes: number[][] = Array.from({ length: d.cols }, () => []);
    for (let k = 0; k < rec.n; k++) spikes[rec.ch[k]!]!.push(rec.t[k]!);
    expectSame(a.spikes, spikes, 0);
  });
});

describe('fused S1 macro inside a larger engine', () => {
  it('drives a downstream LIF layer exactly like the chain (lookahead stops at its own emits)', async () => {
    const { Lif } = await import('../../src/twin/models/lif.js');
    const { params } = await import('../../src/twin/engine/params.js');
    const rand = mulberry32(21);
    const d = design(8, 5, rand, {});
    const st = randomSpikes(rand, 500, 8, Math.round(20e-6 / RES));
    const out: number[][][] = [];
    for (const fused of [false, true]) {
      const e = new Engine({ resolution: RES, seed: 3 });
      const b = buildS1(e, d, fused);
      const l2 = e.add(new Lif({ path: 'l2', kind: 'lif', shape: [5], params: params({ tau_m: 0.5e-6, v_th: 1, t_ref: 50e-9 }), timescale: 1 }));
      e.connect(b.output, 'out', l2, 'spike');
      e.stimulus(b.input, 'in', st.t, st.ch);
      e.run(e.ticks(25e-6));
      const rec = e.spikes[e.models.indexOf(l2)]!;
      const per: number[][] = Array.from({ length: 5 }, () => []);
      for (let k = 0; k < rec.n; k++) per[rec.ch[k]!]!.push(rec.t[k]!);
      out.push(per);
    }
    expect(expectSame(out[0]!, out[1]!, 2)).toBeGreaterThan(0);
  });
});
