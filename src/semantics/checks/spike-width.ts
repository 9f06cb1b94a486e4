// Rule SNN6004 (S1): input spikes narrower than the array can pass are attenuated
// (the column RC does not charge), so the MVM result shrinks.
import { formatQuantity } from '../../units/quantity.js';
import { D } from '../../units/dimension.js';
import type { DesignCheck } from './index.js';
import { num } from './ir-access.js';

export const checkSpikeWidth: DesignCheck = (ir, report) => {
  for (const inst of ir.instances) {
    if (inst.kind !== 'io') continue;
    const w = num(inst.component.props, 'spike_width'), min = num(inst.component.props, 'min_spike_width');
    if (w === null || min === null || w >= min) continue;
    report('SNN6004', inst.path, { width: formatQuantity(w, D.time), min: formatQuantity(min, D.time) });
  }
};
