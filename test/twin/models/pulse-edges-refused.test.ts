// Pulse edges (io rise_time/fall_time) reach only models that integrate ramps exactly
// (dpi_lif, S4). A design whose edged pulses reach another consumer through the crossbar and
// TIA is refused with the io and the consumer named, never run with the edges silently
// squared off; and an edged io is never fused into the S1 macro (which has no edges).
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/twin/engine/engine.js';
import { buildTwin } from '../../../src/twin/build.js';
import { simulate } from '../../../src/twin/simulate.js';
import { EXAMPLES, exampleIr, q, spikeList, withProp } from '../examples/helpers.js';

describe('io pulse edges', () => {
  it('into srm neurons (S1 chain): refused, naming the io and the neuron; no fused macro', () => {
    const ir = withProp(exampleIr('s1_pe_macro.snn'), 'io', 'rise_time', q(0.1e-9, 'ns'));
    const b = buildTwin(ir, new Engine({ resolution: 1e-15 }), { baseDir: EXAMPLES });
    expect(b.errors).toEqual([expect.stringMatching(/^io 'io' has pulse edges \(rise_time\/fall_time\), which reach srm 'n': .*set rise_time and fall_time to 0/)]);
    expect([...b.models.values()].some((m) => m.spec.kind === 'pe_macro_s1')).toBe(false);
    const r = simulate(ir, spikeList([]), { baseDir: EXAMPLES, duration: 0.01 });
    expect(r.errors.join('\n')).toMatch(/io 'io' has pulse edges/);
  });

  it('into dpi_lif (S4): built, with the edges on the io', () => {
    const b = buildTwin(exampleIr('s4_nsn_unit.snn'), new Engine({ resolution: 1e-15 }), { baseDir: EXAMPLES });
    expect(b.errors).toEqual([]);
    const io = [...b.models.values()].find((m) => m.spec.kind === 'io')!;
    expect(io.spec.params.num('rise')).toBeCloseTo(100e-6, 12);
    expect(io.spec.params.num('fall')).toBeCloseTo(100e-6, 12);
  });
});
