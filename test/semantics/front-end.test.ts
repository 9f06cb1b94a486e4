// Semantics through the whole front end on small programs: units through expressions and
// properties, name resolution, derivation with overrides, RC relations under time scaling,
// imports. Expected numbers are computed here from the definitions (tau = R C, C = tau / (k R)).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, frontEnd } from '../../src/driver/pipeline.js';
import type { DesignIR, Value } from '../../src/elaborate/ir.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snn-sem-'));
function run(text: string, top?: string) {
  const file = path.join(dir, `t${Math.random().toString(36).slice(2)}.snn`);
  fs.writeFileSync(file, text);
  return frontEnd(file, top ? { top } : {});
}
function errors(text: string) {
  const file = path.join(dir, `c${Math.random().toString(36).slice(2)}.snn`);
  fs.writeFileSync(file, text);
  return check(file).diags.items;
}
const q = (v: Value | undefined) => (v && 'q' in v ? v.q : NaN);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('units through expressions', () => {
  it('R * C is a time: 4.56 kOhm * 10.14 pF = 46.2384 ns', () => {
    const ir = run('neuron A : adaptive_threshold { tau = 4.56kOhm * 10.14pF; r = 4.56kOhm; }\nmacro M { neurons n[1] : A; }').ir!;
    expect(rel(q(ir.instances[0]!.component.props.tau), 4.56e3 * 10.14e-12)).toBeLessThan(1e-12);
  });
  it('adding volts to amperes names both', () => {
    const ds = errors('const a = 1V + 1A;');
    expect(ds).toHaveLength(1);
    expect(ds[0]!.code).toBe('SNN3002');
    expect(ds[0]!.message).toContain('1 V (a voltage)');
    expect(ds[0]!.message).toContain('1 A (a current)');
  });
  it('a time where a conductance is expected names both', () => {
    const ds = errors('device D : rram { g_min = 5ms; }');
    expect(ds.map((d) => d.code)).toEqual(['SNN3003']);
    expect(ds[0]!.message).toContain('a conductance (S)');
    expect(ds[0]!.message).toContain('5 ms (a time)');
  });
  it('compound units: 2 fF per um^2 three ways', () => {
    const ir = run('technology T { vdd = 1V; cap_density = <2 fF per um^2>; }\ntechnology U : T { cap_density = 2fF/um^2; }\ntechnology W : T { cap_density = 2e-15F / (1um * 1um); }\nmacro M { technology = T; }').ir!;
    expect(rel(q(ir.macros[0]!.technology!.props.cap_density), 2e-3)).toBeLessThan(1e-12);
    const r2 = run('technology T { vdd = 1V; }\ntechnology U : T { cap_density = 2fF/um^2; }\nmacro M { technology = U; }').ir!;
    expect(rel(q(r2.macros[0]!.technology!.props.cap_density), 2e-3)).toBeLessThan(1e-12);
  });
  it('reports every error of a file in one run', () => {
    const ds = errors('const a = 1V + 1A;\nconst b = 1V * 2 + 3;\nneuron N : srm { tau_S = 1ms; threshold = 2A; }');
    expect(ds.map((d) => d.code).sort()).toEqual(['SNN3002', 'SNN3002', 'SNN3003', 'SNN5001']);
    expect(ds.find((d) => d.code === 'SNN5001')!.hint).toContain('tau_s');
  });
});

describe('time scaling and RC relations', () => {
  const src = (k: number) => `neuron SRM50 : srm { tau_s = 50ms; tau_r = 5ms; r_s = 100kOhm; r_r = 100kOhm; }
neuron SRM10 : SRM50 { tau_s = 10ms; tau_r = 1ms; }
macro PE(cols = 4) { timescale = ${k}; neurons n[cols] : SRM10; }`;
  it('implies C = tau / (timescale * R) and the hardware-time constants', () => {
    const ir: DesignIR = run(src(50000)).ir!;
    const c = ir.instances[0]!.component;
    expect(c.lineage).toEqual(['SRM10', 'SRM50', 'srm']);
    expect(rel(q(c.props.c_s), 10e-3 / 50000 / 100e3)).toBeLessThan(1e-12); // 2 pF
    expect(rel(q(c.props.c_r), 1e-3 / 50000 / 100e3)).toBeLessThan(1e-12);  // 0.2 pF
    expect(rel(q(c.derived.c_s), 2e-12)).toBeLessThan(1e-12);
    expect(rel(q(c.derived.tau_s_hw), 0.2e-6)).toBeLessThan(1e-12);
    expect(ir.macros[0]!.timescale).toBe(50000);
  });
  it('R and C given imply tau in data time', () => {
    const ir = run('neuron A : srm { r_s = 100kOhm; c_s = 1pF; r_r = 10kOhm; c_r = 1pF; }\nmacro M { timescale = 1000; neurons n[2] : A; }').ir!;
    const c = ir.instances[0]!.component;
    expect(rel(q(c.props.tau_s), 100e3 * 1e-12 * 1000)).toBeLessThan(1e-12);
    expect('tau_s' in c.derived).toBe(true);
  });
  it('an override of tau in a derived type recomputes C from the inherited R', () => {
    const ir = run('neuron A : srm { r_s = 100kOhm; c_s = 1pF; }\nneuron B : A { tau_s = 20ms; }\nmacro M { neurons n[1] : B; }').ir!;
    expect(rel(q(ir.instances[0]!.component.props.c_s), 20e-3 / 100e3)).toBeLessThan(1e-12);
  });
  it('all three at one level is over-determined', () => {
    expect(errors('neuron A : srm { tau_s = 1ms; r_s = 1kOhm; c_s = 1pF; }').map((d) => d.code)).toEqual(['SNN5006']);
  });
});

describe('names, derivation and connections', () => {
  it('derivation keeps base values and applies overrides', () => {
    const ir = run('neuron A : lif { threshold = 0.3V; tau_m = 20ms; }\nneuron B : A { threshold = 0.4V; }\nmacro M { neurons n[3] : B; }').ir!;
    const p = ir.instances[0]!.component.props;
    expect(q(p.threshold)).toBeCloseTo(0.4, 15);
    expect(q(p.tau_m)).toBeCloseTo(0.02, 15);
    expect(ir.instances[0]!.shape).toEqual([3]);
  });
  it('connect chains check widths and name ports', () => {
    const base = 'device D : rram { }\nmacro M { crossbar xb[8, 4] { device = D; } tia t[W] { } neurons n[4] : N; connect xb.columns -> t -> n; }\nneuron N : srm { }';
    const ok = run(base.replace('W', '4')).ir!;
    expect(ok.connections.map((c) => `${c.from.instance}.${c.from.port}->${c.to.instance}.${c.to.port}/${c.from.width}`))
      .toEqual(['xb.columns->t.in/4', 't.out->n.in/4']);
    const bad = errors(base.replace('W', '5'));
    expect(bad.map((d) => d.code)).toContain('SNN7002');
  });
  it('suggests the nearest name for typos', () => {
    const ds = errors('const VDD = 1.8V;\nconst x = VDDD;');
    expect(ds[0]!.code).toBe('SNN4001');
    expect(ds[0]!.hint).toContain("'VDD'");
  });
});

describe('imports', () => {
  it('reads the standard library and relative files; reports cycles', () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'snn-imp-'));
    fs.writeFileSync(path.join(d, 'lib.snn'), 'const K = 3V;');
    fs.writeFileSync(path.join(d, 'main.snn'), 'import "lib.snn";\nimport "std/neurons.snn";\nconst J = K * 2;');
    expect(check(path.join(d, 'main.snn')).diags.items).toEqual([]);
    fs.writeFileSync(path.join(d, 'a.snn'), 'import "b.snn";');
    fs.writeFileSync(path.join(d, 'b.snn'), 'import "a.snn";');
    expect(check(path.join(d, 'a.snn')).diags.items.map((x) => x.code)).toEqual(['SNN4004']);
  });
  it('refuses imports that leave the project folder unless allowed', () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'snn-out-'));
    fs.mkdirSync(path.join(d, 'proj'));
    fs.writeFileSync(path.join(d, 'secret.snn'), 'const S = 1V;');
    fs.writeFileSync(path.join(d, 'proj', 'main.snn'), 'import "../secret.snn";\nconst T = S;');
    expect(check(path.join(d, 'proj', 'main.snn')).diags.items.map((x) => x.code)).toContain('SNN4005');
    expect(check(path.join(d, 'proj', 'main.snn'), { allowOutsideImports: true }).diags.items).toEqual([]);
  });
});
