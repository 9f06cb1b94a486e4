// The constant folder behind specialised model classes (src/twin/codegen/fold.ts): a folded
// method computes exactly what the original computes (checked by evaluating both on random
// inputs, with Object.is, so -0 and NaN count), constants become literals, dead branches go,
// and names are never substituted where they are declared, assigned or used as property names.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { foldNode, type Constant } from '../../../src/twin/codegen/fold.js';

const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });

/** Folds method `m` of `class K { ... }` and returns the folded method's text. */
function foldMethod(classBody: string, fields: Record<string, Constant>, names: Record<string, Constant> = {}): string {
  const sf = ts.createSourceFile('k.ts', `class K {\n${classBody}\n}`, ts.ScriptTarget.ES2022, true);
  const cls = sf.statements[0] as ts.ClassDeclaration;
  const m = cls.members.find((x) => ts.isMethodDeclaration(x))!;
  const folded = foldNode(m, { fields: new Map(Object.entries(fields)), names: new Map(Object.entries(names)) });
  return printer.printNode(ts.EmitHint.Unspecified, folded, sf);
}

/** A method's text -> a JS function (this, x, y) => result (types are erased by transpiling). */
function compile(methodText: string): (self: object, x: number, y: number) => unknown {
  const js = ts.transpileModule(`class K { ${methodText} }\nexport default K;`, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } }).outputText;
  const mod = { exports: {} as { default: new () => { m(x: number, y: number): unknown } } };
  new Function('module', 'exports', js)(mod, mod.exports);
  const K = mod.exports.default;
  return (self, x, y) => K.prototype.m.call(self, x, y);
}

const numbers = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 2, 0.5, 1e-7, 1e300, NaN, Infinity, -Infinity),
  fc.double({ noNaN: false }),
  fc.integer({ min: -5, max: 5 }),
);

function lit(v: Constant): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Object.is(v, -0) ? '(-0)' : Number.isNaN(v) ? 'NaN' : v < 0 ? `(${v})` : String(v);
  return String(v);
}

/**
 * Random expressions over x, y (run-time numbers), this.a, this.b (folded numeric fields),
 * this.f (a folded boolean), this.mode (a folded enum word), this.c (not folded) and literals:
 * numeric ones (arithmetic, ?:, ??) and conditions (comparisons, !, &&, ||).
 */
const { num: numExpr } = fc.letrec((tie) => ({
  num: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.constantFrom('x', 'y', 'this.a', 'this.b', 'this.c'), numbers.map(lit)),
    fc.tuple(tie('num'), fc.constantFrom('+', '-', '*', '/', '%'), tie('num')).map(([a, op, b]) => `(${String(a)} ${op} ${String(b)})`),
    tie('num').map((a) => `(-${String(a)})`),
    fc.tuple(tie('cond'), tie('num'), tie('num')).map(([c, a, b]) => `(${String(c)} ? ${String(a)} : ${String(b)})`),
    tie('num').map((a) => `(this.n ?? ${String(a)})`),
  ),
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('this.f', 'true', 'false', 'this.mode === "MOD"', 'this.mode !== "MOS"', 'this.n === null'),
    fc.tuple(tie('num'), fc.constantFrom('<', '<=', '>', '>=', '===', '!=='), tie('num')).map(([a, op, b]) => `(${String(a)} ${op} ${String(b)})`),
    fc.tuple(tie('cond'), fc.constantFrom('&&', '||'), tie('cond')).map(([a, op, b]) => `(${String(a)} ${op} ${String(b)})`),
    tie('cond').map((a) => `(!${String(a)})`),
  ),
}));
const expr = fc.oneof(numExpr as fc.Arbitrary<string>, fc.tuple(numExpr, numExpr).map(([a, b]) => `[${String(a)}, ${String(b)}]`));
const fieldValues = fc.record({ a: numbers, b: numbers, f: fc.boolean(), mode: fc.constantFrom('MOD', 'MOS'), n: fc.constantFrom(null, 2, -0) });

describe('constant folding', () => {
  it('a folded expression gives exactly the original value (random expressions and inputs)', () => {
    let changed = 0;
    fc.assert(fc.property(expr, fieldValues, numbers, numbers, (e, fields, x, y) => {
      const body = `m(x: any, y: any): any { return ${e}; }`;
      const orig = compile(body)({ ...fields, c: 3 }, x, y);
      const foldedText = foldMethod(body, fields);
      expect(foldedText).not.toMatch(/this\.(a|b|f|mode|n)\b/);
      if (foldedText.length < body.length - 8) changed++;
      const folded = compile(foldedText)({ c: 3 }, x, y);
      const same = (p: unknown, q: unknown): boolean => Object.is(p, q) || (Array.isArray(p) && Array.isArray(q) && p.every((v, i) => Object.is(v, q[i])));
      expect(same(folded, orig), `${e} -> ${foldedText}: ${String(folded)} vs ${String(orig)}`).toBe(true);
    }), { numRuns: 300, seed: 20261122 });
    expect(changed).toBeGreaterThan(75); // the folder did fold most of them
  });

  it('removes the branches a constant rules out and propagates const locals', () => {
    const body = `m(x: number, y: number): number {
      const k = this.gain, mode = this.mode;
      if (mode === 'hard') { return -1; }
      let s = 0;
      if (k > 10) { s += x * k; } else { s -= y; }
      return this.clip ? Math.min(s, 1) : s;
    }`;
    const text = foldMethod(body, { gain: 20, mode: 'soft', clip: false });
    expect(text).not.toMatch(/\bif\b|\?|this\.|mode|hard|Math\.min/);
    expect(text).toContain('s += x * 20');
    const f = compile(text), g = compile(body);
    for (const [x, y] of [[1, 2], [-3, 0.5], [0, -0]] as const) expect(f({}, x, y)).toBe(g({ gain: 20, mode: 'soft', clip: false }, x, y));
  });

  it('keeps code after a taken return out, and keeps statements before it', () => {
    const text = foldMethod(`m(x: number): number { x = x + 1; if (this.voltage) { return x * 2; } return x * 3; }`, { voltage: true });
    expect(text).toContain('x = x + 1');
    expect(text).toContain('return x * 2');
    expect(text).not.toContain('x * 3');
  });

  it('does not substitute names that a method declares, assigns or uses as property names', () => {
    const body = `m(IN: number, y: number): number {
      const o = { OUT: 1, IN };
      this.count += this.step;
      return o.OUT + IN + OUT + this.OUT;
    }`;
    const text = foldMethod(body, { step: 2, OUT: 5 }, { IN: 0, OUT: 1 });
    expect(text).toContain('{ OUT: 1, IN }'); // IN is the parameter here (shadowed)
    expect(text).toContain('this.count += 2');
    expect(text).toContain('return o.OUT + IN + 1 + 5');
  });

  it('identities hold for every double, and drop only side-effect-free operands', () => {
    const body = `m(x: number, y: number): any { return [x - 0, x * 1, 1 * x, x / 1, x < -Infinity, Infinity < x, this.f() > Infinity]; }`;
    const text = foldMethod(body, {});
    expect(text).toContain('[x, x, x, x, false, false, this.f() > Infinity]');
    const f = compile(text), g = compile(body);
    for (const x of [0, -0, NaN, Infinity, -Infinity, 1.5, -2]) {
      const a = f({ f: () => 1 }, x, 0) as unknown[], b = g({ f: () => 1 }, x, 0) as unknown[];
      a.forEach((v, i) => expect(Object.is(v, b[i]), `x = ${x}, item ${i}`).toBe(true));
    }
  });
});
