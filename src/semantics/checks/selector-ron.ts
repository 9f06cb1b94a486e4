// Rule SNN6001 (S4): a 1T1R selector's on-resistance should stay within 10 % of the
// memristor's low-resistance state, or the selector eats the read margin.
import { formatQuantity } from '../../units/quantity.js';
import { D } from '../../units/dimension.js';
import { nmosOnResistance } from '../kinds/index.js';
import type { DesignCheck } from './index.js';
import { comp, num, word } from './ir-access.js';

export const RON_LIMIT = 0.1;

/** R_on of a crossbar's selector: given directly, or the triode estimate at the chosen W/L. */
export function selectorOnResistance(crossbarProps: Parameters<typeof num>[0]): number | null {
  const sel = comp(crossbarProps, 'selector');
  if (!sel) return null;
  const direct = num(sel.props, 'r_on');
  if (direct !== null) return direct;
  const wl = num(crossbarProps, 'selector_wl') ?? num(sel.props, 'wl');
  const k = num(sel.props, 'k_prime'), vg = num(sel.props, 'v_gate'), vth = num(sel.props, 'v_th');
  if (wl === null || k === null || vg === null || vth === null || vg <= vth) return null;
  return nmosOnResistance(k, wl, vg, vth);
}

export const checkSelectorOnResistance: DesignCheck = (ir, report) => {
  for (const inst of ir.instances) {
    if (inst.kind !== 'crossbar' || word(inst.component.props, 'cell') !== '1T1R') continue;
    const ron = selectorOnResistance(inst.component.props);
    const dev = comp(inst.component.props, 'device');
    const gmax = dev ? num(dev.props, 'g_max') : null;
    if (ron === null || gmax === null) continue;
    const lrs = 1 / gmax;
    if (ron > RON_LIMIT * lrs) {
      report('SNN6001', inst.path, {
        ron: formatQuantity(ron, D.resistance), pct: `${(100 * ron / lrs).toFixed(1)} %`, lrs: formatQuantity(lrs, D.resistance),
      });
    }
  }
};
