// The unit table: SI prefixes, unit symbols and their dimensions, and the parsing of a
// unit suffix such as `kOhm`, `uS`, `ps`, `%` into a scale and a Dimension.
import { D, Dimension } from './dimension.js';

export const PREFIXES: Record<string, number> = {
  a: 1e-18, f: 1e-15, p: 1e-12, n: 1e-9, u: 1e-6, 'µ': 1e-6, 'μ': 1e-6, m: 1e-3,
  k: 1e3, M: 1e6, G: 1e9, T: 1e12,
};

export interface UnitDef { symbol: string; scale: number; dim: Dimension; doc: string }

export const UNITS: Record<string, UnitDef> = {};
function def(symbol: string, dim: Dimension, doc: string, scale = 1): void {
  UNITS[symbol] = { symbol, scale, dim, doc };
}
def('s', D.time, 'second');
def('Hz', D.frequency, 'hertz');
def('V', D.voltage, 'volt');
def('A', D.current, 'ampere');
def('Ohm', D.resistance, 'ohm');
def('Ω', D.resistance, 'ohm');
def('S', D.conductance, 'siemens');
def('F', D.capacitance, 'farad');
def('C', D.charge, 'coulomb');
def('W', D.power, 'watt');
def('J', D.energy, 'joule');
def('m', D.length, 'metre');
def('K', D.temperature, 'kelvin');
def('g', D.mass, 'gram', 1e-3);

export interface ParsedUnit { scale: number; dim: Dimension }

/**
 * x times a unit's scale, correctly rounded: sub-unit scales divide by their exact inverse
 * (10uS is 10 / 1e6 = 1e-5 exactly, where 10 * 1e-6 would be 9.999999999999999e-6).
 */
export function applyScale(x: number, scale: number): number {
  if (scale >= 1) return x * scale;
  const inv = Math.round(1 / scale);
  return Math.abs(inv * scale - 1) < 1e-12 ? x / inv : x * scale;
}

/** Parse a unit symbol with an optional prefix ("kOhm", "ms", "m", "%"); null if unknown. */
export function parseUnit(text: string): ParsedUnit | null {
  if (text === '%') return { scale: 0.01, dim: D.none };
  const whole = UNITS[text];
  if (whole) return { scale: whole.scale, dim: whole.dim };
  const chars = Array.from(text);
  if (chars.length < 2) return null;
  const p = PREFIXES[chars[0]!];
  const u = UNITS[chars.slice(1).join('')];
  if (p === undefined || !u) return null;
  return { scale: p * u.scale, dim: u.dim };
}

/** A hint for an unknown unit: a case mistake, or the list of units. */
export function unitHint(text: string): string {
  const lower = text.toLowerCase();
  const candidates: string[] = [];
  for (const p of ['', ...Object.keys(PREFIXES)]) {
    for (const u of Object.keys(UNITS)) {
      const c = p + u;
      if (c.toLowerCase() === lower && c !== text) candidates.push(c);
    }
  }
  if (candidates.length) {
    return `did you mean ${candidates.slice(0, 3).map((c) => `'${c}'`).join(' or ')}? Case matters: uS is microsiemens, us is microseconds`;
  }
  return 'units are s, Hz, V, A, Ohm (Ω), S, F, C, W, J, m, K, g with prefixes a f p n u (µ) m k M G T, and %';
}
