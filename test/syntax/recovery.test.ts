import { describe, expect, it } from 'vitest';
import type * as A from '../../src/syntax/ast.js';
import { parse, where } from './helpers.js';

describe('syntax errors and recovery', () => {
  it('three separate errors give three diagnostics with their lines and columns', () => {
    const r = parse([
      'const VDD = 1.8V;',
      'device HfO2 : rram {',
      '  g_min = 2uS;',
      '  g_max = ;',
      '  levels = 32;',
      '}',
      'neuron N : srm { tau_s = 50ms tau_r = 5ms; }',
      'macro PE(rows = 128) {',
      '  crossbar xb[rows] { cell = 1T1R; }',
      '  connect xb -> ;',
      '  neurons n[rows] : N;',
      '}',
    ].join('\n'));
    expect(where(r)).toEqual([
      "4:11 SNN2001 expected an expression but found ';'",
      "7:31 SNN2001 expected ';' but found 'tau_r'",
      "10:17 SNN2001 expected a name but found ';'",
    ]);
    // the statements around the errors survive
    const [c, d, n, m] = r.program.items as [A.ConstDecl, A.TypeDecl, A.TypeDecl, A.MacroDecl];
    expect(c.kind).toBe('Const');
    expect(d.body.map((p) => p.name.name)).toEqual(['g_min', 'levels']);
    expect(n.name.name).toBe('N');
    // `connect xb -> ;` is kept with a repaired (empty) name
    expect(m.body.map((i) => i.kind)).toEqual(['Instance', 'Connect', 'Instance']);
  });

  it('spans cover the offending token', () => {
    const r = parse('const A = 1 2;\nconst B = ;');
    expect(r.diags.map((d) => [d.code, d.span?.start, d.span?.end, d.message])).toEqual([
      ['SNN2001', 12, 13, "expected ';' but found '2'"],
      ['SNN2001', 25, 26, "expected an expression but found ';'"],
    ]);
  });

  it('a forgotten ; at the end of a line does not swallow the next statement', () => {
    const r = parse('const A = 1\nconst B = ;\ndevice D : rram {\n  a = 1\n  b = 2;\n}');
    expect(where(r)).toEqual([
      "2:1 SNN2001 expected ';' but found 'const'",
      "2:11 SNN2001 expected an expression but found ';'",
      "5:3 SNN2001 expected ';' but found 'b'",
    ]);
    const d = r.program.items.find((i) => i.kind === 'TypeDecl') as A.TypeDecl;
    expect(d.body.map((p) => p.name.name)).toEqual(['a', 'b']);
  });

  it('at most one error per statement: no cascades', () => {
    const r = parse('device D : rram { a = ) ) ) + (; b = 2; }');
    expect(where(r)).toEqual(["1:23 SNN2001 expected an expression but found ')'"]);
    expect((r.program.items[0] as A.TypeDecl).body.map((p) => p.name.name)).toEqual(['b']);
  });

  it('stray tokens between block items are reported once each', () => {
    const r = parse('macro M { a = 1; 42 b = 2; ) c = 3; }');
    expect(where(r)).toEqual([
      "1:18 SNN2001 expected a property, an instance, 'connect' or '}' but found '42'",
      "1:28 SNN2001 expected a property, an instance, 'connect' or '}' but found ')'",
    ]);
    expect((r.program.items[0] as A.MacroDecl).body).toHaveLength(3);
  });

  it('junk at the top level: SNN2002, once per run', () => {
    const r = parse('foo bar;\nconst X = 1;\n}\n}\nimport std;');
    expect(where(r)).toEqual([
      "1:1 SNN2002 unexpected 'foo' here; expected a declaration (import, const, device, neuron, circuit, technology, macro, network, stimulus, simulate or sweep)",
      "3:1 SNN2002 unexpected '}' here; there is no open block to close",
      "5:8 SNN2001 expected a string but found 'std'",
    ]);
    expect(r.program.items.map((i) => i.kind)).toEqual(['Const']);
  });

  it('describes what was expected', () => {
    const msgs = (t: string) => parse(t).diags.map((d) => d.message);
    expect(msgs('macro M { foo + 1; }')).toEqual(["expected '=', a name or '{' but found '+'"]);
    expect(msgs('neurons n[4];')[0]).toMatch(/^unexpected 'neurons' here; expected a declaration/);
    expect(msgs('network n { input x; }')).toEqual(["expected '[' but found ';'"]);
    expect(msgs('simulate s { probe n[*.spike; }')).toEqual(["expected ']' but found '.'"]);
    expect(msgs('const X = <2 fF per>;')).toEqual(["expected a unit but found '>'"]);
    expect(msgs('const X = <5>;')).toEqual(["expected a unit but found '>'"]);
    expect(msgs('const X = <1 um^2x>;')).toEqual(["unexpected '2x' here; the exponent of a unit is a plain number, e.g. um^2"]);
    expect(msgs('device D : rram { a = 1; b }')).toEqual(["expected '=' but found '}'"]);
  });

  it('end of file: the error sits right after the last token; unfinished blocks keep their AST', () => {
    const r = parse('macro M {\n  crossbar xb[4] { a = 1; }\n  ');
    expect(r.diags.map((d) => [d.code, d.span?.start, d.span?.end, d.message])).toEqual([
      ['SNN2001', 37, 37, "expected a property, an instance, 'connect' or '}' but found end of file"],
    ]);
    expect((r.program.items[0] as A.MacroDecl).body).toHaveLength(1);
    expect(parse('const X = 1').program.items).toHaveLength(1);
    expect(where(parse('const'))).toEqual(['1:6 SNN2001 expected a name but found end of file']);
  });

  it('a lexical error does not cause a second, syntax error in the same statement', () => {
    expect(where(parse('device X : rram { a = 1 @ 2; b = 2; }'))).toEqual(["1:25 SNN1001 unexpected character '@'"]);
    expect(where(parse('const A = "abc;\nconst B = 2;')).map((s) => s.split(' ')[1])).toEqual(['SNN1002']);
    expect(where(parse('device X : rram { a = 1; /* open'))).toEqual(['1:26 SNN1003 unterminated block comment']);
  });

  it('too deep nesting is SNN2003, not a crash', () => {
    for (const [open, close] of [['(', ')'], ['[', ']'], ['f(', ')'], ['-f([(', ')])']] as const) {
      const r = parse(`const X = ${open.repeat(10000)}1${close.repeat(10000)};\nconst Y = 2;`);
      expect(r.diags.map((d) => d.code)).toEqual(['SNN2003']);
      expect(r.diags[0]!.message).toBe('expression too deeply nested or too long: more than 256 nested brackets');
      expect(r.program.items.map((i) => i.kind === 'Const' && i.name.name)).toEqual(['Y']);
    }
    // 256 levels are fine
    expect(parse(`const X = ${'('.repeat(256)}1${')'.repeat(256)};`).diags).toEqual([]);
  });

  it('too long operator chains are SNN2003, not a crash', () => {
    for (const text of [`${'-'.repeat(10000)}1`, `${'1+'.repeat(10000)}1`, `${'2^'.repeat(10000)}2`]) {
      const r = parse(`const X = ${text};`);
      expect(r.diags.map((d) => d.message)).toEqual(['expression too deeply nested or too long: more than 512 operators in one expression']);
    }
    expect(parse(`const X = ${'1+'.repeat(500)}1;`).diags).toEqual([]);
  });
});
