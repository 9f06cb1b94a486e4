// Tracing of the S2/S3/S4 models: with every signal probed, each model declares its signals
// and writes changes only through valid handles (a VCD writer accepts the stream), and the
// traced waveforms carry the events (S2's latch and node-1 waveforms as an example).
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/twin/engine/engine.js';
import { MemorySink } from '../../../src/trace/memory.js';
import { memoryVcd } from '../../../src/trace/vcd.js';
import { AdaptiveThreshold } from '../../../src/twin/models/adaptive-threshold.js';
import { Clock } from '../../../src/twin/models/clock.js';
import { DpiLif } from '../../../src/twin/models/dpi-lif.js';
import { Hebbian } from '../../../src/twin/models/hebbian.js';
import { Latch } from '../../../src/twin/models/latch.js';
import { Lia } from '../../../src/twin/models/lia.js';
import { Stdp } from '../../../src/twin/models/stdp.js';
import { TsHybrid } from '../../../src/twin/models/ts-hybrid.js';
import { S2_NEURON } from './fixtures.js';
import { levelPulses, spec, train } from './util.js';

const RES = 1e-12, us = 1e-6;

describe('traces', () => {
  it("ts_hybrid: l1, l2, inhibit, v1 and s waveforms of S2's neuron test", () => {
    const sink = new MemorySink();
    const e = new Engine({ resolution: RES, sink });
    const n = e.add(new TsHybrid(spec('ts_hybrid', [1], { ...S2_NEURON, stochastic: false }, 'pe.n')));
    const st = levelPulses(train(8, 500 * us), 250 * us, 1.8, RES);
    e.stimulus(n, 'in', st.t, st.ch, st.v);
    e.run(Math.round(4000 * us / RES));
    e.finish();
    const sig = (name: string): number => sink.signals().find((s) => s.name === name && s.scope.join('.') === 'pe.n')!.handle;
    const v1 = 'v';
    const t = (x: number): bigint => BigInt(Math.round(x * us / RES));
    const l2 = sink.history(sig('l2'));
    expect(l2.slice(1)).toEqual([[t(2250), 1], [t(2750), 0]]);
    const l1 = sink.history(sig('l1'));
    expect(l1[1]![1]).toBe(1);
    expect(Number(l1[1]![0]) * RES).toBeGreaterThan(2000 * us);
    expect(l1[2]).toEqual([t(2500), 0]);
    expect(sink.valueAt(sig(v1), t(2600))).toBe(0);
    expect(sink.valueAt(sig(v1), t(2100))).toBeGreaterThan(1.7);
    expect(sink.history(sig('inhibit')).slice(-1)).toEqual([[t(2750), 0]]);
  });

  it('every model writes a valid VCD stream with all signals probed', () => {
    const vcd = memoryVcd({ resolution: RES });
    const e = new Engine({ resolution: RES, sink: vcd.sink });
    const n = e.add(new TsHybrid(spec('ts_hybrid', [2], { ...S2_NEURON }, 's2.n')));
    const lia = e.add(new Lia(spec('lia', [2], {}, 's2.lia')));
    const heb = e.add(new Hebbian(spec('hebbian', [2, 2], { g_init: 400e-6 }, 's2.heb')));
    const stdp = e.add(new Stdp(spec('stdp', [2, 2], {}, 's2.stdp')));
    const clk = e.add(new Clock(spec('clock', [], {}, 's2.clk')));
    const latch = e.add(new Latch(spec('latch', [2], {}, 's2.latch')));
    const dpi = e.add(new DpiLif(spec('dpi_lif', [2], { threshold: 1e-3, weight_gain: 1e-6 }, 's4.n')));
    const at = e.add(new AdaptiveThreshold(spec('adaptive_threshold', [2], { threshold: 0.3 }, 's3.n')));
    e.connect(n, 'inhibit', lia, 'in');
    e.connect(lia, 'out', n, 'gate');
    e.connect(n, 'out', heb, 'post');
    e.connect(n, 'out', stdp, 'post');
    e.connect(clk, 'out', latch, 'clk');
    e.connect(n, 'inhibit', latch, 'd');
    const st = levelPulses([...train(20, 500 * us, 0, 0), ...train(20, 500 * us, 0, 1)], 250 * us, (i) => (i < 20 ? 1.8 : 1.6), RES);
    e.stimulus(n, 'in', st.t, st.ch, st.v, 'in_n');
    e.stimulus(heb, 'pre', st.t, st.ch, st.v, 'in_heb');
    const sp = levelPulses([...train(20, 500 * us, 0, 0), ...train(20, 500 * us, 0, 1)], 250 * us, 1, RES);
    e.stimulus(stdp, 'pre', sp.t.filter((_, i) => sp.v[i]! > 0), sp.ch.filter((_, i) => sp.v[i]! > 0), null, 'in_stdp');
    e.stimulus(dpi, 'in', st.t, st.ch, st.v, 'in_dpi');
    const sa = levelPulses([...train(30, 20e-9, 0, 0), ...train(30, 30e-9, 0, 1)], 10e-9, 3, RES);
    e.stimulus(at, 'in', sa.t, sa.ch, sa.v, 'in_at');
    e.run(Math.round(10e-3 / RES));
    e.finish();
    vcd.sink.close();
    const text = vcd.text();
    for (const name of ['v_0_', 's_1_', 'g_3_', 'l1_0_', 'l2_0_', 'inhibit_0_', 'clk', 'gate_1_', 'q_0_', 'psp_0_', 'threshold_1_', 'i_syn_0_', 'o_1_']) {
      expect(text).toMatch(new RegExp(`\\$var (wire|real) 1 \\S+ ${name} \\$end`));
    }
    expect(text.length).toBeLessThan(1e6);
    expect(text.split('\n').filter((l) => l.startsWith('#')).length).toBeGreaterThan(50);
  });
});
