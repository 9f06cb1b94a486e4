// Crossbar device model (src/twin/models/crossbar.ts): the spike-width attenuation against
// a numerical integration of the gated row-line RC written here, quantisation, stuck cells,
// programming error, series resistance, MOS clamp, read noise, and the column currents of
// the model in the engine.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/twin/engine/engine.js';
import { params } from '../../src/twin/engine/params.js';
import { Crossbar, cellVoltage, chargeFactor, deviceParams, peakFactor, programDevices } from '../../src/twin/models/crossbar.js';
import { createRng } from '../../src/twin/rng.js';

describe('spike-width attenuation', () => {
  it('chargeFactor equals the charge through a gated first-order row line', () => {
    const tau = 100e-12;
    for (const tw of [10e-12, 267e-12, 1e-9, 10e-9]) {
      // midpoint integration of (1 - e^{-t/tau}) over the pulse window
      const N = 200000;
      let q = 0;
      for (let i = 0; i < N; i++) q += 1 - Math.exp(-((i + 0.5) * tw) / N / tau);
      q *= tw / N;
      expect(chargeFactor(tw, tau)).toBeCloseTo(q / tw, 8);
    }
    expect(chargeFactor(1e-9, 0)).toBe(1);
    expect(chargeFactor(1e-15, 1e-9)).toBeCloseTo(0.5e-6, 12); // Tw << tau: Tw / 2 tau
    expect(peakFactor(267e-12, 100e-12)).toBeCloseTo(1 - Math.exp(-2.67), 12);
    // attenuation grows as the spike narrows toward 267 ps
    expect(chargeFactor(267e-12, 50e-12)).toBeLessThan(chargeFactor(1e-9, 50e-12));
  });
});

describe('device programming', () => {
  const base = { g_min: 5.7e-6, g_max: 200e-6, w_max: 1 };
  it('maps signed weights to differential pairs and quantises to levels', () => {
    const d = deviceParams(params({ ...base, levels: 23 }), [2, 2]);
    const dv = programDevices(d, [1, -0.5, 0, 0.31], createRng(1).stream('a'), createRng(1).stream('b'));
    const step = (200e-6 - 5.7e-6) / 22;
    for (const g of [...dv.gp, ...dv.gn]) {
      const k = (g - 5.7e-6) / step;
      expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
    }
    expect(dv.gp[0]).toBeCloseTo(200e-6, 15);
    expect(dv.gn[0]).toBeCloseTo(5.7e-6, 15);
    expect(dv.gp[1]).toBeCloseTo(5.7e-6, 15);
    expect(dv.gn[1]! - dv.gp[1]!).toBeCloseTo(Math.round(0.5 * 22) * step, 12);
    expect(dv.gp[2]).toBe(dv.gn[2]);
  });

  it('stuck fractions, bounded lognormal programming error', () => {
    const d = deviceParams(params({ ...base, stuck_on: 0.1, stuck_off: 0.05, program_sigma: 0.2 }), [100, 100]);
    const w = new Float64Array(10000).fill(0.5);
    const dv = programDevices(d, w, createRng(3).stream('s'), createRng(3).stream('p'));
    let on = 0, off = 0;
    for (const g of dv.gp) { if (g === 200e-6) on++; else if (g === 5.7e-6) off++; }
    expect(on / 1e4).toBeGreaterThan(0.08); expect(on / 1e4).toBeLessThan(0.13);
    expect(off / 1e4).toBeGreaterThan(0.03); expect(off / 1e4).toBeLessThan(0.07);
    for (const g of dv.gp) { expect(g).toBeGreaterThanOrEqual(5.7e-6); expect(g).toBeLessThanOrEqual(200e-6); }
  });

  it('series resistance (selector and wires) and the MOS voltage clamp', () => {
    const d = deviceParams(params({ ...base, r_on: 120, r_wire: 1 }), [4, 1]);
    const dv = programDevices(d, [1, 1, 1, 1], createRng(1).stream('a'), createRng(1).stream('b'));
    // cell (row i, column 0, plus device = physical column 0): R = 120 + 1 * (1 + 4 - i)
    for (let i = 0; i < 4; i++) expect(dv.gp[i]).toBeCloseTo(200e-6 / (1 + 200e-6 * (120 + (5 - i))), 15);
    // S4: W/L = 65 gives R_on = 120 Ohm: a 12 % drop against a 1 kOhm LRS
    expect(1e-3 / (1 + 1e-3 * 120) / 1e-3).toBeCloseTo(1 / 1.12, 12);
    const mos = deviceParams(params({ ...base, config: 'MOS', v_gate: 3, v_th_sel: 0.7 }), [1, 1]);
    expect(cellVoltage(mos, 2.5)).toBeCloseTo(2.3, 12);
    expect(cellVoltage(mos, 0.05)).toBe(0.05);
  });
});

describe('Crossbar model', () => {
  it('column currents follow the row levels; read noise is drawn once per pulse and removed at its end', () => {
    for (const sigma of [0, 0.05]) {
      const e = new Engine({ resolution: 1e-12, seed: 2 });
      const xb = e.add(new Crossbar({ path: 'xb', kind: 'crossbar', shape: [3, 2], params: params({ g_min: 1e-6, g_max: 1e-4, w_max: 1, read_sigma: sigma, weights: [1, -1, 0.5, 0, -0.25, 1] }), timescale: 1 }));
      e.stimulus(xb, 'in', Float64Array.of(0, 0, 10, 20, 30), Int32Array.of(0, 1, 2, 0, 1), Float64Array.of(0.2, 0.2, 0.1, 0, 0));
      e.run(15);
      const span = 1e-4 - 1e-6;
      if (sigma === 0) {
        expect(xb.read('i', 0)).toBeCloseTo(0.2 * span * 1.5 + 0.1 * span * -0.25, 18);
        expect(xb.read('i', 1)).toBeCloseTo(0.2 * span * -1 + 0.1 * span * 1, 18);
      }
      e.run(40);
      // only row 2 is still on
      expect(Math.abs(xb.read('i', 0) - 0.1 * span * -0.25)).toBeLessThan(sigma === 0 ? 1e-18 : 0.1 * 0.1 * span);
      expect(xb.counters.synaptic_ops).toBe(6);
    }
  });
});
