// A quantity: a value in SI base units with its Dimension; arithmetic that checks
// dimensions is done by the expression evaluator, which reports mismatches.
import { D, Dimension } from './dimension.js';

export interface Quantity { value: number; dim: Dimension }

export const q = (value: number, dim: Dimension = D.none): Quantity => ({ value, dim });

const ENG: Array<[number, string]> = [
  [1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k'], [1, ''], [1e-3, 'm'], [1e-6, 'u'],
  [1e-9, 'n'], [1e-12, 'p'], [1e-15, 'f'], [1e-18, 'a'],
];

/** Round to `digits` significant digits and drop trailing zeros. */
export function sig(x: number, digits = 4): string {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(digits)));
}

/** Print a quantity with an engineering prefix: 1.014e-11 F -> "10.14 pF". */
export function formatQuantity(value: number, dim: Dimension, digits = 4): string {
  const sym = dim.symbol;
  if (dim.isDimensionless) return sig(value, digits);
  // Prefixes only on single named units (not on compound ones such as F/m^2).
  if (!/^[A-Za-zΩ]+$/.test(sym)) return `${sig(value, digits)} ${sym}`;
  const a = Math.abs(value);
  if (a === 0) return `0 ${sym}`;
  for (const [scale, p] of ENG) {
    if (a >= scale * 0.9999999) return `${sig(value / scale, digits)} ${p}${sym}`;
  }
  return `${sig(value, digits)} ${sym}`;
}

