import { describe, expect, it } from 'vitest';
import type * as A from '../../src/syntax/ast.js';
import { expr, parseOk, strip } from './helpers.js';

const num = (raw: string, value: number, unit: string | null = null) => ({ kind: 'Number', value, unit, raw });
const name = (...parts: string[]) => ({ kind: 'Name', parts: parts.map((p) => ({ name: p })) });
const id = (n: string) => ({ name: n });

function only<T extends A.TopItem['kind']>(text: string, kind: T): Extract<A.TopItem, { kind: T }> {
  const p = parseOk(text);
  expect(p.items).toHaveLength(1);
  expect(p.items[0]!.kind).toBe(kind);
  return p.items[0] as Extract<A.TopItem, { kind: T }>;
}

describe('declarations', () => {
  it('import and const', () => {
    const p = strip(parseOk('import "std/devices.snn";\nconst VDD = 1.8V;'));
    expect(p.items).toEqual([
      { kind: 'Import', path: { kind: 'String', value: 'std/devices.snn', raw: '"std/devices.snn"' } },
      { kind: 'Const', name: id('VDD'), value: num('1.8V', 1.8, 'V') },
    ]);
  });

  it('technology with an angle quantity', () => {
    const t = strip(only('technology cmos180 { node = 180nm; vdd = VDD; cap_density = <2 fF per um^2>; }', 'TypeDecl'));
    expect(t).toEqual({
      kind: 'TypeDecl', category: 'technology', name: id('cmos180'), base: null,
      body: [
        { kind: 'Property', name: id('node'), value: num('180nm', 180, 'nm') },
        { kind: 'Property', name: id('vdd'), value: name('VDD') },
        {
          kind: 'Property', name: id('cap_density'),
          value: {
            kind: 'Quantity', value: 2, numberRaw: '2',
            unit: { numerator: [{ name: 'fF', exponent: 1 }], denominator: [{ name: 'um', exponent: 2 }] },
          },
        },
      ],
    });
  });

  it('device with a kind, properties named by keywords', () => {
    const d = strip(only('device HfO2 : rram { g_min = 2uS; levels = 32; program_sigma = 3%; device = x; input = 1; per = 2; }', 'TypeDecl'));
    expect(d.category).toBe('device');
    expect(d.base).toEqual(id('rram'));
    expect(d.body.map((p) => p.name.name)).toEqual(['g_min', 'levels', 'program_sigma', 'device', 'input', 'per']);
  });

  it('neuron derivation, circuit, empty body', () => {
    const n = strip(only('neuron SRM10 : SRM50 { tau_s = 10ms; tau_r = 1ms; }', 'TypeDecl'));
    expect(n).toMatchObject({ category: 'neuron', name: id('SRM10'), base: id('SRM50') });
    expect(strip(only('circuit C {}', 'TypeDecl'))).toEqual({ kind: 'TypeDecl', category: 'circuit', name: id('C'), base: null, body: [] });
  });

  it('macro with parameters and every instance form', () => {
    const m = strip(only(`macro PE(rows = 128, cols) {
      timescale = 50000;
      crossbar xb[rows, cols] { cell = 1T1R; device = HfO2; }
      tia t[cols] { gain = 10kOhm; }
      neurons n[cols] : SRM50;
      io { spike_width = 1ns; }
      PE2 sub { rows = 64; }
      PE3 sub2[2] : PE(rows = 4);
      x y;
      connect xb.columns -> t -> n;
    }`, 'Macro'));
    expect(m.params).toEqual([{ name: id('rows'), default: num('128', 128) }, { name: id('cols'), default: null }]);
    expect(m.body.map((i) => i.kind)).toEqual(['Property', 'Instance', 'Instance', 'Instance', 'Instance', 'Instance', 'Instance', 'Instance', 'Connect']);
    expect(m.body[1]).toEqual({
      kind: 'Instance', kindName: id('crossbar'), name: id('xb'), anonymous: false,
      dims: [name('rows'), name('cols')], type: null,
      body: [
        { kind: 'Property', name: id('cell'), value: num('1T1R', 1, 'T1R') },
        { kind: 'Property', name: id('device'), value: name('HfO2') },
      ],
    });
    expect(m.body[3]).toEqual({
      kind: 'Instance', kindName: id('neurons'), name: id('n'), anonymous: false,
      dims: [name('cols')], type: { name: id('SRM50'), args: null }, body: null,
    });
    expect(m.body[4]).toEqual({
      kind: 'Instance', kindName: id('io'), name: id('io'), anonymous: true, dims: [], type: null,
      body: [{ kind: 'Property', name: id('spike_width'), value: num('1ns', 1, 'ns') }],
    });
    expect(m.body[5]).toMatchObject({ kindName: id('PE2'), name: id('sub'), anonymous: false, body: [{ name: id('rows') }] });
    expect(m.body[6]).toMatchObject({
      kindName: id('PE3'), name: id('sub2'), dims: [num('2', 2)],
      type: { name: id('PE'), args: [{ name: id('rows'), value: num('4', 4) }] }, body: null,
    });
    expect(m.body[7]).toMatchObject({ kindName: id('x'), name: id('y'), dims: [], type: null, body: null });
    expect(m.body[8]).toEqual({
      kind: 'Connect',
      chain: [
        { kind: 'Path', segments: [{ name: id('xb'), indices: null }, { name: id('columns'), indices: null }] },
        { kind: 'Path', segments: [{ name: id('t'), indices: null }] },
        { kind: 'Path', segments: [{ name: id('n'), indices: null }] },
      ],
    });
  });

  it('macro without parameters, with empty parameters', () => {
    expect(strip(only('macro M {}', 'Macro'))).toEqual({ kind: 'Macro', name: id('M'), params: [], body: [] });
    expect(strip(only('macro M() {}', 'Macro'))).toEqual({ kind: 'Macro', name: id('M'), params: [], body: [] });
  });

  it('network with input, layer, weights and connect', () => {
    const n = strip(only(`network digits {
      input pixels[64];
      layer out : PE(rows = 64, cols = 10) weights "weights/digits64x10.json";
      layer hidden : software { neurons = 32; }
      connect pixels -> hidden -> out;
      timescale = 1;
    }`, 'Network'));
    expect(n.body[0]).toEqual({ kind: 'Input', name: id('pixels'), dims: [num('64', 64)] });
    expect(n.body[1]).toEqual({
      kind: 'Layer', name: id('out'),
      type: { name: id('PE'), args: [{ name: id('rows'), value: num('64', 64) }, { name: id('cols'), value: num('10', 10) }] },
      weights: { kind: 'String', value: 'weights/digits64x10.json', raw: '"weights/digits64x10.json"' }, body: null,
    });
    expect(n.body[2]).toMatchObject({ kind: 'Layer', type: { name: id('software'), args: null }, weights: null, body: [{ name: id('neurons') }] });
    expect(n.body.map((i) => i.kind)).toEqual(['Input', 'Layer', 'Layer', 'Connect', 'Property']);
  });

  it('stimulus with a call of named arguments', () => {
    const s = strip(only('stimulus latency_digits { dataset = "data/digits8x8.csv"; encode = latency(t_max = 20us, threshold = 0.3); }', 'Stimulus'));
    expect(s.body[1]).toEqual({
      kind: 'Property', name: id('encode'),
      value: {
        kind: 'Call', callee: id('latency'),
        args: [{ name: id('t_max'), value: num('20us', 20, 'us') }, { name: id('threshold'), value: num('0.3', 0.3) }],
      },
    });
  });

  it('simulate with probes', () => {
    const s = strip(only('simulate run1 { design = digits; stimulus = latency_digits; duration = 100us; seed = 1; probe n[*].spike, n[0].v, xb.g[0, 0..9]; vcd = "out/run1.vcd"; }', 'Simulate'));
    expect(s.body.map((i) => i.kind)).toEqual(['Property', 'Property', 'Property', 'Property', 'Probe', 'Property']);
    expect(s.body[4]).toEqual({
      kind: 'Probe',
      paths: [
        { kind: 'Path', segments: [{ name: id('n'), indices: [{ kind: 'IndexStar' }] }, { name: id('spike'), indices: null }] },
        { kind: 'Path', segments: [{ name: id('n'), indices: [{ kind: 'IndexExpr', expr: num('0', 0) }] }, { name: id('v'), indices: null }] },
        {
          kind: 'Path',
          segments: [
            { name: id('xb'), indices: null },
            { name: id('g'), indices: [{ kind: 'IndexExpr', expr: num('0', 0) }, { kind: 'IndexRange', from: num('0', 0), to: num('9', 9) }] },
          ],
        },
      ],
    });
  });

  it('sweep with vary, keep and metrics', () => {
    const s = strip(only('sweep tau { run = run1; vary PE.neurons.tau_s over [10ms, 30ms, 50ms, 70ms]; keep tau_r = tau_s / 10; metrics = [accuracy, energy_per_inference, area]; }', 'Sweep'));
    expect(s.body[1]).toEqual({
      kind: 'Vary',
      target: { kind: 'Path', segments: ['PE', 'neurons', 'tau_s'].map((n) => ({ name: id(n), indices: null })) },
      values: { kind: 'List', items: [num('10ms', 10, 'ms'), num('30ms', 30, 'ms'), num('50ms', 50, 'ms'), num('70ms', 70, 'ms')] },
    });
    expect(s.body[2]).toEqual({
      kind: 'Keep', target: { kind: 'Path', segments: [{ name: id('tau_r'), indices: null }] },
      value: { kind: 'Binary', op: '/', left: name('tau_s'), right: num('10', 10) },
    });
    expect(s.body[3]).toMatchObject({ kind: 'Property', name: id('metrics'), value: { kind: 'List' } });
  });

  it('keywords may be path segments and property names in every block', () => {
    parseOk('simulate s { probe = 1; probe input.layer, device; }');
    parseOk('sweep s { vary = 1; keep = 2; vary stimulus.x over [1]; keep device = 2; }');
    parseOk('network n { input = 1; layer = 2; connect = 3; input i[1]; }');
    parseOk('macro m { connect = 1; weights = 2; connect a.input -> b.weights; }');
  });
});

describe('expressions', () => {
  it('precedence: ^ binds tightest, unary minus looser than ^', () => {
    expect(expr('-2^2')).toEqual({ kind: 'Unary', op: '-', operand: { kind: 'Binary', op: '^', left: num('2', 2), right: num('2', 2) } });
    expect(expr('2^3^2')).toEqual({
      kind: 'Binary', op: '^', left: num('2', 2), right: { kind: 'Binary', op: '^', left: num('3', 3), right: num('2', 2) },
    });
    expect(expr('2^-1')).toEqual({ kind: 'Binary', op: '^', left: num('2', 2), right: { kind: 'Unary', op: '-', operand: num('1', 1) } });
    expect(expr('1 + 2 * 3')).toEqual({
      kind: 'Binary', op: '+', left: num('1', 1), right: { kind: 'Binary', op: '*', left: num('2', 2), right: num('3', 3) },
    });
    expect(expr('1 - 2 - 3')).toEqual({
      kind: 'Binary', op: '-', left: { kind: 'Binary', op: '-', left: num('1', 1), right: num('2', 2) }, right: num('3', 3),
    });
    expect(expr('-a * b')).toEqual({ kind: 'Binary', op: '*', left: { kind: 'Unary', op: '-', operand: name('a') }, right: name('b') });
    expect(expr('a * -b ^ 2')).toEqual({
      kind: 'Binary', op: '*', left: name('a'),
      right: { kind: 'Unary', op: '-', operand: { kind: 'Binary', op: '^', left: name('b'), right: num('2', 2) } },
    });
    expect(expr('--+a')).toEqual({
      kind: 'Unary', op: '-', operand: { kind: 'Unary', op: '-', operand: { kind: 'Unary', op: '+', operand: name('a') } },
    });
  });

  it('parentheses, lists, calls, names, booleans, strings', () => {
    expect(expr('(1 + 2) * 3')).toMatchObject({ kind: 'Binary', op: '*', left: { kind: 'Paren', inner: { kind: 'Binary', op: '+' } } });
    expect(expr('[]')).toEqual({ kind: 'List', items: [] });
    expect(expr('[0V, VDD]')).toEqual({ kind: 'List', items: [num('0V', 0, 'V'), name('VDD')] });
    expect(expr('[[1], [2, 3]]')).toMatchObject({ kind: 'List', items: [{ kind: 'List' }, { kind: 'List' }] });
    expect(expr('min(a, max(b, 1))')).toEqual({
      kind: 'Call', callee: id('min'),
      args: [{ name: null, value: name('a') }, { name: null, value: { kind: 'Call', callee: id('max'), args: [{ name: null, value: name('b') }, { name: null, value: num('1', 1) }] } }],
    });
    expect(expr('f()')).toEqual({ kind: 'Call', callee: id('f'), args: [] });
    expect(expr('SRM50.tau_s')).toEqual(name('SRM50', 'tau_s'));
    expect(expr('a.device')).toEqual(name('a', 'device'));
    expect(expr('true')).toEqual({ kind: 'Bool', value: true });
    expect(expr('false')).toEqual({ kind: 'Bool', value: false });
    expect(expr('exp(-t / (R * C))')).toMatchObject({ kind: 'Call', callee: id('exp'), args: [{ value: { kind: 'Binary', op: '/' } }] });
  });

  it('compound units: angle quantities and unit expressions', () => {
    expect(expr('<1 kΩ per um>')).toEqual({
      kind: 'Quantity', value: 1, numberRaw: '1',
      unit: { numerator: [{ name: 'kΩ', exponent: 1 }], denominator: [{ name: 'um', exponent: 1 }] },
    });
    expect(expr('<1 J / m * s^-1>')).toEqual({
      kind: 'Quantity', value: 1, numberRaw: '1',
      unit: { numerator: [{ name: 'J', exponent: 1 }], denominator: [{ name: 'm', exponent: 1 }, { name: 's', exponent: -1 }] },
    });
    expect(expr('<2fF per um^2>')).toEqual({
      kind: 'Quantity', value: 2, numberRaw: '2',
      unit: { numerator: [{ name: 'fF', exponent: 1 }], denominator: [{ name: 'um', exponent: 2 }] },
    });
    expect(expr('<3 per s>')).toEqual({
      kind: 'Quantity', value: 3, numberRaw: '3', unit: { numerator: [], denominator: [{ name: 's', exponent: 1 }] },
    });
    expect(expr('2fF/um^2')).toEqual({
      kind: 'Binary', op: '/', left: num('2fF', 2, 'fF'), right: { kind: 'Binary', op: '^', left: name('um'), right: num('2', 2) },
    });
    expect(expr('1 / kΩ')).toEqual({ kind: 'Binary', op: '/', left: num('1', 1), right: name('kΩ') });
  });
});

describe('spans', () => {
  it('every node of a const gets [start, end) offsets', () => {
    const text = 'const X = -a^2 + f(y = 1);';
    const p = parseOk(text);
    const c = p.items[0] as A.ConstDecl;
    const at = (s: { start: number; end: number }) => text.slice(s.start, s.end);
    expect(at(p.span)).toBe(text);
    expect(at(c.span)).toBe(text);
    expect(at(c.name.span)).toBe('X');
    const sum = c.value as A.Binary;
    expect(at(sum.span)).toBe('-a^2 + f(y = 1)');
    const neg = sum.left as A.Unary;
    expect(at(neg.span)).toBe('-a^2');
    expect(at(neg.operand.span)).toBe('a^2');
    const call = sum.right as A.Call;
    expect(at(call.span)).toBe('f(y = 1)');
    expect(at(call.callee.span)).toBe('f');
    expect(at(call.args[0]!.span)).toBe('y = 1');
    expect(at(call.args[0]!.name!.span)).toBe('y');
    expect(call.span.file).toBe('test.snn');
  });

  it('paths, indices, instances, quantities', () => {
    const text = 'macro M {\n  neurons n[cols] : SRM50;\n  io { w = <2 fF per um^2>; }\n  connect xb.g[0, 0..9] -> n[*];\n}\n';
    const m = parseOk(text).items[0] as A.MacroDecl;
    const at = (s: { start: number; end: number }) => text.slice(s.start, s.end);
    expect(at(m.span)).toBe(text.trimEnd());
    const [inst, io, conn] = m.body as [A.InstanceDecl, A.InstanceDecl, A.ConnectStmt];
    expect(at(inst.span)).toBe('neurons n[cols] : SRM50;');
    expect(at(inst.type!.span)).toBe('SRM50');
    expect(at(inst.dims[0]!.span)).toBe('cols');
    expect(at(io.span)).toBe('io { w = <2 fF per um^2>; }');
    expect(at(io.name.span)).toBe('io');
    const q = io.body![0]!.value as A.QuantityLit;
    expect(at(q.span)).toBe('<2 fF per um^2>');
    expect(at(q.unit.span)).toBe('fF per um^2');
    expect(at(q.unit.denominator[0]!.span)).toBe('um^2');
    expect(at(conn.span)).toBe('connect xb.g[0, 0..9] -> n[*];');
    const [p1, p2] = conn.chain as [A.Path, A.Path];
    expect(at(p1.span)).toBe('xb.g[0, 0..9]');
    expect(at(p1.segments[1]!.span)).toBe('g[0, 0..9]');
    expect(at(p1.segments[1]!.indices![1]!.span)).toBe('0..9');
    expect(at(p2.segments[0]!.indices![0]!.span)).toBe('*');
  });
});
