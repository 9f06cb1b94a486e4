import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { SourceText } from '../../src/diagnostics/span.js';
import { lex } from '../../src/syntax/lexer.js';
import { KEYWORDS } from '../../src/syntax/tokens.js';
import { expr, tokens } from './helpers.js';

function lexDiags(text: string) {
  const d = new Diagnostics();
  const r = lex(new SourceText('t.snn', text), d);
  return { ...r, diags: d.items };
}

describe('lexer: numbers and units', () => {
  it.each([
    ['50000', '50000'], ['10.14pF', '10.14pF'], ['4.56kOhm', '4.56kOhm'], ['1e-3', '1e-3'],
    ['2.5E6', '2.5E6'], ['1T1R', '1T1R'], ['2kΩ', '2kΩ'], ['3%', '3%'], ['100uS', '100uS'],
    ['2µs', '2µs'], ['5μm', '5μm'], ['1e-3us', '1e-3us'], ['0.2um', '0.2um'], ['2kHz', '2kHz'],
  ])('%s is one NUMBER', (text, image) => {
    expect(tokens(text)).toEqual([`NumberLiteral:${image}`]);
  });

  it('does not eat `..`', () => {
    expect(tokens('0..9')).toEqual(['NumberLiteral:0', 'DotDot:..', 'NumberLiteral:9']);
    expect(tokens('1.5..2.5')).toEqual(['NumberLiteral:1.5', 'DotDot:..', 'NumberLiteral:2.5']);
    expect(tokens('1ms..2ms')).toEqual(['NumberLiteral:1ms', 'DotDot:..', 'NumberLiteral:2ms']);
  });

  it('a decimal point needs a digit after it', () => {
    expect(tokens('5.x')).toEqual(['NumberLiteral:5', 'Dot:.', 'Ident:x']);
  });

  it('an `e` without digits is a unit, not an exponent', () => {
    expect(tokens('2e')).toEqual(['NumberLiteral:2e']);
    expect(tokens('1e-')).toEqual(['NumberLiteral:1e', 'Minus:-']);
  });

  it('splits value, unit and raw', () => {
    expect(expr('10.14pF')).toEqual({ kind: 'Number', value: 10.14, unit: 'pF', raw: '10.14pF' });
    expect(expr('50000')).toEqual({ kind: 'Number', value: 50000, unit: null, raw: '50000' });
    expect(expr('1e-3')).toEqual({ kind: 'Number', value: 0.001, unit: null, raw: '1e-3' });
    expect(expr('2.5E6V')).toEqual({ kind: 'Number', value: 2.5e6, unit: 'V', raw: '2.5E6V' });
    expect(expr('1T1R')).toEqual({ kind: 'Number', value: 1, unit: 'T1R', raw: '1T1R' });
    expect(expr('3%')).toEqual({ kind: 'Number', value: 3, unit: '%', raw: '3%' });
    expect(expr('2kΩ')).toEqual({ kind: 'Number', value: 2, unit: 'kΩ', raw: '2kΩ' });
  });

  it('keeps huge numbers as Infinity instead of failing', () => {
    expect(expr('1e999')).toMatchObject({ kind: 'Number', raw: '1e999' });
    const digits = '9'.repeat(400);
    expect(expr(digits)).toMatchObject({ kind: 'Number', raw: digits });
  });
});

describe('lexer: words', () => {
  it('knows every keyword', () => {
    for (const k of KEYWORDS) {
      const [t] = tokens(k);
      expect(t).toBe(`Kw${k[0]!.toUpperCase()}${k.slice(1)}:${k}`);
    }
  });

  it('keeps neurons, crossbar, io, software and keyword prefixes as identifiers', () => {
    for (const w of ['neurons', 'crossbar', 'io', 'software', 'inputs', 'layers', 'device_', 'constant', 'per_spike', '_x1']) {
      expect(tokens(w)).toEqual([`Ident:${w}`]);
    }
  });

  it('lexes words with µ, μ or Ω as unit words', () => {
    expect(tokens('kΩ µs μm Ω')).toEqual(['UnitWord:kΩ', 'UnitWord:µs', 'UnitWord:μm', 'UnitWord:Ω']);
  });
});

describe('lexer: strings, comments, punctuation', () => {
  it('strings with escapes', () => {
    expect(tokens('"a\\"b\\\\" "x"')).toEqual(['StringLiteral:"a\\"b\\\\"', 'StringLiteral:"x"']);
    expect(expr('"a\\"b\\\\c"')).toEqual({ kind: 'String', value: 'a"b\\c', raw: '"a\\"b\\\\c"' });
    expect(expr('"C:\\data"')).toEqual({ kind: 'String', value: 'C:\\data', raw: '"C:\\data"' });
  });

  it('comments go to their own group', () => {
    const r = lexDiags('a // line\n/* block\n */ b');
    expect(r.tokens.map((t) => t.image)).toEqual(['a', 'b']);
    expect(r.comments.map((t) => t.image)).toEqual(['// line', '/* block\n */']);
    expect(r.diags).toEqual([]);
  });

  it('all punctuation', () => {
    expect(tokens('-> .. . , ; : = + - * / ^ ( ) [ ] { } < >').map((t) => t.split(':')[0])).toEqual([
      'Arrow', 'DotDot', 'Dot', 'Comma', 'Semi', 'Colon', 'Equals', 'Plus', 'Minus', 'Star', 'Slash', 'Caret',
      'LParen', 'RParen', 'LBracket', 'RBracket', 'LCurly', 'RCurly', 'Lt', 'Gt',
    ]);
    expect(tokens('a->b')).toEqual(['Ident:a', 'Arrow:->', 'Ident:b']);
    expect(tokens('a--b')).toEqual(['Ident:a', 'Minus:-', 'Minus:-', 'Ident:b']);
  });
});

describe('lexer: errors', () => {
  it('SNN1001: unexpected character, with its exact span, and lexing goes on', () => {
    const r = lexDiags('a @ b');
    expect(r.diags.map((d) => [d.code, d.message, d.span?.start, d.span?.end])).toEqual([
      ['SNN1001', "unexpected character '@'", 2, 3],
    ]);
    expect(r.tokens.map((t) => t.image)).toEqual(['a', 'b']);
  });

  it('SNN1004: a run of unexpected characters is one diagnostic', () => {
    const r = lexDiags('a @#$ b € c');
    expect(r.diags.map((d) => [d.code, d.message, d.span?.start, d.span?.end])).toEqual([
      ['SNN1004', "unexpected characters '@#$'", 2, 5],
      ['SNN1001', "unexpected character '€'", 8, 9],
    ]);
    expect(r.tokens.map((t) => t.image)).toEqual(['a', 'b', 'c']);
  });

  it('escapes invisible characters in messages', () => {
    const r = lexDiags('a \u0000 b \ud800 c');
    expect(r.diags.map((d) => d.message)).toEqual(["unexpected character '\\u0000'", "unexpected character '\\uD800'"]);
  });

  it('SNN1002: unterminated string, kept as a string token up to the end of the line', () => {
    const r = lexDiags('x = "abc;\ny = 1;');
    expect(r.diags.map((d) => [d.code, d.span?.start, d.span?.end])).toEqual([['SNN1002', 4, 9]]);
    expect(r.tokens.map((t) => t.image)).toEqual(['x', '=', '"abc;', 'y', '=', '1', ';']);
  });

  it('SNN1003: unterminated block comment runs to the end', () => {
    const r = lexDiags('a /* b\nc');
    expect(r.diags.map((d) => [d.code, d.span?.start, d.span?.end])).toEqual([['SNN1003', 2, 8]]);
    expect(r.tokens.map((t) => t.image)).toEqual(['a']);
  });

  it('never throws on hostile text', () => {
    for (const text of ['\u0000\u0000', '"\\', '/*', '"', '\ud83d', '\udc00x', '1e', '..', '<<<>>>', '\uFEFFa']) {
      expect(() => lexDiags(text)).not.toThrow();
    }
  });
});
