// S1's proportional time scaling from the example's own IR and stimulus
// (examples/s1_pe_macro.snn, run `run1`: the PE macro at timescale = 50,000, the `gesture`
// stimulus = Poisson 1 kHz on 128 inputs, duration 1.5 s, seed 1, through stimulusFromIR):
// the 1.5 s data-time sample runs in a 30 us hardware window, every input spike lands in it
// and is driven as a 1 ns pulse (the last one, 0.66 ns before the end, is cut at 30 us),
// fused (PeMacroS1) and unfused alike.
// The spike-time property (timescale 50,000 spikes = timescale 1 spikes / 50,000 to 1e-9) on
// this example's IR is in test/twin/simulate.test.ts, with a 1 kHz Poisson stimulus and
// test weights.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/twin/simulate.js';
import { exampleIr, stimulusOf } from './helpers.js';
import { EXAMPLES } from '../codegen/util.js';

describe('S1: the example runs its 1.5 s sample in a 30 us hardware window', () => {
  const ir = exampleIr('s1_pe_macro.snn');
  const st = stimulusOf(ir);

  it('the example: timescale 50,000, 1.5 s, Poisson 1 kHz on 128 inputs', () => {
    expect(ir.macros[0]!.timescale).toBe(50000);
    expect(ir.simulation!.duration).toBe(1.5);
    expect(st.count).toBeGreaterThan(0.95 * 1000 * 128 * 1.5);
    expect(st.count).toBeLessThan(1.05 * 1000 * 128 * 1.5);
    expect(st.times[st.count - 1]).toBeLessThan(1.5);
  });

  for (const fuse of [true, false]) {
    it(`${fuse ? 'fused' : 'unfused'}: hardware duration 30 us, every pulse delivered inside it`, () => {
      const r = simulate(ir, st, { fuse, baseDir: EXAMPLES });
      expect(r.errors).toEqual([]);
      expect(r.timescale).toBe(50000);
      expect(r.duration_s).toBe(1.5);
      expect(r.hardware_duration_s).toBeCloseTo(30e-6, 18);
      // every input spike lands inside the window and is driven (1 ns pulses; one that starts
      // in the last nanosecond is cut at 30 us)
      expect(st.times[st.count - 1]! / 50000).toBeLessThan(30e-6);
      expect(r.activity['io']!.input_pulses).toBe(st.count);
      // the driver extends a pulse hit again while high: the rows see the union of the pulses
      const end = new Float64Array(128).fill(-1);
      let pulsesOut = 0, on = 0;
      for (let i = 0; i < st.count; i++) {
        const t = st.times[i]! / 50000, ch = st.channels[i]!;
        if (t >= end[ch]!) { pulsesOut++; on += Math.min(1e-9, 30e-6 - t); } else on += Math.min(t + 1e-9, 30e-6) - Math.min(end[ch]!, 30e-6);
        end[ch] = t + 1e-9;
      }
      expect(r.activity['xb']!.input_pulses).toBe(pulsesOut);
      // at 1 kHz a 50 us (data-time) pulse is hit again about 5 % of the time
      expect(pulsesOut).toBeGreaterThan(0.9 * st.count);
      expect(Math.abs(r.activity['io']!.active_s - on)).toBeLessThan(1e-12);
      expect(r.synaptic_ops).toBe(pulsesOut * 12);
    });
  }
});
