// Design checks: rules a hardware designer wants as warnings, run on the elaborated IR
// (one rule per file). Each rule reads the IR and reports against an instance path; the
// elaborator maps the path back to its source span.
import type { Args } from '../../diagnostics/diagnostic.js';
import type { Code } from '../../diagnostics/catalogue.js';
import type { DesignIR } from '../../elaborate/ir.js';
import { checkSelectorOnResistance } from './selector-ron.js';
import { checkMosThresholdLoss } from './mos-vth.js';
import { checkTechnologyFloors } from './floors.js';
import { checkSpikeWidth } from './spike-width.js';

export type Report = (code: Code, instancePath: string, args: Args) => void;
export type DesignCheck = (ir: DesignIR, report: Report) => void;

export const DESIGN_CHECKS: readonly DesignCheck[] = [
  checkSelectorOnResistance,
  checkMosThresholdLoss,
  checkTechnologyFloors,
  checkSpikeWidth,
];

export function runDesignChecks(ir: DesignIR, report: Report): void {
  for (const check of DESIGN_CHECKS) check(ir, report);
}
