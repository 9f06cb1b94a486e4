// chevrotain's checks of the grammar and of the token definitions. The parser and lexer that
// `snn` uses skip them at start-up (they only find mistakes in parser.ts and tokens.ts), so
// they run here: a grammar change that makes alternatives ambiguous, a rule left-recursive
// or a token pattern invalid fails this test.
import { describe, expect, it } from 'vitest';
import { CstParser, Lexer, createToken } from '../../src/syntax/chevrotain.js';
import { lexerProblems } from '../../src/syntax/lexer.js';
import { grammarProblems } from '../../src/syntax/parser.js';

describe('grammar checks', () => {
  it('the .snn grammar passes every check', () => {
    expect(grammarProblems()).toEqual([]);
  });

  it('the token definitions pass every check', () => {
    expect(lexerProblems()).toEqual([]);
  });

  it('the checks do find mistakes (a toy grammar and toy tokens)', () => {
    const A = createToken({ name: 'A', pattern: /a/ });
    class Ambiguous extends CstParser {
      constructor() {
        super([A], { skipValidations: false });
        this.performSelfAnalysis();
      }
      top = this.RULE('top', () => { this.OR([{ ALT: () => this.CONSUME(A) }, { ALT: () => this.CONSUME2(A) }]); });
    }
    expect(() => new Ambiguous()).toThrow(/Ambiguous Alternatives/);
    const empty = createToken({ name: 'Empty', pattern: /x*/ });
    const l = new Lexer([empty], { deferDefinitionErrorsHandling: true });
    expect(l.lexerDefinitionErrors.map((e) => e.message).join('\n')).toMatch(/must not match an empty string/);
  });
});
