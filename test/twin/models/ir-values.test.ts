// Building the S2/S3/S4 models from the examples' IR (examples/*.snn through the real front
// end) with s234-ir.ts: parameters land under their registry names (references flattened as
// device.* / clock.*, scaled time constants divided by the timescale), and S2's neuron test
// runs from the IR with the fitted device values of fixtures.ts laid over it.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { frontEnd } from '../../../src/driver/pipeline.js';
import type { DesignIR, InstanceIR } from '../../../src/elaborate/ir.js';
import { Engine } from '../../../src/twin/engine/engine.js';
import { params } from '../../../src/twin/engine/params.js';
import type { ModelSpec } from '../../../src/twin/model.js';
import { AdaptiveThreshold } from '../../../src/twin/models/adaptive-threshold.js';
import { DpiLif } from '../../../src/twin/models/dpi-lif.js';
import { modelValues, S234_FACTORIES } from '../../../src/twin/models/s234-ir.js';
import { TsHybrid } from '../../../src/twin/models/ts-hybrid.js';
import { S2_NEURON } from './fixtures.js';
import { levelPulses, train } from './util.js';

const EX = path.resolve(__dirname, '../../../examples');

function ir(file: string, top: string): DesignIR {
  const r = frontEnd(path.join(EX, file), { top });
  if (!r.ir) throw new Error(`front end failed on ${file}`);
  return r.ir;
}

function specOf(inst: InstanceIR, k: number, over: Record<string, number | boolean> = {}): ModelSpec {
  return { path: inst.path, kind: inst.kind, shape: inst.shape, params: params({ ...modelValues(inst.component, k), ...over }, 1, [], inst.path), timescale: k };
}

describe('models from the examples IR', () => {
  it('S2 neuron test: ts_hybrid with its AgTS device; with the fitted device it fires on the fifth pulse', () => {
    const d = ir('s2_ts_network.snn', 'neuron_test');
    const inst = d.instances.find((i) => i.kind === 'ts_hybrid')!;
    const v = modelValues(inst.component, 1);
    expect(v['device.v_ref']).toBe(1.2);
    expect(v['r_series']).toBe(10e3);
    expect(v['depression']).toBe(false);
    const plain = S234_FACTORIES['ts_hybrid']!(specOf(inst, 1)) as TsHybrid;
    expect(plain.law.tInt).toBe(v['device.t_int']);
    const fitted = Object.fromEntries(Object.entries(S2_NEURON).filter(([key]) => key.startsWith('device.') || key === 'r_read')) as Record<string, number>;
    const RES = 1e-12;
    const e = new Engine({ resolution: RES });
    const n = e.add(S234_FACTORIES['ts_hybrid']!(specOf(inst, 1, { ...fitted, stochastic: false })));
    const st = levelPulses(train(12, 500e-6), 250e-6, 1.8, RES);
    e.stimulus(n, 'in', st.t, st.ch, st.v);
    e.run(Math.round(6e-3 / RES));
    const rec = e.spikes[e.models.indexOf(n)]!;
    expect(Array.from(rec.t.subarray(0, rec.n), (t) => Math.round(t * RES * 1e6))).toEqual([2500, 5500]);
  });

  it('S2 network: lia, hebbian and the clock reference come through', () => {
    const d = ir('s2_ts_network.snn', 'learn');
    const lia = d.instances.find((i) => i.kind === 'lia')!;
    expect(S234_FACTORIES['lia']!(specOf(lia, 1)).ports.map((p) => p.width)).toEqual([10, 10]);
    const heb = d.instances.find((i) => i.kind === 'hebbian')!;
    const h = S234_FACTORIES['hebbian']!(specOf(heb, 1));
    expect(h.ports.map((p) => `${p.name}:${p.width}`)).toEqual(['pre:30', 'post:10', 'update:300']);
    const n = d.instances.find((i) => i.kind === 'ts_hybrid')!;
    const v = modelValues(n.component, 1);
    expect(v['clock.frequency']).toBe(2e3);
    expect((S234_FACTORIES['ts_hybrid']!(specOf(n, 1)) as TsHybrid).duty).toBe(0.5);
  });

  it('S3: adaptive_threshold gets tau = R C = 46.2 ns and the 10 ns step', () => {
    const d = ir('s3_adaptive_threshold.snn', 'sample300');
    const inst = d.instances.find((i) => i.kind === 'adaptive_threshold')!;
    const m = S234_FACTORIES['adaptive_threshold']!(specOf(inst, 1)) as AdaptiveThreshold;
    expect(m.tau).toBeCloseTo(4.56e3 * 10.14e-12, 20);
    expect(m.step).toBe(10e-9);
    expect(m.vth).toBe(0.55);
    expect(m.hard).toBe(false);
  });

  it('S4: dpi_lif time constants, divided by the timescale', () => {
    const d = ir('s4_nsn_unit.snn', 'nsn');
    const inst = d.instances.find((i) => i.kind === 'dpi_lif')!;
    const m = S234_FACTORIES['dpi_lif']!(specOf(inst, 1)) as DpiLif;
    expect([m.tauRise, m.tauFall, m.tauMem]).toEqual([0.5e-3, 2e-3, 15e-3]);
    expect(m.threshold).toBeUndefined();
    const fast = S234_FACTORIES['dpi_lif']!(specOf(inst, 1000)) as DpiLif;
    expect(fast.tauMem).toBeCloseTo(15e-6, 18);
  });
});
