// Port lookup and widths for connect statements and network layers.
import type { KindSchema, PortSchema } from '../semantics/schema.js';
import type { InstanceIR } from './ir.js';

export function portWidth(p: PortSchema, inst: InstanceIR): number {
  const w = p.width;
  if (w === 'one') return 1;
  if (w === 'dim0') return inst.shape[0] ?? 1;
  if (w === 'dim1') return inst.shape[1] ?? 1;
  const v = inst.component.props[w.prop];
  return v && 'q' in v ? v.q : 1;
}

export function findPort(kind: KindSchema, name: string): PortSchema | undefined {
  return (kind.ports ?? []).find((p) => p.name === name);
}
