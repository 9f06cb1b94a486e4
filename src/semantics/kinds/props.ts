// Small constructors for property schemas, so that the kind tables in devices.ts, neurons.ts,
// circuits.ts and technology.ts read as one line per property.
// Input: name, dimension or choices, default (SI), doc. Output: PropSchema objects.
// Invariant: defaults are in SI base units; `undefined` default means required, `null` means
// optional without a value.
import { D, type Dimension } from '../../units/dimension.js';
import type { Category, DefaultValue, PropSchema } from '../schema.js';

export interface QOpts {
  min?: number;
  max?: number;
  /** min is exclusive (the value must be strictly greater). */
  gt?: boolean;
  unit?: string;
  scaled?: boolean;
  integer?: boolean;
}

/** A quantity property. `def` undefined = required, null = optional without a value. */
export function qty(name: string, dim: Dimension, def: number | null | undefined, doc: string, o: QOpts = {}): PropSchema {
  const p: PropSchema = { name, type: o.integer ? { t: 'quantity', dim, integer: true } : { t: 'quantity', dim }, doc };
  return finish(p, def, o);
}

/** A positive quantity (min 0 exclusive unless given). */
export function pos(name: string, dim: Dimension, def: number | null | undefined, doc: string, o: QOpts = {}): PropSchema {
  return qty(name, dim, def, doc, { min: 0, gt: true, ...o });
}

/** A non-negative quantity. */
export function nonneg(name: string, dim: Dimension, def: number | null | undefined, doc: string, o: QOpts = {}): PropSchema {
  return qty(name, dim, def, doc, { min: 0, ...o });
}

/** A relative (dimensionless) quantity in [0, max], written with % in sources. */
export function frac(name: string, def: number | null | undefined, doc: string, max = 1): PropSchema {
  return qty(name, D.none, def, doc, { min: 0, max, unit: '%' });
}

/** A positive integer count. */
export function count(name: string, def: number | null | undefined, doc: string, min = 1, max?: number): PropSchema {
  return qty(name, D.none, def, doc, { min, ...(max !== undefined ? { max } : {}), integer: true });
}

export function enm(name: string, choices: readonly string[], def: string | null | undefined, doc: string): PropSchema {
  return finish({ name, type: { t: 'enum', choices }, doc }, def, {});
}

export function bool(name: string, def: boolean | null | undefined, doc: string): PropSchema {
  return finish({ name, type: { t: 'bool' }, doc }, def, {});
}

export function str(name: string, def: string | null | undefined, doc: string): PropSchema {
  return finish({ name, type: { t: 'string' }, doc }, def, {});
}

export function interval(name: string, dim: Dimension, def: readonly [number, number] | null | undefined, doc: string, o: QOpts = {}): PropSchema {
  return finish({ name, type: { t: 'interval', dim }, doc }, def, o);
}

export function ref(name: string, category: Category, kinds: readonly string[] | undefined, def: null | undefined, doc: string): PropSchema {
  return finish({ name, type: kinds ? { t: 'ref', category, kinds } : { t: 'ref', category }, doc }, def, {});
}

function finish(p: PropSchema, def: DefaultValue | undefined, o: QOpts): PropSchema {
  if (def !== undefined) p.default = def;
  if (o.min !== undefined) p.min = o.min;
  if (o.max !== undefined) p.max = o.max;
  if (o.gt) p.minExclusive = true;
  if (o.unit) p.displayUnit = o.unit;
  if (o.scaled) p.scaled = true;
  return p;
}

/** Compound dimensions used by several kinds. */
export const DX = {
  capDensity: D.capacitance.div(D.area),
  capPerLength: D.capacitance.div(D.length),
  /** A/V^2 = S/V: a MOSFET process transconductance. */
  transconductance: D.current.div(D.voltage.pow(2)),
  powerDensity: D.power.div(D.area),
} as const;
