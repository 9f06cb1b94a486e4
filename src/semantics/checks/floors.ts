// Rule SNN6003: a capacitor (implied by a time constant and the timescale, or given) below
// the technology's parasitic floor, or a resistor below its practical floor, will not behave
// as designed: wiring and device parasitics dominate.
import { formatQuantity } from '../../units/quantity.js';
import { D } from '../../units/dimension.js';
import type { DesignCheck } from './index.js';
import { num, technologyOf } from './ir-access.js';
import { findKind } from '../kinds/index.js';

/** Values within this relative margin of the floor count as at the floor, not below it. */
const MARGIN = 1e-9;

export const checkTechnologyFloors: DesignCheck = (ir, report) => {
  for (const inst of ir.instances) {
    const tech = technologyOf(ir, inst);
    if (!tech) continue;
    const capFloor = num(tech.props, 'cap_floor'), resFloor = num(tech.props, 'res_floor');
    // Resistors that are drawn components: the kernels' R (RC relations) and a resistor's r.
    const kind = findKind(inst.kind);
    const drawn = new Set<string>((kind?.rc ?? []).map((r) => r.r));
    if (inst.kind === 'resistor') drawn.add('r');
    for (const [name, v] of Object.entries(inst.component.props)) {
      if (!('q' in v)) continue;
      const floor = v.unit === 'F' ? capFloor : v.unit === 'Ohm' && drawn.has(name) ? resFloor : null;
      if (floor === null || floor === 0 || v.q >= floor * (1 - MARGIN)) continue;
      const dim = v.unit === 'F' ? D.capacitance : D.resistance;
      report('SNN6003', inst.path, {
        what: `${inst.path}.${name}${name in inst.component.derived ? ' (implied)' : ''}`,
        value: formatQuantity(v.q, dim), floor: formatQuantity(floor, dim),
      });
    }
  }
};
