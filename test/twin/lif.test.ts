// LIF neurons (src/twin/models/lif.ts) against their closed forms.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/twin/engine/engine.js';
import { params, type RawValue } from '../../src/twin/engine/params.js';
import { Lif } from '../../src/twin/models/lif.js';

const RES = 1e-15;
function lif(values: Record<string, RawValue>, n = 1): Lif {
  return new Lif({ path: 'n', kind: 'lif', shape: [n], params: params(values), timescale: 1 });
}
function spikesOf(e: Engine, m: Lif): number[] {
  const r = e.spikes[e.models.indexOf(m)]!;
  return Array.from(r.t.subarray(0, r.n), (t) => t * RES);
}

describe('lif', () => {
  it('constant drive: first spike and inter-spike interval in closed form (hard reset, refractory)', () => {
    const tau = 2e-6, vth = 1, d = 1.5, vReset = 0.1, tRef = 0.3e-6;
    const e = new Engine({ resolution: RES });
    const n = e.add(lif({ tau_m: tau, v_th: vth, v_reset: vReset, t_ref: tRef }));
    e.stimulus(n, 'in', Float64Array.of(0), Int32Array.of(0), Float64Array.of(d));
    e.run(e.ticks(20e-6));
    const s = spikesOf(e, n);
    const first = tau * Math.log(d / (d - vth));
    const isi = tRef + tau * Math.log((d - vReset) / (d - vth));
    expect(s.length).toBeGreaterThan(5);
    expect(Math.abs(s[0]! - first)).toBeLessThan(2 * RES);
    for (let k = 1; k < s.length; k++) expect(Math.abs(s[k]! - s[k - 1]! - isi)).toBeLessThan(3 * RES);
  });

  it('subtract reset keeps the overshoot of a spike input; hard reset does not', () => {
    for (const reset of ['subtract', 'hard'] as const) {
      const e = new Engine({ resolution: RES });
      const n = e.add(lif({ tau_m: 1e-6, v_th: 1, reset }));
      e.stimulus(n, 'spike', Float64Array.of(1000), Int32Array.of(0), Float64Array.of(1.6));
      e.run(1000);
      expect(spikesOf(e, n)).toHaveLength(1);
      n.advance(1000);
      expect(n.read('v', 0)).toBeCloseTo(reset === 'subtract' ? 0.6 : 0, 12);
    }
  });

  it('decays as e^{-t/tau} without input and drops spikes in the refractory period', () => {
    const e = new Engine({ resolution: RES });
    const n = e.add(lif({ tau_m: 1e-6, v_th: 1, t_ref: 1e-6 }));
    const t = Float64Array.of(0, e.ticks(0.5e-6), e.ticks(2e-6));
    e.stimulus(n, 'spike', t, Int32Array.of(0, 0, 0), Float64Array.of(1.2, 0.5, 0.4));
    e.run(e.ticks(3e-6));
    n.advance(e.ticks(3e-6));
    expect(spikesOf(e, n)).toEqual([0]);
    expect(n.counters.extra['dropped']).toBe(1);
    // reset to 0 at t=0, held until 1 us, 0.4 at 2 us, decayed 1 us
    expect(n.read('v', 0)).toBeCloseTo(0.4 * Math.exp(-1), 12);
  });
});
