// Port lookup and widths for connect statements and network layers.
import type { KindSchema, PortSchema } from '../semantics/schema.js';
import type { InstanceIR } from './ir.js';

/** The width of a port; null when it is set by a property that is not given (inferred from the connection). */
export function portWidth(p: PortSchema, inst: InstanceIR): number | null {
  const w = p.width;
  if (w === 'one') return 1;
  if (w === 'dim0') return inst.shape[0] ?? 1;
  if (w === 'dim1') return inst.shape[1] ?? 1;
  const v = inst.component.props[w.prop];
  return v && 'q' in v ? v.q : null;
}

/** Record a width inferred from a connection in the instance's property (and mark it derived). */
export function inferWidth(p: PortSchema, inst: InstanceIR, width: number): void {
  if (typeof p.width !== 'object') return;
  const v = { q: width, unit: '' };
  inst.component.props[p.width.prop] = v;
  inst.component.derived[p.width.prop] = v;
}

export function findPort(kind: KindSchema, name: string): PortSchema | undefined {
  return (kind.ports ?? []).find((p) => p.name === name);
}
