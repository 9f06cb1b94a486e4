// Hostile and random input: the front end never throws, never reports an internal error, and
// every span (of diagnostics and of AST nodes) lies within the text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KEYWORDS } from '../../src/syntax/tokens.js';
import { parse } from './helpers.js';

/** Check every span in a tree: inside [0, len], start <= end. Iterative (trees may be deep). */
function spansWithin(root: unknown, len: number): string[] {
  const bad: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const x = stack.pop();
    if (Array.isArray(x)) { for (const y of x) stack.push(y); continue; }
    if (x === null || typeof x !== 'object') continue;
    const o = x as Record<string, unknown>;
    const s = o['span'] as { start: number; end: number } | undefined;
    if (s && !(s.start >= 0 && s.start <= s.end && s.end <= len)) bad.push(JSON.stringify(s));
    for (const k in o) if (k !== 'span') stack.push(o[k]);
  }
  return bad;
}

function check(text: string): void {
  const r = parse(text);
  for (const d of r.diags) {
    expect(d.code).not.toBe('SNN9001');
    expect(d.span).not.toBeNull();
    expect(d.span!.start).toBeGreaterThanOrEqual(0);
    expect(d.span!.end).toBeGreaterThanOrEqual(d.span!.start);
    expect(d.span!.end).toBeLessThanOrEqual(text.length);
  }
  expect(spansWithin(r.program, text.length)).toEqual([]);
}

const VOCAB = [
  ...KEYWORDS, 'x', 'rows', 'neurons', 'io', 'SRM50', 'kΩ', 'µs', '1', '0', '10.14pF', '1e-3', '3%', '1T1R', '1e999',
  '"s"', '"unterminated', '// c\n', '/* c */', '/* open', '->', '..', '.', ',', ';', ':', '=', '+', '-', '*', '/', '^',
  '(', ')', '[', ']', '{', '}', '<', '>', '@', '\u0000', '\ud800', '\n',
];

describe('hostile input', () => {
  it('fixed nasty cases', () => {
    for (const text of [
      '', ' ', '\u0000', '\u0000'.repeat(100), '\ud800\udc00\ud800', '\uFEFF', '"', '"\\', '/*', '*/', '{'.repeat(10000),
      '}'.repeat(10000), '('.repeat(10000), 'macro M {'.repeat(3000), `const X = ${'9'.repeat(100000)};`,
      `const X = <${'1'.repeat(1000)} um^${'9'.repeat(400)}>;`, 'const X = 1e99999999999999;', 'a'.repeat(100000),
      `const X = ${'[1, '.repeat(5000)}`, `simulate s { probe ${'a['.repeat(5000)} }`, `const X = ${'-'.repeat(100000)}`,
      'device D : rram { a = 1; }'.repeat(1000).split('').reverse().join(''),
    ]) check(text);
  });

  it('random strings never throw and keep spans in the text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => check(s)), { numRuns: 200 });
  });

  it('random token sequences never throw and keep spans in the text', () => {
    const seq = fc.array(fc.constantFrom(...VOCAB), { maxLength: 120 }).map((ts) => ts.join(' '));
    fc.assert(fc.property(seq, (s) => check(s)), { numRuns: 300 });
  });

  it('random mutations of a valid file never throw', () => {
    const base = 'macro PE(rows = 128) { crossbar xb[rows, 4] { g = <2 fF per um^2>; } connect xb.c -> n[0..3]; }\n'
      + 'simulate s { probe n[*].spike, xb.g[0, 0..9]; x = -2^2 * min(a, b = 1) / (1 + [1, 2]); }\n';
    const mutated = fc.tuple(fc.nat(base.length), fc.nat(8), fc.string({ maxLength: 4 })).map(
      ([at, del, ins]) => base.slice(0, at) + ins + base.slice(Math.min(base.length, at + del)),
    );
    fc.assert(fc.property(mutated, (s) => check(s)), { numRuns: 300 });
  });
});
