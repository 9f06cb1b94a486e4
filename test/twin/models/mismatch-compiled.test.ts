// The compiled twin (what `snn sim` runs: IR -> plan -> generated module, src/twin/compiled.ts)
// with the mismatch/bandwidth properties on gives the same summary as simulate() on the same
// IR and stimulus: S1 with a TIA bandwidth, TIA gain mismatch, kernel time-constant mismatch
// and read noise rising toward low conductance (fusion declined: the chain runs), and S4's
// digits macro, whose CuTeIGZO device has read_noise_exp = 0.3 with 5 % read noise. So every
// parameter the models read is in the plan, and the draws happen in the same order.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTwin } from '../../../src/twin/compiled.js';
import { simulate, type SimResult } from '../../../src/twin/simulate.js';
import type { DesignIR } from '../../../src/elaborate/ir.js';
import type { SpikeList } from '../../../src/data/spikes.js';
import { poissonSpikes } from '../helpers.js';
import { EXAMPLES, exampleIr, q, stimulusOf, withProp } from '../examples/helpers.js';

const same = (r: SimResult): string => JSON.stringify({ ...r, wall_s: 0 });

async function compare(ir: DesignIR, stim: SpikeList, duration: number): Promise<SimResult> {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'snn-mismatch-cache-'));
  const L = await compileTwin(ir, { baseDir: EXAMPLES, cacheDir });
  const want = simulate(ir, stim, { baseDir: EXAMPLES, duration });
  expect(want.errors).toEqual([]);
  const twin = L.module.create();
  expect(L.module.run(twin, stim, duration)).toEqual([]);
  expect(same(L.module.summary(twin))).toBe(same(want));
  return want;
}

describe('compiled twins with mismatch and bandwidth run like simulate()', () => {
  it('S1: bandwidth, gain_sigma, tau_sigma, read_noise_exp', async () => {
    let ir = withProp(exampleIr('s1_pe_macro.snn'), 't', 'bandwidth', q(5e6, 'MHz'));
    ir = withProp(ir, 't', 'gain_sigma', q(0.05, '%'));
    ir = withProp(ir, 'n', 'tau_sigma', q(0.05, '%'));
    ir = withProp(ir, 'xb', 'device.read_noise_exp', q(0.5));
    const r = await compare(ir, poissonSpikes(1000, 128, 0.05, 5), 0.05);
    expect(Object.values(r.spikes).some((s) => s.count > 0)).toBe(true);
  });

  it('S4 digits: read noise rising toward low conductance', async () => {
    const ir = exampleIr('s4_digits.snn');
    await compare(ir, stimulusOf(ir), 0.1);
  });
});
