// The number of input channels of an elaborated design: a network's inputs, or the top
// macro's boundary input (see MacroIR.input).
import type { DesignIR } from './ir.js';

export function designInputWidth(ir: DesignIR): number | null {
  if (ir.network) return ir.network.inputs.reduce((a, i) => a + i.width, 0);
  const top = ir.macros.find((m) => m.path === '') ?? ir.macros[0];
  return top?.input?.width ?? null;
}
