// Small typed readers over IR property values, shared by the design checks.
import type { ComponentIR, DesignIR, InstanceIR, Value } from '../../elaborate/ir.js';

export function num(props: Record<string, Value>, name: string): number | null {
  const v = props[name];
  return v && 'q' in v ? v.q : null;
}

export function word(props: Record<string, Value>, name: string): string | null {
  const v = props[name];
  return v && 'enum' in v ? v.enum : null;
}

export function comp(props: Record<string, Value>, name: string): ComponentIR | null {
  const v = props[name];
  return v && 'component' in v ? v.component : null;
}

/** The technology in force for an instance: that of the innermost macro containing it. */
export function technologyOf(ir: DesignIR, inst: InstanceIR): ComponentIR | null {
  let best: { len: number; tech: ComponentIR | null } = { len: -1, tech: null };
  for (const m of ir.macros) {
    const inside = m.path === '' || inst.path.startsWith(m.path + '.');
    if (inside && m.path.length > best.len) best = { len: m.path.length, tech: m.technology };
  }
  return best.tech;
}
