// simulate() on the S1 example (examples/s1_pe_macro.snn through the real front end): the
// summary's shape, fused and unfused runs agreeing, the time-scaling property through the
// IR (timescale 50,000 vs the same design retimed to 1), and stimulus errors.
import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { frontEnd } from '../../src/driver/pipeline.js';
import { simulate } from '../../src/twin/simulate.js';
import type { SpikeList } from '../../src/data/spikes.js';
import type { DesignIR } from '../../src/elaborate/ir.js';
import { mulberry32, poissonSpikes } from './helpers.js';

const EXAMPLE = path.resolve(__dirname, '../../examples/s1_pe_macro.snn');

function loadIr(): DesignIR {
  const r = frontEnd(EXAMPLE);
  if (!r.ir) throw new Error(`front end failed: ${r.diags.items.map((d) => d.message).join('; ')}`);
  return r.ir;
}


function weights(rows: number, cols: number, seed: number): Float64Array {
  const rand = mulberry32(seed), w = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) w[i * cols + j] = Math.max(-1, Math.min(1, -0.5 + (1.5 * j) / (cols - 1) + 0.4 * (2 * rand() - 1)));
  return w;
}

describe('simulate (S1 example)', () => {
  const ir = loadIr();
  const w = { xb: weights(128, 12, 1) };
  const stim = poissonSpikes(1000, 128, 1.5, 2);

  it('runs the PE macro at timescale 50,000 in a 30 us hardware window and reports per-instance activity', () => {
    const r = simulate(ir, stim, { weights: w, duration: 1.5 });
    expect(r.errors).toEqual([]);
    expect(r.timescale).toBe(50000);
    expect(r.hardware_duration_s).toBeCloseTo(30e-6, 15);
    expect(Object.keys(r.activity).sort()).toEqual(['io', 'n', 't', 'xb']);
    expect(r.activity['xb']!.synaptic_ops).toBe(r.synaptic_ops);
    expect(r.synaptic_ops).toBe(r.activity['xb']!.input_pulses * 12);
    expect(Object.keys(r.spikes)).toHaveLength(12);
    const fired = Object.values(r.spikes).filter((s) => s.count > 0).length;
    expect(fired).toBeGreaterThan(0);
    expect(fired).toBeLessThan(12);
    for (const s of Object.values(r.spikes)) for (const t of s.times) expect(t).toBeLessThanOrEqual(30e-6);
    expect(r.activity['t']!.active_s).toBeCloseTo(12 * 30e-6, 12);
  });

  it('fused and unfused twins agree', () => {
    const a = simulate(ir, stim, { weights: w, duration: 0.3 });
    const b = simulate(ir, stim, { weights: w, duration: 0.3, fuse: false });
    for (const [k, s] of Object.entries(a.spikes)) {
      expect(b.spikes[k]!.count).toBe(s.count);
      s.times.forEach((t, i) => expect(Math.abs(t - b.spikes[k]!.times[i]!)).toBeLessThanOrEqual(2e-15));
    }
    expect(b.synaptic_ops).toBe(a.synaptic_ops);
  });

  it('time scaling through the IR: timescale 50,000 spikes = timescale 1 spikes / 50,000 (1e-9 relative)', () => {
    const hw = simulate(ir, stim, { weights: w, duration: 1.5, resolution: 1e-17 });
    const data = simulate(ir, stim, { weights: w, duration: 1.5, timescale: 1, resolution: 1e-15 });
    expect(data.hardware_duration_s).toBeCloseTo(1.5, 12);
    let n = 0;
    for (const [k, s] of Object.entries(hw.spikes)) {
      const d = data.spikes[k]!;
      expect(s.count).toBe(d.count);
      s.times.forEach((t, i) => { const want = d.times[i]! / 50000; expect(Math.abs(t - want)).toBeLessThanOrEqual(1e-9 * want); n++; });
    }
    expect(n).toBeGreaterThan(10);
  });

  it('rejects a stimulus channel the design does not have', () => {
    const bad = poissonSpikes(10, 130, 0.1, 3);
    const r = simulate(ir, bad, { weights: w });
    expect(r.errors.join()).toMatch(/channel 12[89] does not exist/);
    expect(r.events).toBe(0);
  });
});
