// Rule SNN6002 (S4): with the memristor on the transistor's source (MOS), the cell sees at
// most V_gate - V_th during SET; on the drain (MOD) it gets the full supply.
import { formatQuantity } from '../../units/quantity.js';
import { D } from '../../units/dimension.js';
import type { DesignCheck } from './index.js';
import { comp, num, word } from './ir-access.js';

export const checkMosThresholdLoss: DesignCheck = (ir, report) => {
  for (const inst of ir.instances) {
    const p = inst.component.props;
    if (inst.kind !== 'crossbar' || word(p, 'cell') !== '1T1R' || word(p, 'config') !== 'MOS') continue;
    const sel = comp(p, 'selector');
    const vth = sel ? num(sel.props, 'v_th') : null;
    const vg = sel ? num(sel.props, 'v_gate') : null;
    report('SNN6002', inst.path, {
      vth: vth === null ? 'the selector threshold' : formatQuantity(vth, D.voltage),
      vmax: vth === null || vg === null ? 'V_gate - V_th' : formatQuantity(vg - vth, D.voltage),
    });
  }
};
