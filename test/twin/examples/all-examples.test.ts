// Every example's IR (examples/*.snn through the real front end, each simulate run) builds
// into the twin and runs its own stimulus (stimulusFromIR) for its own duration without
// errors, with every instance modelled (no fused or missing kinds hidden) and the ports the
// IR connects wired: S2's ts_hybrid.inhibit -> lia -> crossbar.gates and
// hebbian.update -> crossbar.learn included.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/twin/simulate.js';
import { EXAMPLES, exampleIr, stimulusOf } from './helpers.js';

const RUNS: Array<[string, string | undefined]> = [
  ['s1_pe_macro.snn', undefined],
  ['s2_ts_network.snn', 'neuron_test'],
  ['s2_ts_network.snn', 'learn'],
  ['s3_adaptive_threshold.snn', undefined],
  ['s4_nsn_unit.snn', undefined],
  ['s4_digits.snn', undefined],
];

describe('every example runs in the twin', () => {
  for (const [file, top] of RUNS) {
    it(`${file}${top ? ` (${top})` : ''}`, () => {
      const ir = exampleIr(file, top);
      const st = stimulusOf(ir);
      expect(st.count).toBeGreaterThan(0);
      const r = simulate(ir, st, { baseDir: EXAMPLES });
      expect(r.errors).toEqual([]);
      expect(r.events).toBeGreaterThan(0);
      expect(Object.keys(r.activity).sort()).toEqual(ir.instances.map((i) => i.path).sort());
      expect(r.duration_s).toBe(ir.simulation!.duration);
    });
  }

  it('S2 network: gates and learning are wired (the LIA closes columns, the rule programs cells)', () => {
    const ir = exampleIr('s2_ts_network.snn', 'learn');
    const r = simulate(ir, stimulusOf(ir), { baseDir: EXAMPLES, duration: 0.2 });
    expect(r.errors).toEqual([]);
    const xb = r.activity['hidden.xb']!;
    expect(xb.extra['gate_changes']).toBeGreaterThan(0);
    expect(xb.extra['cell_updates']).toBeGreaterThan(0);
    expect(xb.extra['cell_updates']).toBeLessThanOrEqual(r.activity['hidden.learn']!.programming_pulses);
    // the second layer is driven by the first layer's spikes (network connection hidden -> out)
    expect(r.activity['out.io']!.input_pulses).toBe(Object.entries(r.spikes).filter(([k]) => k.startsWith('hidden.n')).reduce((a, [, s]) => a + s.count, 0));
  });
});
