// The kind registry: structural invariants of every kind (unique names, defaults of the right
// type and inside their ranges, RC relations and ports that name real things), the did-you-mean
// helper, and S4's selector rule reproduced from the nmos defaults.
import { describe, expect, it } from 'vitest';
import { D } from '../../src/units/dimension.js';
import { parseUnit } from '../../src/units/units.js';
import type { KindSchema, PropSchema } from '../../src/semantics/schema.js';
import { CATEGORIES, KINDS, findKind, findProp, kindNames } from '../../src/semantics/kinds/index.js';
import { didYouMean, editDistance, suggest } from '../../src/semantics/suggest.js';
import { parseCompoundUnit } from '../../src/semantics/reference-tables.js';

function defaultProblem(p: PropSchema): string | null {
  const d = p.default;
  if (d === undefined || d === null) return null;
  const inRange = (x: number) =>
    (p.min === undefined || (p.minExclusive ? x > p.min : x >= p.min)) && (p.max === undefined || x <= p.max);
  switch (p.type.t) {
    case 'quantity':
      if (typeof d !== 'number' || !Number.isFinite(d)) return 'not a finite number';
      if (p.type.integer && !Number.isInteger(d)) return 'not an integer';
      return inRange(d) ? null : `out of range [${p.min}, ${p.max}]`;
    case 'enum':
      return typeof d === 'string' && p.type.choices.includes(d) ? null : 'not one of the choices';
    case 'bool':
      return typeof d === 'boolean' ? null : 'not a boolean';
    case 'string':
      return typeof d === 'string' ? null : 'not a string';
    case 'interval':
      if (!Array.isArray(d) || d.length !== 2 || !(d as number[]).every(Number.isFinite)) return 'not a [lo, hi] pair';
      return (d as number[])[0]! <= (d as number[])[1]! ? null : 'lo > hi';
    case 'list':
      return Array.isArray(d) && (d as number[]).every(Number.isFinite) ? null : 'not a list of numbers';
    case 'ref':
      return 'a reference cannot have a default other than null';
  }
}

describe('kind registry', () => {
  it('has unique kind names and the required kinds of each category', () => {
    const names = KINDS.map((k) => k.name);
    expect(new Set(names).size).toBe(names.length);
    expect(kindNames('device')).toEqual(expect.arrayContaining(['rram', 'ts_memristor', 'nmos']));
    expect(kindNames('neuron')).toEqual(expect.arrayContaining(['srm', 'lif', 'adaptive_threshold', 'dpi_lif', 'ts_hybrid']));
    expect(kindNames('circuit')).toEqual(expect.arrayContaining(
      ['crossbar', 'tia', 'lia', 'hebbian', 'stdp', 'clock', 'latch', 'io', 'capacitor', 'resistor']));
    expect(kindNames('technology')).toEqual(['technology']);
    expect(kindNames()).toEqual(names);
    expect(CATEGORIES.flatMap((c) => kindNames(c)).sort()).toEqual([...names].sort());
  });

  it('finds kinds and properties by name', () => {
    expect(findKind('srm')?.category).toBe('neuron');
    expect(findKind('nope')).toBeUndefined();
    const srm = findKind('srm')!;
    expect(findProp(srm, 'tau_s')?.scaled).toBe(true);
    expect(findProp(srm, 'tau_x')).toBeUndefined();
  });

  describe.each(KINDS.map((k) => [k.name, k] as [string, KindSchema]))('%s', (_name, k) => {
    it('has unique property names and a doc on every property', () => {
      const names = k.props.map((p) => p.name);
      expect(new Set(names).size).toBe(names.length);
      expect(k.doc.length).toBeGreaterThan(10);
      for (const p of k.props) {
        expect(p.doc.length, p.name).toBeGreaterThan(5);
        expect(p.name, p.name).toMatch(/^[a-z][a-z0-9_]*$/);
      }
    });

    it('has defaults of the right type inside their ranges', () => {
      for (const p of k.props) expect(defaultProblem(p), `${k.name}.${p.name}`).toBeNull();
    });

    it('has ranges and display units that fit the dimension', () => {
      for (const p of k.props) {
        if (p.min !== undefined && p.max !== undefined) expect(p.min, p.name).toBeLessThanOrEqual(p.max);
        if (p.scaled) expect(p.type.t === 'quantity' && p.type.dim === D.time, `${p.name} scaled but not a time`).toBe(true);
        if (p.displayUnit && p.displayUnit !== '%' && (p.type.t === 'quantity' || p.type.t === 'interval')) {
          const u = parseCompoundUnit(p.displayUnit);
          expect(u, `${k.name}.${p.name}: unit ${p.displayUnit}`).not.toBeNull();
          expect(u!.dim === p.type.dim, `${k.name}.${p.name}: ${p.displayUnit} is not ${p.type.dim.describe}`).toBe(true);
        }
        if (p.displayUnit === '%') expect(p.type.t === 'quantity' && p.type.dim === D.none).toBe(true);
        if (p.type.t === 'ref') expect(['device', 'neuron', 'circuit', 'technology']).toContain(p.type.category);
        if (p.type.t === 'ref' && p.type.kinds) {
          for (const kn of p.type.kinds) expect(findKind(kn)?.category, `${p.name} -> ${kn}`).toBe(p.type.category);
        }
      }
    });

    it('has rc relations over a time, a resistance and a capacitance', () => {
      for (const r of k.rc ?? []) {
        const dim = (n: string) => {
          const p = findProp(k, n);
          expect(p, `${k.name}: rc names unknown property ${n}`).toBeDefined();
          return p!.type.t === 'quantity' ? p!.type.dim : null;
        };
        expect(dim(r.tau)).toBe(D.time);
        expect(dim(r.r)).toBe(D.resistance);
        expect(dim(r.c)).toBe(D.capacitance);
        expect(findProp(k, r.tau)!.scaled).toBe(true);
      }
    });

    it('has ports whose widths and defaults refer to real dims, props and ports', () => {
      const ports = k.ports ?? [];
      expect(new Set(ports.map((p) => p.name)).size).toBe(ports.length);
      for (const port of ports) {
        const w = port.width;
        if (w === 'dim0') expect(k.dims?.length ?? 0, port.name).toBeGreaterThanOrEqual(1);
        if (w === 'dim1') expect(k.dims?.length ?? 0, port.name).toBeGreaterThanOrEqual(2);
        if (typeof w === 'object') {
          const p = findProp(k, w.prop);
          expect(p && p.type.t === 'quantity' && p.type.integer, `${k.name}.${port.name} width ${w.prop}`).toBe(true);
        }
      }
      if (k.defaultIn) expect(ports.find((p) => p.name === k.defaultIn)?.dir).toBe('in');
      if (k.defaultOut) expect(ports.find((p) => p.name === k.defaultOut)?.dir).toBe('out');
      if (k.category === 'neuron') {
        expect(k.defaultIn).toBe('in');
        expect(k.defaultOut).toBe('out');
        expect(k.dims).toEqual(['n']);
      }
      if (k.category === 'device' || k.category === 'technology') expect(ports).toEqual([]);
    });
  });

  it('carries the seed systems\' published defaults', () => {
    const v = (kind: string, prop: string) => findProp(findKind(kind)!, prop)!.default;
    expect(v('srm', 'tau_s')).toBeCloseTo(50e-3);          // S1
    expect(v('srm', 'tau_r')).toBeCloseTo(5e-3);           // S1
    expect(v('adaptive_threshold', 'r')).toBeCloseTo(4.56e3);
    expect(v('adaptive_threshold', 'c')).toBeCloseTo(10.14e-12, 20);
    expect(v('adaptive_threshold', 'threshold')).toBeCloseTo(0.55);
    expect(v('dpi_lif', 'c_mem')).toBeCloseTo(260e-9, 15);
    expect(v('dpi_lif', 'v_syn_tau')).toBeCloseTo(1.44);
    expect(v('rram', 'levels')).toBe(23);                   // S4
    expect(v('ts_hybrid', 'refractory')).toBeCloseTo(500e-6);
    expect(v('lia', 'v_ref')).toBeCloseTo(50e-3);
    expect(v('io', 'min_spike_width')).toBeCloseTo(267e-12, 20);
  });
});

describe('S4 selector rule from the nmos defaults', () => {
  it('W/L = 65 at the default gate gives R_on = 120 Ohm within 1 %', () => {
    const nmos = findKind('nmos')!;
    const k = findProp(nmos, 'k_prime')!.default as number;
    const vg = findProp(nmos, 'v_gate')!.default as number;
    const vth = findProp(nmos, 'v_th')!.default as number;
    // Triode region at small V_ds: I = k' (W/L) (V_gs - V_th) V_ds, so R_on = 1 / (k' W/L V_ov).
    const ron = 1 / (k * 65 * (vg - vth));
    expect(Math.abs(ron - 120) / 120).toBeLessThan(0.01);
    // ... which is within S4's 10 % rule for a 1 kOhm LRS, and fails it at W/L = 5.
    expect(ron / 1000).toBeLessThan(0.13);
    expect(1 / (k * 5 * (vg - vth)) / 1000).toBeGreaterThan(0.1);
  });

  it('k_prime is a transconductance in A/V^2', () => {
    const p = findProp(findKind('nmos')!, 'k_prime')!;
    const aPerV2 = parseUnit('A')!.dim.div(parseUnit('V')!.dim.pow(2));
    expect(p.type.t === 'quantity' && p.type.dim === aPerV2).toBe(true);
  });
});

describe('suggest', () => {
  const srm = findKind('srm')!.props.map((p) => p.name);

  it('corrects case slips, typos and transpositions', () => {
    expect(suggest('tau_S', srm)).toBe('tau_s');
    expect(suggest('treshold', srm)).toBe('threshold');
    expect(suggest('threshhold', srm)).toBe('threshold');
    expect(suggest('thershold', srm)).toBe('threshold');
    expect(suggest('tua_s', srm)).toBe('tau_s');
    expect(suggest('Tau_R', srm)).toBe('tau_r');
  });

  it('stays silent for unrelated words', () => {
    expect(suggest('frequency', srm)).toBeNull();
    expect(suggest('x', ['y'])).toBeNull();
    expect(suggest('abc', [])).toBeNull();
  });

  it('prefers the candidate closest in exact case on ties, then alphabetical order', () => {
    expect(suggest('Foo', ['FOO', 'Fox'])).toBe('FOO');
    expect(suggest('cat', ['cab', 'car'])).toBe('cab');
  });

  it('computes Damerau-Levenshtein distances', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('tau_s', 'tau_s')).toBe(0);
  });

  it('writes hints', () => {
    expect(didYouMean('tau_S', srm)).toBe("did you mean 'tau_s'?");
    expect(didYouMean('zzz', ['b', 'a'])).toBe("valid names are 'a' and 'b'");
    expect(didYouMean('zzz', ['a'])).toBe("the only valid name is 'a'");
    expect(didYouMean('zzz', [])).toBe('');
    expect(didYouMean('zzzzzzzz', 'abcdefgh'.split(''))).toBe("valid names are 'a', 'b', 'c', 'd', 'e', 'f' and 2 more");
  });
});
