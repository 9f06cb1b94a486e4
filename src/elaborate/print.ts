// Stable printing of the IR: JSON with keys in construction order (deterministic), numbers
// as JavaScript prints them (shortest round-trip form), and a short human summary.
import { formatQuantity } from '../units/quantity.js';
import { D } from '../units/dimension.js';
import type { DesignIR, Value } from './ir.js';

export function printIR(ir: DesignIR): string {
  return JSON.stringify(ir, null, 2) + '\n';
}

function show(v: Value): string {
  if ('q' in v) return v.unit ? formatWithUnit(v.q, v.unit) : String(v.q);
  if ('enum' in v) return v.enum;
  if ('bool' in v) return String(v.bool);
  if ('str' in v) return JSON.stringify(v.str);
  if ('interval' in v) return `[${v.interval.map((x) => formatWithUnit(x, v.unit)).join(', ')}]`;
  if ('list' in v) return `[${v.list.length} values]`;
  return v.component.name;
}

const SYM = new Map(Object.entries(D).map(([, d]) => [d.symbol, d]));
function formatWithUnit(x: number, unit: string): string {
  const d = SYM.get(unit);
  return d ? formatQuantity(x, d) : `${x} ${unit}`;
}

export function summarizeIR(ir: DesignIR): string {
  const lines: string[] = [`${ir.top.kind} ${ir.top.name} (IR ${ir.ir_version})`];
  for (const m of ir.macros) lines.push(`macro ${m.path || '(top)'}: ${m.name}, timescale ${m.timescale}${m.technology ? `, technology ${m.technology.name}` : ''}`);
  for (const i of ir.instances) {
    const derived = Object.entries(i.component.derived).map(([k, v]) => `${k} = ${show(v)}`).join(', ');
    lines.push(`  ${i.path}${i.shape.length ? `[${i.shape.join(', ')}]` : ''}: ${i.kind}${i.type ? ` ${i.type}` : ''}${derived ? `  (${derived})` : ''}`);
  }
  for (const c of ir.connections) lines.push(`  ${c.from.instance}.${c.from.port} -> ${c.to.instance}.${c.to.port} (${c.from.width})`);
  if (ir.network) for (const l of ir.network.layers) lines.push(`layer ${l.name}: ${l.software ? 'software' : l.macro} ${l.inputs} -> ${l.outputs}`);
  if (ir.simulation) lines.push(`simulate ${ir.simulation.name}: ${formatQuantity(ir.simulation.duration, D.time)}, seed ${ir.simulation.seed}, ${ir.simulation.probes.length} probes`);
  return lines.join('\n') + '\n';
}
