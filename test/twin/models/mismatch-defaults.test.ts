// The four mismatch/bandwidth properties at their defaults (read_noise_exp = 0, gain_sigma = 0,
// tau_sigma = 0, bandwidth = null) leave the twin byte-identical to what it was before they
// were modelled: chains of crossbar -> tia -> srm / lif with every other non-ideality on
// (programming error, read noise, levels, series resistance, offsets, clipping, refractory)
// give the same spike times and final states, pinned as SHA-256 digests of their JSON
// (shortest round-trip numbers, so equal digests mean equal doubles). The digests were taken
// from the twin before the change (git b5e057b); the same runs with the properties written
// out at their default values must match them too.
// What is independent: the digests are fixed strings; the workloads are built here from a
// test PRNG (mulberry32), not from the twin's streams.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/twin/engine/engine.js';
import type { RawValue } from '../../../src/twin/engine/params.js';
import type { Model } from '../../../src/twin/model.js';
import { Crossbar } from '../../../src/twin/models/crossbar.js';
import { Tia } from '../../../src/twin/models/tia.js';
import { Srm } from '../../../src/twin/models/srm.js';
import { Lif } from '../../../src/twin/models/lif.js';
import { mulberry32 } from '../helpers.js';
import { levelPulses, spec, type Stim } from './util.js';

const RES = 1e-15;
/** Digests of chains() taken before the properties were modelled. */
const SPIKES = '29d2eedb44868581e9447c3f8f5df200ac0abbc72fe7c943517768500ffb8c5b';
const STATE = '1b3bb3e1e1275278a99d3438128bdf3c25a6bb233a2ad145c8942d7175a32134';

/** Random row pulses: `n` pulses of width w on `rows` rows over [0, span) s, amplitude amp. */
function rowPulses(seed: number, n: number, rows: number, span: number, w: number, amp: number): Stim {
  const rand = mulberry32(seed);
  const starts: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) starts.push([Math.floor(rand() * span / w) * w * 1.5, Math.floor(rand() * rows)]);
  // one pulse per row at a time: drop pulses overlapping an earlier one on the same row
  starts.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const busy = new Map<number, number>();
  const kept = starts.filter(([s, r]) => { const ok = (busy.get(r) ?? -1) < s; if (ok) busy.set(r, s + w); return ok; });
  return levelPulses(kept, w, amp, RES);
}

function weights(seed: number, n: number, lo: number): Float64Array {
  const rand = mulberry32(seed);
  return Float64Array.from({ length: n }, () => lo + (1 - lo) * rand());
}

function spikesOf(e: Engine, m: Model): number[] {
  const r = e.spikes[e.models.indexOf(m)]!;
  const out: number[] = [];
  for (let i = 0; i < r.n; i++) out.push(r.t[i]!, r.ch[i]!);
  return out;
}

const digest = (x: unknown): string => createHash('sha256').update(JSON.stringify(x)).digest('hex');

/** With `extra` the new properties are written out (at their defaults). */
function chains(extra: { xb?: Record<string, RawValue>; tia?: Record<string, RawValue>; srm?: Record<string, RawValue>; lif?: Record<string, RawValue> } = {}) {
  const e = new Engine({ resolution: RES, seed: 7 });
  // 1) differential 16 x 4 array -> tia (offset, clip) -> srm
  const R = 16, C = 4;
  const xb1 = new Crossbar(spec('crossbar', [R, C], {
    g_min: 2e-6, g_max: 150e-6, levels: 32, w_max: 1, differential: true, reference: false,
    program_sigma: 0.03, program_dist: 'normal', read_sigma: 0.02, r_on: 100, r_wire: 1, spike_width: 1e-9, tau_line: 2e-11,
    ...extra.xb,
  }, 'pe.xb'));
  xb1.setWeights(weights(1, R * C, -0.3));
  const t1 = new Tia(spec('tia', [C], { gain: 1e4, clip: [0, 1.8], offset: 0.01, ...extra.tia }, 'pe.t'));
  const n1 = new Srm(spec('srm', [C], { tau_s: 1e-6, tau_r: 1e-7, theta: 1, v_th: 0.5, ...extra.srm }, 'pe.n'));
  // 2) single-ended 8 x 3 array (no reference) -> tia -> lif (refractory, subtract reset)
  const xb2 = new Crossbar(spec('crossbar', [8, 3], {
    g_min: 5.7e-6, g_max: 200e-6, levels: 23, w_max: 1, differential: false, reference: false,
    program_sigma: 0.03, program_dist: 'lognormal', read_sigma: 0.05, ...extra.xb,
  }, 'q.xb'));
  xb2.setWeights(weights(2, 24, 0));
  const t2 = new Tia(spec('tia', [3], { gain: 2e4, ...extra.tia }, 'q.t'));
  const n2 = new Lif(spec('lif', [3], { tau_m: 2e-6, v_th: 0.12, reset: 'subtract', t_ref: 5e-8, ...extra.lif }, 'q.n'));
  // 3) voltage-mode 6 x 2 array (open-circuit voltage, read noise on G) -> lif (gain 1)
  const xb3 = new Crossbar(spec('crossbar', [6, 2], {
    g_min: 42e-6, g_max: 980e-6, levels: 64, w_max: 1, differential: false, reference: false,
    program_sigma: 0.05, read_sigma: 0.01, output: 'voltage', ...extra.xb,
  }, 'r.xb'));
  xb3.setWeights(weights(3, 12, 0));
  const n3 = new Lif(spec('lif', [2], { tau_m: 1e-6, v_th: 0.03, ...extra.lif }, 'r.n'));
  for (const m of [xb1, t1, n1, xb2, t2, n2, xb3, n3]) e.add(m);
  e.connect(xb1, 'out', t1, 'in'); e.connect(t1, 'out', n1, 'in');
  e.connect(xb2, 'out', t2, 'in'); e.connect(t2, 'out', n2, 'in');
  e.connect(xb3, 'out', n3, 'in');
  const s1 = rowPulses(11, 3000, R, 20e-6, 50e-9, 0.2), s2 = rowPulses(12, 1500, 8, 20e-6, 40e-9, 0.05), s3 = rowPulses(13, 800, 6, 20e-6, 40e-9, 0.2);
  e.stimulus(xb1, 'in', s1.t, s1.ch, s1.v, 's1'); e.stimulus(xb2, 'in', s2.t, s2.ch, s2.v, 's2'); e.stimulus(xb3, 'in', s3.t, s3.ch, s3.v, 's3');
  const end = e.ticks(25e-6);
  e.run(end);
  const state: number[] = [];
  for (const m of [n1, n2, n3]) m.advance(end);
  for (let j = 0; j < C; j++) state.push(n1.read('x', j), n1.read('h', j), t1.read('v', j));
  for (let j = 0; j < 3; j++) state.push(n2.read('v', j), t2.read('v', j));
  for (let j = 0; j < 2; j++) state.push(n3.read('v', j), xb3.read('v', j));
  return { spikes: [spikesOf(e, n1), spikesOf(e, n2), spikesOf(e, n3)], state, counts: [n1, n2, n3].map((m) => m.counters.input_pulses) };
}

describe('defaults of read_noise_exp, gain_sigma, tau_sigma, bandwidth: byte-identical to before', () => {
  it('the workload is not trivial (every chain fires)', () => {
    const r = chains();
    for (const s of r.spikes) expect(s.length).toBeGreaterThan(20);
  });

  it('properties absent: the pinned digest', () => {
    const r = chains();
    expect(digest(r.spikes)).toBe(SPIKES);
    expect(digest(r.state)).toBe(STATE);
  });

  it('properties written out at their defaults: the same digest', () => {
    const r = chains({
      xb: { read_noise_exp: 0 }, tia: { gain_sigma: 0, bandwidth: null },
      srm: { tau_sigma: 0, tau_in: 0 }, lif: { tau_in: 0 },
    });
    expect(digest(r.spikes)).toBe(SPIKES);
    expect(digest(r.state)).toBe(STATE);
  });

  it('read_noise_exp without read noise changes nothing (the rise multiplies read_sigma = 0)', () => {
    const e = chains({ xb: { read_noise_exp: 1.5, read_sigma: 0 } });
    const f = chains({ xb: { read_sigma: 0 } });
    expect(digest(e.spikes)).toBe(digest(f.spikes));
    expect(digest(e.state)).toBe(digest(f.state));
  });
});
