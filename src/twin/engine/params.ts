// Model parameters: the `Params` of src/twin/model.ts over a plain record.
// Input: IR property values (src/elaborate/ir.ts `Value`) or plain numbers/strings/arrays
//   (tests, benches), plus a timescale k and the set of property names that are `scaled`
//   (time constants written in data time).
// Output: a Params whose `num`/`list` of a scaled property is divided by k (hardware time).
// Invariants: reading an absent property without a fallback throws an Error naming the
//   property (an internal error: the elaborator fills every default).
import type { Value } from '../../elaborate/ir.js';
import type { Params } from '../model.js';

export type RawValue = Value | number | string | boolean | readonly number[] | null | undefined;

function isObj(v: RawValue): v is Value {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class RecordParams implements Params {
  constructor(
    private readonly path: string,
    private readonly values: Readonly<Record<string, RawValue>>,
    private readonly timescale = 1,
    private readonly scaled: ReadonlySet<string> = new Set(),
  ) {}

  private raw(name: string): RawValue {
    return Object.prototype.hasOwnProperty.call(this.values, name) ? this.values[name] : undefined;
  }

  private missing(name: string, what: string): never {
    throw new Error(`twin: ${this.path}: missing ${what} property '${name}'`);
  }

  private k(name: string): number {
    return this.scaled.has(name) ? this.timescale : 1;
  }

  has(name: string): boolean {
    const v = this.raw(name);
    return v !== undefined && v !== null;
  }

  opt(name: string): number | undefined {
    const v = this.raw(name);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number') return v / this.k(name);
    if (isObj(v) && 'q' in v) return v.q / this.k(name);
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (isObj(v) && 'bool' in v) return v.bool ? 1 : 0;
    throw new Error(`twin: ${this.path}: property '${name}' is not a number`);
  }

  num(name: string, fallback?: number): number {
    const v = this.opt(name);
    if (v !== undefined) return v;
    if (fallback !== undefined) return fallback;
    return this.missing(name, 'numeric');
  }

  enumv(name: string, fallback?: string): string {
    const v = this.raw(name);
    if (typeof v === 'string') return v;
    if (isObj(v) && 'enum' in v) return v.enum;
    if (isObj(v) && 'str' in v) return v.str;
    if (fallback !== undefined) return fallback;
    return this.missing(name, 'enum');
  }

  str(name: string, fallback?: string): string {
    return this.enumv(name, fallback);
  }

  bool(name: string, fallback?: boolean): boolean {
    const v = this.raw(name);
    if (typeof v === 'boolean') return v;
    if (isObj(v) && 'bool' in v) return v.bool;
    if (typeof v === 'number') return v !== 0;
    if (fallback !== undefined) return fallback;
    return this.missing(name, 'boolean');
  }

  list(name: string, fallback?: readonly number[]): readonly number[] {
    const v = this.raw(name);
    const k = this.k(name);
    if (Array.isArray(v)) return k === 1 ? v : v.map((x: number) => x / k);
    if (isObj(v) && 'list' in v) return k === 1 ? v.list : v.list.map((x) => x / k);
    if (isObj(v) && 'interval' in v) return k === 1 ? v.interval : v.interval.map((x) => x / k);
    if (fallback !== undefined) return fallback;
    return this.missing(name, 'list');
  }
}

/** Params from a plain record (tests, benches); `scaled` names are divided by `timescale`. */
export function params(values: Record<string, RawValue>, timescale = 1, scaled: Iterable<string> = [], path = 'model'): Params {
  return new RecordParams(path, values, timescale, new Set(scaled));
}
