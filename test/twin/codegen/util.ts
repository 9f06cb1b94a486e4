// Shared by the codegen tests: the examples' IR and their generated twins as `snn compile`
// writes them from the repository root.
import * as path from 'node:path';
import { frontEnd } from '../../../src/driver/pipeline.js';
import type { DesignIR } from '../../../src/elaborate/ir.js';
import { buildPlan } from '../../../src/twin/codegen/plan.js';
import { generateTwin } from '../../../src/twin/codegen/generate.js';
import { snnVersion } from '../../../src/twin/codegen/version.js';

export const ROOT = path.resolve(__dirname, '../../..');
export const EXAMPLES = path.join(ROOT, 'examples');

export function exampleIr(name: string): DesignIR {
  const r = frontEnd(path.join(EXAMPLES, `${name}.snn`));
  if (!r.ir) throw new Error(`${name}: ${r.diags.items.map((d) => d.message).join('; ')}`);
  return r.ir;
}

/** What `snn compile examples/NAME.snn -o generated/NAME.ts --runtime ../src/twin/runtime.js` writes from the repo root. */
export function generateExample(name: string): string {
  const ir = exampleIr(name);
  const plan = buildPlan(ir, { baseDir: EXAMPLES });
  return generateTwin(ir, plan, {
    source: `examples/${name}.snn`, run: null, runtime: '../src/twin/runtime.js', version: snnVersion(), output: `generated/${name}.ts`,
  });
}

