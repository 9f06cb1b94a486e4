// The S2/S3/S4 models' side of building from the IR: their factories by kind name, and the
// conversion of an instance's resolved component (IR) into the plain parameter record the
// models read through Params.
// Input: a ComponentIR (src/elaborate/ir.ts: props with every default filled, nulls absent)
//   and the timescale k of the macro the instance sits in.
// Output: modelValues(): every property under its registry name (quantities as SI numbers,
//   `scaled` ones divided by k, enums and strings as strings, booleans, intervals and lists
//   as arrays), and the properties of each referenced component flattened as
//   `<prop>.<sub>` (e.g. `device.t_int`, `clock.frequency`), scaled by their own kind's
//   flags (devices and clocks have none: hardware time). S234_FACTORIES: kind -> factory.
// Invariants: pure; unknown kinds convert without scaling.
import type { ComponentIR, Value } from '../../elaborate/ir.js';
import type { RawValue } from '../engine/params.js';
import type { ModelFactory } from '../model.js';
import { findKind } from '../../semantics/kinds/index.js';
import { createAdaptiveThreshold } from './adaptive-threshold.js';
import { createClock } from './clock.js';
import { createDpiLif } from './dpi-lif.js';
import { createHebbian } from './hebbian.js';
import { createLatch } from './latch.js';
import { createLia } from './lia.js';
import { createStdp } from './stdp.js';
import { createTsHybrid } from './ts-hybrid.js';

/** Factories of the kinds implemented in this group of files. */
export const S234_FACTORIES: Readonly<Record<string, ModelFactory>> = {
  ts_hybrid: createTsHybrid,
  adaptive_threshold: createAdaptiveThreshold,
  dpi_lif: createDpiLif,
  lia: createLia,
  hebbian: createHebbian,
  stdp: createStdp,
  clock: createClock,
  latch: createLatch,
};

function scaledSet(kind: string): Set<string> {
  return new Set((findKind(kind)?.props ?? []).filter((p) => p.scaled).map((p) => p.name));
}

function put(out: Record<string, RawValue>, name: string, v: Value, k: number, scaled: Set<string>, prefix: string): void {
  const div = scaled.has(name) ? k : 1;
  const key = prefix + name;
  if ('q' in v) out[key] = v.q / div;
  else if ('enum' in v) out[key] = v.enum;
  else if ('str' in v) out[key] = v.str;
  else if ('bool' in v) out[key] = v.bool;
  else if ('interval' in v) out[key] = v.interval.map((x) => x / div);
  else if ('list' in v) out[key] = v.list.map((x) => x / div);
  else if ('component' in v && prefix === '') {
    const c = v.component, sub = scaledSet(c.kind);
    for (const [n, x] of Object.entries(c.props)) put(out, n, x, k, sub, `${name}.`);
  }
}

/** Parameter record of one instance (see the header). */
export function modelValues(component: ComponentIR, k: number): Record<string, RawValue> {
  const out: Record<string, RawValue> = {};
  const scaled = scaledSet(component.kind);
  for (const [name, v] of Object.entries(component.props)) put(out, name, v, k, scaled, '');
  return out;
}
