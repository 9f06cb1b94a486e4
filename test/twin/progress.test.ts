// Reporting progress observes the run only: the results are exactly those of a run without it.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { frontEnd } from '../../src/driver/pipeline.js';
import { stimulusFromIR } from '../../src/data/stimulus-ir.js';
import { designInputWidth } from '../../src/elaborate/inputs.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { createRng } from '../../src/twin/rng.js';
import { simulate, type SimResult } from '../../src/twin/simulate.js';
import { ROOT } from '../helpers/cli.js';

function run(file: string, top: string | undefined, duration: number, sliced: boolean): { r: SimResult; calls: number } {
  const ir = frontEnd(file, top ? { top } : {}).ir!;
  const diags = new Diagnostics();
  const stim = stimulusFromIR(ir.stimulus!, { baseDir: path.dirname(file), duration, inputCount: designInputWidth(ir), rng: createRng(ir.simulation!.seed), diags });
  expect(diags.items).toEqual([]);
  let calls = 0;
  const r = simulate(ir, stim, { duration, baseDir: path.dirname(file), ...(sliced ? { onProgress: () => { calls++; } } : {}) });
  expect(r.errors).toEqual([]);
  return { r: { ...r, wall_s: 0 }, calls };
}

describe('progress reporting', () => {
  it('the fused 128x24 macro: identical spikes and counters', () => {
    const file = path.join(ROOT, 'bench', 'pe128x24.snn');
    const a = run(file, undefined, 20e-6, false), b = run(file, undefined, 20e-6, true);
    expect(b.calls).toBeGreaterThanOrEqual(1);
    expect(Object.values(a.r.spikes).reduce((x, s) => x + s.count, 0)).toBeGreaterThan(100);
    expect(b.r).toEqual(a.r);
  });
  it('the S2 network with learning and inhibition: identical', () => {
    const file = path.join(ROOT, 'examples', 's2_ts_network.snn');
    const a = run(file, 'learn', 0.05, false), b = run(file, 'learn', 0.05, true);
    expect(b.r).toEqual(a.r);
  });
});
