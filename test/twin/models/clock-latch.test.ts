// The standalone clock and latch parts (src/twin/models/clock.ts, latch.ts): edge times
// without drift, duty and phase, the clock-to-q delay, sampling what was settled before the
// edge, and an explicit L1/L2 pair built from them.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/twin/engine/engine.js';
import { Counters, type Model } from '../../../src/twin/model.js';
import { Clock } from '../../../src/twin/models/clock.js';
import { Latch } from '../../../src/twin/models/latch.js';
import { spec } from './util.js';

const RES = 1e-12;

function recorder(width: number, signal: 'level' | 'clock' = 'level'): Model & { got: Array<[number, number, number]> } {
  const got: Array<[number, number, number]> = [];
  return {
    got, spec: spec('rec', [width], {}, 'rec'), ports: [{ name: 'in', dir: 'in', width, signal }], counters: new Counters(),
    init() {}, input(_p: number, c: number, v: number, t: number) { got.push([t, c, v]); }, timer() {}, advance() {}, read() { return NaN; }, finish() {},
  };
}

describe('clock', () => {
  it('2 kHz, 50 %: edges every 250 us from the phase, no drift after 10^4 periods', () => {
    const e = new Engine({ resolution: RES });
    const clk = e.add(new Clock(spec('clock', [], { frequency: 2e3, duty: 0.5, phase: 10e-6 }, 'clk')));
    const rec = e.add(recorder(1, 'clock'));
    e.connect(clk, 'out', rec, 'in');
    e.run(Math.round(5.0 / RES));
    expect(rec.got.length).toBe(20000);
    let bad = 0;
    for (let k = 0; k < rec.got.length; k++) {
      const [t, , v] = rec.got[k]!;
      if (v !== (k % 2 === 0 ? 1 : 0) || t !== Math.round(10e-6 / RES) + Math.round(k * 250e-6 / RES)) bad++;
    }
    expect(bad).toBe(0);
    expect(clk.counters.clock_edges).toBe(20000);
  });

  it('a duty of 20 % and an amplitude', () => {
    const e = new Engine({ resolution: RES });
    const clk = e.add(new Clock(spec('clock', [], { frequency: 1e6, duty: 0.2, amplitude: 3.3 }, 'clk')));
    const rec = e.add(recorder(1, 'clock'));
    e.connect(clk, 'out', rec, 'in');
    e.run(Math.round(1.5e-6 / RES));
    expect(rec.got.map((m) => m[0] * RES * 1e9).map((x) => Math.round(x))).toEqual([0, 200, 1000, 1200]);
    e.run(Math.round(1.1e-6 / RES));
    expect(clk.read('v')).toBe(0);
    const e2 = new Engine({ resolution: RES });
    const clk2 = e2.add(new Clock(spec('clock', [], { frequency: 1e6, duty: 0.2, amplitude: 3.3 }, 'clk')));
    e2.run(Math.round(0.1e-6 / RES));
    expect(clk2.read('v')).toBe(3.3);
  });
});

describe('latch', () => {
  it('samples d at the rising edge, settled before it, and shows it after the clock-to-q delay', () => {
    const e = new Engine({ resolution: RES });
    const clk = e.add(new Clock(spec('clock', [], { frequency: 1e6 }, 'clk')));
    const l = e.add(new Latch(spec('latch', [2], { delay: 20e-9, v_in_high: 0.5 }, 'l')));
    const rec = e.add(recorder(2));
    e.connect(clk, 'out', l, 'clk');
    e.connect(l, 'q', rec, 'in');
    const t = (s: number): number => Math.round(s / RES);
    // d0 rises at 0.3 us (sampled at 1 us); d1 rises exactly at the 2 us edge (seen at 3 us)
    e.stimulus(l, 'd', Float64Array.of(t(0.3e-6), t(2e-6), t(3.5e-6)), Int32Array.of(0, 1, 0), Float64Array.of(1, 1, 0));
    e.run(t(5e-6));
    expect(rec.got).toEqual([
      [t(1e-6) + t(20e-9), 0, 1],
      [t(3e-6) + t(20e-9), 1, 1],
      [t(4e-6) + t(20e-9), 0, 0],
    ]);
    expect(l.counters.clock_edges).toBe(2 * 11); // 11 edges in [0, 5 us] (6 rising, 5 falling), 2 latches
  });

  it('edge = falling samples at the falling edge', () => {
    const e = new Engine({ resolution: RES });
    const clk = e.add(new Clock(spec('clock', [], { frequency: 1e6 }, 'clk')));
    const l = e.add(new Latch(spec('latch', [1], { edge: 'falling', delay: 0 }, 'l')));
    e.connect(clk, 'out', l, 'clk');
    e.stimulus(l, 'd', Float64Array.of(Math.round(0.2e-6 / RES)), Int32Array.of(0), Float64Array.of(1));
    e.run(Math.round(0.49e-6 / RES));
    expect(l.read('q', 0)).toBe(0);
    e.run(Math.round(0.5e-6 / RES));
    expect(l.read('q', 0)).toBe(1);
  });

  it('two latches on one clock form a shift register (the L1 -> L2 chain)', () => {
    const e = new Engine({ resolution: RES });
    const clk = e.add(new Clock(spec('clock', [], { frequency: 1e6 }, 'clk')));
    const l1 = e.add(new Latch(spec('latch', [1], { delay: 0 }, 'l1')));
    const l2 = e.add(new Latch(spec('latch', [1], { delay: 0 }, 'l2')));
    e.connect(clk, 'out', l1, 'clk');
    e.connect(clk, 'out', l2, 'clk');
    e.connect(l1, 'q', l2, 'd');
    e.stimulus(l1, 'd', Float64Array.of(Math.round(0.5e-6 / RES)), Int32Array.of(0), Float64Array.of(1));
    e.run(Math.round(1.5e-6 / RES));
    expect([l1.read('q', 0), l2.read('q', 0)]).toEqual([1, 0]); // L2 sampled L1 before it changed
    e.run(Math.round(2.5e-6 / RES));
    expect([l1.read('q', 0), l2.read('q', 0)]).toEqual([1, 1]);
  });
});
