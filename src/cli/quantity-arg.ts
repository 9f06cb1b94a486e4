// Command-line quantities such as `--duration 100us` or `--resolution 1fs`: a number with an
// attached unit, checked against the dimension the option expects.
import type { Dimension } from '../units/dimension.js';
import { applyScale, parseUnit } from '../units/units.js';

/** The value in SI base units, or an error message naming what was expected. */
export function parseQuantityArg(text: string, dim: Dimension, option: string): number | string {
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([A-Za-zΩµμ%]*)\s*$/.exec(text);
  if (!m) return `--${option} expects a number with a unit, e.g. 100us, not '${text}'`;
  const unit = m[2] ? parseUnit(m[2]) : { scale: 1, dim: null };
  if (!unit) return `--${option}: unknown unit '${m[2]}'`;
  if (unit.dim !== null && unit.dim !== dim) return `--${option} expects ${dim.describe}, not ${unit.dim.describe}`;
  if (unit.dim === null && !dim.isDimensionless) return `--${option} expects ${dim.describe}: add a unit, e.g. ${m[1]}${dim.symbol}`;
  const v = applyScale(Number(m[1]), unit.scale);
  return Number.isFinite(v) ? v : `--${option}: ${text} is not a finite number`;
}
