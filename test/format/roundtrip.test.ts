// Property tests of the formatter over generated well-formed programs:
// parse(print(p)) equals p (spans aside), formatting is idempotent, and comments and blank
// lines sprinkled between any two tokens change neither the AST nor idempotence.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { SourceText } from '../../src/diagnostics/span.js';
import { formatSource, printProgram } from '../../src/format/fmt.js';
import { lex } from '../../src/syntax/lexer.js';
import { parse, strip } from '../syntax/helpers.js';
import { program } from './arbitrary.js';

const fmt = (text: string) => formatSource(new SourceText('gen.snn', text), new Diagnostics());

describe('formatter round trip (generated programs)', () => {
  it('parse(print(p)) == p and format(print(p)) == print(p)', () => {
    fc.assert(
      fc.property(program, (p) => {
        const text = printProgram(p);
        const r = parse(text, 'gen.snn');
        expect(r.diags.map((d) => `${d.code} ${d.message}`), text).toEqual([]);
        expect(strip(r.program), text).toEqual(strip(p));
        expect(fmt(text)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('with comments and blank lines anywhere: same AST, idempotent', () => {
    const sprinkled = program.chain((p) => {
      const text = printProgram(p);
      const cuts = [0, text.length, ...lex(new SourceText('g', text), new Diagnostics()).tokens.map((t) => t.startOffset)];
      const pieces = fc.constantFrom('// c\n', '/* c */', '/* a\n b */', '\n', '\n\n', '\n\n\n// x\n\n');
      return fc.array(fc.tuple(fc.constantFrom(...cuts), pieces), { maxLength: 10 }).map((ins) => {
        let s = text;
        for (const [at, what] of [...ins].sort((a, b) => b[0] - a[0])) s = s.slice(0, at) + what + ' ' + s.slice(at);
        return s;
      });
    });
    fc.assert(
      fc.property(sprinkled, (text) => {
        const out = fmt(text);
        expect(out, text).not.toBeNull();
        expect(strip(parse(out!).program)).toEqual(strip(parse(text).program));
        expect(fmt(out!)).toBe(out);
      }),
      { numRuns: 150 },
    );
  });
});
