// SI dimension vectors, interned so that equal dimensions are the same object and can be
// compared with ===. Exponents are over the base units m, kg, s, A, K (mol and cd are not
// needed by circuits). Input: exponent arrays; output: Dimension objects; invariant: one
// object per distinct vector.

export const BASE_UNITS = ['m', 'kg', 's', 'A', 'K'] as const;
export type Exponents = readonly [number, number, number, number, number];

export class Dimension {
  private constructor(readonly exps: Exponents, readonly key: string) {}

  private static table = new Map<string, Dimension>();

  static of(exps: readonly number[]): Dimension {
    const e = [0, 0, 0, 0, 0].map((_, i) => normalise(exps[i] ?? 0)) as unknown as Exponents;
    const key = e.join(',');
    let d = Dimension.table.get(key);
    if (!d) { d = new Dimension(e, key); Dimension.table.set(key, d); }
    return d;
  }

  mul(o: Dimension): Dimension { return Dimension.of(this.exps.map((x, i) => x + o.exps[i]!)); }
  div(o: Dimension): Dimension { return Dimension.of(this.exps.map((x, i) => x - o.exps[i]!)); }
  pow(p: number): Dimension { return Dimension.of(this.exps.map((x) => x * p)); }
  get isDimensionless(): boolean { return this.exps.every((x) => x === 0); }

  /** The SI symbol for this dimension: a named derived unit where one exists, else base units. */
  get symbol(): string { return symbolOf(this); }
  /** "a time (s)", "a conductance (S)", "dimensionless", ... for messages. */
  get describe(): string { return describe(this); }
  /** "a time", "a conductance", ... without the symbol (when the value already shows it). */
  get name(): string { return nameOf(this); }
}

function normalise(x: number): number {
  const r = Math.round(x * 1e9) / 1e9;
  return Object.is(r, -0) ? 0 : r;
}

export const D = {
  none: Dimension.of([]),
  length: Dimension.of([1]),
  mass: Dimension.of([0, 1]),
  time: Dimension.of([0, 0, 1]),
  current: Dimension.of([0, 0, 0, 1]),
  temperature: Dimension.of([0, 0, 0, 0, 1]),
  frequency: Dimension.of([0, 0, -1]),
  charge: Dimension.of([0, 0, 1, 1]),
  energy: Dimension.of([2, 1, -2]),
  power: Dimension.of([2, 1, -3]),
  voltage: Dimension.of([2, 1, -3, -1]),
  resistance: Dimension.of([2, 1, -3, -2]),
  conductance: Dimension.of([-2, -1, 3, 2]),
  capacitance: Dimension.of([-2, -1, 4, 2]),
  area: Dimension.of([2]),
} as const;

/** Named dimensions, in the order they are preferred when printing. */
const NAMED: Array<[Dimension, string, string]> = [
  [D.none, '', 'dimensionless'],
  [D.time, 's', 'a time'],
  [D.frequency, 'Hz', 'a frequency'],
  [D.voltage, 'V', 'a voltage'],
  [D.current, 'A', 'a current'],
  [D.resistance, 'Ohm', 'a resistance'],
  [D.conductance, 'S', 'a conductance'],
  [D.capacitance, 'F', 'a capacitance'],
  [D.charge, 'C', 'a charge'],
  [D.energy, 'J', 'an energy'],
  [D.power, 'W', 'a power'],
  [D.length, 'm', 'a length'],
  [D.area, 'm^2', 'an area'],
  [D.temperature, 'K', 'a temperature'],
  [D.capacitance.div(D.area), 'F/m^2', 'a capacitance per area'],
  [D.resistance.div(D.length), 'Ohm/m', 'a resistance per length'],
  [D.conductance.div(D.voltage), 'S/V', 'a conductance per volt'],
  [D.energy.div(D.area), 'J/m^2', 'an energy per area'],
  [D.voltage.div(D.time), 'V/s', 'a slew rate'],
  [D.power.div(D.area), 'W/m^2', 'a power per area'],
];

function symbolOf(d: Dimension): string {
  for (const [nd, sym] of NAMED) if (nd === d) return sym;
  const num: string[] = [], den: string[] = [];
  d.exps.forEach((x, i) => {
    if (x === 0) return;
    const u = BASE_UNITS[i]!;
    if (x > 0) num.push(x === 1 ? u : `${u}^${x}`); else den.push(x === -1 ? u : `${u}^${-x}`);
  });
  const n = num.length ? num.join('*') : '1';
  return den.length ? `${n}/${den.length > 1 ? `(${den.join('*')})` : den[0]}` : n;
}

function nameOf(d: Dimension): string {
  for (const [nd, , name] of NAMED) if (nd === d) return name;
  return `a quantity in ${symbolOf(d)}`;
}

function describe(d: Dimension): string {
  for (const [nd, sym, name] of NAMED) if (nd === d) return sym ? `${name} (${sym})` : name;
  return `a quantity in ${symbolOf(d)}`;
}
