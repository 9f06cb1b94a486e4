// Parser: tokens -> chevrotain CST, following lang/grammar.ebnf.
// Input: the token vector of lexer.ts. Output: a CST ('program' node) and the raw syntax
// errors (chevrotain exceptions, top-level junk, too-deep nesting); parse.ts turns those into
// diagnostics and cst-to-ast.ts turns the CST into the AST.
// Invariants: one parser instance, reused (building it is the expensive part). Never throws on
// any input. Recovery is per statement: every list of statements (top level, blocks, property
// blocks) catches a failed statement, skips to its end (`;` or the matching `}`) and goes on,
// so that one run reports the errors of every statement; chevrotain's single-token insertion
// and deletion still repair small slips inside a statement. A failed statement leaves no CST
// node. Bracket nesting is limited to MAX_NESTING so that recursion stays bounded.
// Expressions are parsed flat (`operand { BinOp operand }`, prefix signs inside an operand);
// cst-to-ast.ts applies the precedence of the grammar (^ tightest and right-associative,
// unary signs looser than ^, then * /, then + -), which accepts exactly the grammar's language.
import {
  CstParser, EOF, isRecognitionException, NoViableAltException, tokenMatcher,
  type CstNode, type IParserErrorMessageProvider, type IRecognitionException, type IToken, type TokenType,
} from 'chevrotain';
import * as T from './tokens.js';

/** Deepest nesting of ( and [ accepted inside one statement. */
export const MAX_NESTING = 256;

/** A token with the number of ( and [ open before it (set by `markNesting`). */
interface NestedToken extends IToken { nesting?: number }

// ---------------------------------------------------------------- error messages
/** What parse.ts needs of an error; encoded as the chevrotain message (a JSON string). */
/** A chevrotain error with the statement it belongs to (see `statementTag`). */
export type TaggedError = IRecognitionException & { statement?: string };

export interface ErrorInfo { expected: string; found: FoundToken }
export interface FoundToken { eof: boolean; image: string; start: number; end: number }

function found(t: IToken | undefined): FoundToken {
  if (!t || t.tokenType === EOF) return { eof: true, image: '', start: NaN, end: NaN };
  return { eof: false, image: t.image, start: t.startOffset, end: t.endOffset! + 1 };
}

function labelOf(t: TokenType): string {
  if (t === EOF) return 'end of file';
  return t.LABEL ?? t.name;
}

/** "a", "a or b", "a, b or c" */
export function oneOf(items: string[]): string {
  const u = [...new Set(items)];
  if (u.length <= 1) return u[0] ?? 'something else';
  return u.slice(0, -1).join(', ') + ' or ' + u[u.length - 1];
}

/** What a failed statement list expected, by rule (used when a block is not closed). */
const BLOCK_EXPECTS: Record<string, string> = {
  propBlock: "a property or '}'",
  macroDecl: "a property, an instance, 'connect' or '}'",
  networkDecl: "a property, 'input', 'layer', 'connect' or '}'",
  simulateDecl: "a property, 'probe' or '}'",
  sweepDecl: "a property, 'vary', 'keep' or '}'",
};
const RULE_EXPECTS: Record<string, string> = {
  operand: 'an expression',
  index: "an index ('*', an expression or a range a..b)",
  macroItem: "a property, an instance or 'connect'",
  networkItem: "a property, 'input', 'layer' or 'connect'",
  simulateItem: "a property or 'probe'",
  sweepItem: "a property, 'vary' or 'keep'",
  typeDecl: "'device', 'neuron', 'circuit' or 'technology'",
};

/** Among the expected token paths, the furthest position the actual tokens reach, and what was expected there. */
function furthest(paths: TokenType[][], actual: IToken[]): { at: number; expected: TokenType[] } {
  let at = 0;
  let expected: TokenType[] = [];
  for (const path of paths) {
    let i = 0;
    while (i < path.length && i < actual.length && tokenMatcher(actual[i]!, path[i]!)) i++;
    if (i >= path.length) continue;
    if (i > at) { at = i; expected = [path[i]!]; } else if (i === at) expected.push(path[i]!);
  }
  return { at, expected };
}

function describeAlternatives(paths: TokenType[][], actual: IToken[], custom: string | undefined, rule: string): string {
  const { at, expected } = furthest(paths, actual);
  let description: string;
  if (at === 0 && (custom || RULE_EXPECTS[rule])) description = (custom || RULE_EXPECTS[rule])!;
  else if (expected.length === 0) description = custom ?? RULE_EXPECTS[rule] ?? 'something else';
  else {
    const labels = [...new Set(expected.map(labelOf))];
    description = labels.length > 4 ? (custom ?? RULE_EXPECTS[rule] ?? oneOf(labels.slice(0, 4))) : oneOf(labels);
  }
  const info: ErrorInfo = { expected: description, found: found(actual[Math.min(at, actual.length - 1)]) };
  return JSON.stringify(info);
}

const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, ruleName }) {
    let description = labelOf(expected);
    if (expected === T.RCurly && BLOCK_EXPECTS[ruleName]) description = BLOCK_EXPECTS[ruleName]!;
    return JSON.stringify({ expected: description, found: found(actual) } satisfies ErrorInfo);
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return JSON.stringify({ expected: 'a declaration', found: found(firstRedundant) } satisfies ErrorInfo);
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, customUserDescription, ruleName }) {
    return describeAlternatives(expectedPathsPerAlt.flat(), actual, customUserDescription, ruleName);
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, customUserDescription, ruleName }) {
    return describeAlternatives(expectedIterationPaths, actual, customUserDescription, ruleName);
  },
};

// ---------------------------------------------------------------- the parser
const NO_RESYNC = { resyncEnabled: false } as const;

class SnnParser extends CstParser {
  /** First token of each run of tokens skipped at the top level. */
  junk: IToken[] = [];
  /** Opening brackets refused because they nest deeper than MAX_NESTING, with their statement tag. */
  tooDeep = new Map<IToken, string>();
  /** The statements being parsed, innermost last, with the number of their finished sub-statements. */
  private frames: Array<{ id: number; children: number }> = [];
  private statementCount = 0;
  private topChildren = 0;

  constructor() {
    super(T.ALL_TOKENS, {
      recoveryEnabled: true,
      nodeLocationTracking: 'full',
      maxLookahead: 3,
      errorMessageProvider,
    });
    this.performSelfAnalysis();
  }

  // ------------------------------------------------------------ recovery helpers (parse time only)
  private pos(): number {
    return (this as unknown as { currIdx: number }).currIdx;
  }

  /** Skip tokens that cannot start a declaration; remember the first of the run. */
  private skipJunk(): void {
    let first = true;
    for (;;) {
      const t = this.LA(1);
      if (t.tokenType === EOF || T.DECLARATION_STARTS.includes(t.tokenType)) return;
      if (first) { this.junk.push(t); first = false; }
      this.SKIP_TOKEN();
    }
  }

  /**
   * After a statement failed: if the parser stopped at a line break before something that can
   * start the next statement (a forgotten `;`), go on from there; otherwise skip to the end of
   * the statement: past the next `;` at this level, past a `}` that closes a block opened while
   * skipping, or up to the `}` that closes the enclosing block.
   */
  private recover(e: unknown, before: number): void {
    if (!isRecognitionException(e as Error)) throw e;
    const next = this.LA(1);
    if (next.tokenType === EOF) return;
    const prev = this.LA(0);
    const newLine = prev && prev.tokenType !== EOF && (next.startLine ?? 0) > (prev.endLine ?? 0);
    if (this.pos() > before && newLine && (tokenMatcher(next, T.Name) || next.tokenType === T.RCurly)) return;
    let depth = 0;
    for (;;) {
      const t = this.LA(1);
      const type = t.tokenType;
      if (type === EOF) return;
      if (type === T.LCurly) depth++;
      else if (type === T.RCurly) {
        if (depth === 0) return;
        if (--depth === 0) { this.SKIP_TOKEN(); return; }
      } else if (type === T.Semi && depth === 0) {
        // `x = (1 + ;)` : a `;` followed by closing brackets is not the end of the statement
        const after = this.LA(2).tokenType;
        if (after !== T.RParen && after !== T.RBracket) { this.SKIP_TOKEN(); return; }
      }
      this.SKIP_TOKEN();
    }
  }

  private nestOk(): boolean {
    const t = this.LA(1) as NestedToken;
    if ((t.nesting ?? 0) < MAX_NESTING) return true;
    this.tooDeep.set(t, this.statementTag());
    return false;
  }

  /**
   * Where an error belongs: the innermost statement being parsed and how many of its
   * sub-statements were finished before (so that errors between two items of a block differ).
   */
  private statementTag(): string {
    const top = this.frames[this.frames.length - 1];
    return top ? `${top.id}.${top.children}` : `top.${this.topChildren}`;
  }

  /** chevrotain records every recognition error here; tag it with its statement. */
  protected SAVE_ERROR(error: IRecognitionException): IRecognitionException {
    (error as TaggedError).statement = this.statementTag();
    const base = (CstParser.prototype as unknown as { SAVE_ERROR: (e: IRecognitionException) => IRecognitionException }).SAVE_ERROR;
    return base.call(this, error);
  }

  /**
   * Run one statement of a list, recovering from its failure. A stack overflow (nesting that
   * the bracket limit did not catch, on a small stack) is a last-resort guard: the stack has
   * unwound to here, so the statement is reported as too deep and skipped.
   */
  private statement(run: () => void): void {
    const before = this.pos();
    this.frames.push({ id: ++this.statementCount, children: 0 });
    try {
      run();
    } catch (e) {
      if (e instanceof RangeError) {
        this.tooDeep.set(this.LA(1), this.statementTag());
        this.recover(new NoViableAltException('', this.LA(1), this.LA(0)), before);
      } else this.recover(e, before);
    } finally {
      this.frames.pop();
      const parent = this.frames[this.frames.length - 1];
      if (parent) parent.children++; else this.topChildren++;
    }
  }

  // ------------------------------------------------------------ declarations
  program = this.RULE('program', () => {
    this.ACTION(() => this.skipJunk());
    this.MANY(() => {
      this.statement(() => this.SUBRULE(this.declaration));
      this.ACTION(() => this.skipJunk());
    });
  });

  declaration = this.RULE('declaration', () => {
    this.OR({ ERR_MSG: 'a declaration', DEF: [
      { ALT: () => this.SUBRULE(this.importDecl) },
      { ALT: () => this.SUBRULE(this.constDecl) },
      { ALT: () => this.SUBRULE(this.typeDecl) },
      { ALT: () => this.SUBRULE(this.macroDecl) },
      { ALT: () => this.SUBRULE(this.networkDecl) },
      { ALT: () => this.SUBRULE(this.stimulusDecl) },
      { ALT: () => this.SUBRULE(this.simulateDecl) },
      { ALT: () => this.SUBRULE(this.sweepDecl) },
    ] });
  }, NO_RESYNC);

  importDecl = this.RULE('importDecl', () => {
    this.CONSUME(T.Import);
    this.CONSUME(T.Str, { LABEL: 'path' });
    this.CONSUME(T.Semi);
  }, NO_RESYNC);

  constDecl = this.RULE('constDecl', () => {
    this.CONSUME(T.Const);
    this.CONSUME(T.Ident, { LABEL: 'name' });
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression, { LABEL: 'value' });
    this.CONSUME(T.Semi);
  }, NO_RESYNC);

  typeDecl = this.RULE('typeDecl', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Device, { LABEL: 'category' }) },
      { ALT: () => this.CONSUME(T.Neuron, { LABEL: 'category' }) },
      { ALT: () => this.CONSUME(T.Circuit, { LABEL: 'category' }) },
      { ALT: () => this.CONSUME(T.Technology, { LABEL: 'category' }) },
    ]);
    this.CONSUME(T.Ident, { LABEL: 'name' });
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.CONSUME2(T.Ident, { LABEL: 'base' });
    });
    this.SUBRULE(this.propBlock, { LABEL: 'body' });
  }, NO_RESYNC);

  propBlock = this.RULE('propBlock', () => {
    this.CONSUME(T.LCurly);
    this.MANY(() => this.statement(() => this.SUBRULE(this.property, { LABEL: 'item' })));
    this.CONSUME(T.RCurly);
  }, NO_RESYNC);

  property = this.RULE('property', () => {
    this.CONSUME(T.Name, { LABEL: 'name' });
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression, { LABEL: 'value' });
    this.CONSUME(T.Semi);
  }, NO_RESYNC);

  macroDecl = this.RULE('macroDecl', () => {
    this.CONSUME(T.Macro);
    this.CONSUME(T.Ident, { LABEL: 'name' });
    this.OPTION(() => this.SUBRULE(this.params));
    this.CONSUME(T.LCurly);
    this.MANY(() => this.statement(() => this.SUBRULE(this.macroItem, { LABEL: 'item' })));
    this.CONSUME(T.RCurly);
  }, NO_RESYNC);

  params = this.RULE('params', () => {
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.param);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.param);
      });
    });
    this.CONSUME(T.RParen);
  }, NO_RESYNC);

  param = this.RULE('param', () => {
    this.CONSUME(T.Ident, { LABEL: 'name' });
    this.OPTION(() => {
      this.CONSUME(T.Equals);
      this.SUBRULE(this.expression, { LABEL: 'default' });
    });
  }, NO_RESYNC);

  macroItem = this.RULE('macroItem', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.property) },
      { ALT: () => this.SUBRULE(this.instanceDecl) },
      { ALT: () => this.SUBRULE(this.connectStmt) },
    ]);
  }, NO_RESYNC);

  instanceDecl = this.RULE('instanceDecl', () => {
    this.CONSUME(T.Ident, { LABEL: 'kind' });
    this.OR([
      {
        ALT: () => {
          this.CONSUME2(T.Ident, { LABEL: 'name' });
          this.OPTION(() => this.SUBRULE(this.dims));
          this.OPTION2(() => {
            this.CONSUME(T.Colon);
            this.SUBRULE(this.typeRef, { LABEL: 'type' });
          });
          this.OR2([
            { ALT: () => this.SUBRULE(this.propBlock, { LABEL: 'body' }) },
            { ALT: () => this.CONSUME(T.Semi) },
          ]);
        },
      },
      { ALT: () => this.SUBRULE2(this.propBlock, { LABEL: 'body' }) },
    ]);
  }, NO_RESYNC);

  dims = this.RULE('dims', () => {
    this.CONSUME(T.LBracket);
    this.SUBRULE(this.expression, { LABEL: 'dim' });
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE2(this.expression, { LABEL: 'dim' });
    });
    this.CONSUME(T.RBracket);
  }, NO_RESYNC);

  typeRef = this.RULE('typeRef', () => {
    this.CONSUME(T.Ident, { LABEL: 'name' });
    this.OPTION(() => this.SUBRULE(this.args));
  }, NO_RESYNC);

  args = this.RULE('args', () => {
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.arg);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.arg);
      });
    });
    this.CONSUME(T.RParen);
  }, NO_RESYNC);

  arg = this.RULE('arg', () => {
    this.OPTION(() => {
      this.CONSUME(T.Name, { LABEL: 'name' });
      this.CONSUME(T.Equals);
    });
    this.SUBRULE(this.expression, { LABEL: 'value' });
  }, NO_RESYNC);

  connectStmt = this.RULE('connectStmt', () => {
    this.CONSUME(T.Connect);
    this.SUBRULE(this.path);
    this.AT_LEAST_ONE(() => {
      this.CONSUME(T.Arrow);
      this.SUBRULE2(this.path);
    });
    this.CONSUME(T.Semi);
  }, NO_RESYNC);

  networkDecl = this.RULE('networkDecl', () => {
    this.CONSUME(T.Network);
    this.CONSUME(T.Ident, { LABEL: 'name' });
    this.OPTION(() => this.SUBRULE(this.params));
    this.CONSUME(T.LCurly);
    this.MANY(() => this.statement(() => this.SUBRULE(this.networkItem, { LABEL: 'item' })));
    this.CONSUME(T.RCurly);
  }, NO_RESYNC);

  networkItem = this.RULE('networkItem', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.property) },
      { ALT: () => this.SUBRULE(this.inputDecl) },
      { ALT: () => this.SUBRULE(this.layerDecl) },
      { ALT: () => this.SUBRULE(this.connectStmt) },
    ]);
  }, NO_RESYNC);

  inputDecl = this.RULE('inputDecl', () => {
    this.CONSUME(T.Input);
    this.CONSUME(T.Ident, { LABEL: 'name' });
    this.SUBRULE(this.dims);
    this.CONSUME(T.Semi);
  }, NO_RESYNC);

  layerDecl = this.RULE('layerDecl', () => {
    this.CONSUME(T.Layer);
    this.CONSUME(T.Ident, { LABEL: 'name' });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeRef, { LABEL: 'type' });
    this.OPTION(() => {
      this.CONSUME(T.Weights);
      this.CONSUME(T.Str, { LABEL: 'weights' });
    });
    this.OR([
      { ALT: () => this.SUBRULE(this.propBlock, { LABEL: 'body' }) },
      { ALT: () => this.CONSUME(T.Semi) },
    ]);
  }, NO_RESYNC);

  stimulusDecl = this.RULE('stimulusDecl', () => {
    this.CONSUME(T.Stimulus);
    this.CONSUME(T.Ident, { LABEL: 'name' });
    this.SUBRULE(this.propBlock, { LABEL: 'body' });
  }, NO_RESYNC);

  simulateDecl = this.RULE('simulateDecl', () => {
    this.CONSUME(T.Simulate);
    this.CONSUME(T.Ident, { LABEL: 'name' });
    this.CONSUME(T.LCurly);
    this.MANY(() => this.statement(() => this.SUBRULE(this.simulateItem, { LABEL: 'item' })));
    this.CONSUME(T.RCurly);
  }, NO_RESYNC);

  simulateItem = this.RULE('simulateItem', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.property) },
      { ALT: () => this.SUBRULE(this.probeStmt) },
    ]);
  }, NO_RESYNC);

  probeStmt = this.RULE('probeStmt', () => {
    this.CONSUME(T.Probe);
    this.SUBRULE(this.path);
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE2(this.path);
    });
    this.CONSUME(T.Semi);
  }, NO_RESYNC);

  sweepDecl = this.RULE('sweepDecl', () => {
    this.CONSUME(T.Sweep);
    this.CONSUME(T.Ident, { LABEL: 'name' });
    this.CONSUME(T.LCurly);
    this.MANY(() => this.statement(() => this.SUBRULE(this.sweepItem, { LABEL: 'item' })));
    this.CONSUME(T.RCurly);
  }, NO_RESYNC);

  sweepItem = this.RULE('sweepItem', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.property) },
      { ALT: () => this.SUBRULE(this.varyStmt) },
      { ALT: () => this.SUBRULE(this.keepStmt) },
    ]);
  }, NO_RESYNC);

  varyStmt = this.RULE('varyStmt', () => {
    this.CONSUME(T.Vary);
    this.SUBRULE(this.path, { LABEL: 'target' });
    this.CONSUME(T.Over);
    this.SUBRULE(this.expression, { LABEL: 'values' });
    this.CONSUME(T.Semi);
  }, NO_RESYNC);

  keepStmt = this.RULE('keepStmt', () => {
    this.CONSUME(T.Keep);
    this.SUBRULE(this.path, { LABEL: 'target' });
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression, { LABEL: 'value' });
    this.CONSUME(T.Semi);
  }, NO_RESYNC);

  // ------------------------------------------------------------ paths
  path = this.RULE('path', () => {
    this.SUBRULE(this.segment);
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.SUBRULE2(this.segment);
    });
  }, NO_RESYNC);

  segment = this.RULE('segment', () => {
    this.CONSUME(T.Name, { LABEL: 'name' });
    this.OPTION({
      GATE: () => this.nestOk(),
      DEF: () => {
        this.CONSUME(T.LBracket);
        this.SUBRULE(this.index);
        this.MANY(() => {
          this.CONSUME(T.Comma);
          this.SUBRULE2(this.index);
        });
        this.CONSUME(T.RBracket);
      },
    });
  }, NO_RESYNC);

  index = this.RULE('index', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Star) },
      {
        ALT: () => {
          this.SUBRULE(this.expression, { LABEL: 'from' });
          this.OPTION(() => {
            this.CONSUME(T.DotDot);
            this.SUBRULE2(this.expression, { LABEL: 'to' });
          });
        },
      },
    ]);
  }, NO_RESYNC);

  // ------------------------------------------------------------ expressions
  expression = this.RULE('expression', () => {
    this.SUBRULE(this.operand);
    this.MANY(() => {
      this.CONSUME(T.BinOp);
      this.SUBRULE2(this.operand);
    });
  }, NO_RESYNC);

  /**
   * Prefix signs, then one primary: a literal, `<quantity>`, a name `a.b.c`, a call
   * `f(x, name = y)`, `( expr )` or a list `[a, b]`. Calls and names are inlined here (not
   * separate rules) to keep the recursion per bracket level short.
   */
  operand = this.RULE('operand', () => {
    this.MANY(() => this.CONSUME(T.PrefixOp));
    this.OR({ ERR_MSG: 'an expression', DEF: [
      { ALT: () => this.CONSUME(T.NumberLiteral) },
      { ALT: () => this.SUBRULE(this.angleQuantity) },
      { ALT: () => this.CONSUME(T.Str) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      {
        ALT: () => {
          this.CONSUME(T.RefStart, { LABEL: 'ref' });
          this.OR2([
            {
              GATE: () => this.nestOk(),
              ALT: () => {
                this.consume(1, T.LParen, { LABEL: 'callOpen' });
                this.option(1, () => {
                  this.callArg(1);
                  this.many(1, () => {
                    this.consume(1, T.Comma);
                    this.callArg(2);
                  });
                });
                this.consume(1, T.RParen, { LABEL: 'callClose' });
              },
            },
            {
              ALT: () => this.many(2, () => {
                this.consume(1, T.Dot);
                this.consume(1, T.Name, { LABEL: 'part' });
              }),
            },
          ]);
        },
      },
      {
        GATE: () => this.nestOk(),
        ALT: () => {
          this.consume(2, T.LParen, { LABEL: 'parenOpen' });
          this.subrule(1, this.expression, { LABEL: 'inner' });
          this.consume(2, T.RParen, { LABEL: 'parenClose' });
        },
      },
      {
        GATE: () => this.nestOk(),
        ALT: () => {
          this.consume(3, T.LBracket, { LABEL: 'listOpen' });
          this.option(2, () => {
            this.subrule(2, this.expression, { LABEL: 'item' });
            this.many(3, () => {
              this.consume(3, T.Comma);
              this.subrule(3, this.expression, { LABEL: 'item' });
            });
          });
          this.consume(3, T.RBracket, { LABEL: 'listClose' });
        },
      },
    ] });
  }, NO_RESYNC);

  /** One argument of a call inside `operand`: `[name =] expr`. */
  private callArg(i: 1 | 2): void {
    this.option(10 + i, () => {
      this.consume(10 + i, T.Name, { LABEL: 'argName' });
      this.consume(10 + i, T.Equals);
    });
    this.subrule(10 + i, this.expression, { LABEL: 'argValue' });
  }

  /** `<2 fF per um^2>`, `<2fF per um^2>` (unit attached to the number), `<1 per s>` */
  angleQuantity = this.RULE('angleQuantity', () => {
    this.CONSUME(T.Lt);
    this.CONSUME(T.NumberLiteral, { LABEL: 'number' });
    this.OPTION(() => this.SUBRULE(this.unitTerm));
    this.MANY(() => {
      this.CONSUME(T.UnitOp);
      this.SUBRULE2(this.unitTerm);
    });
    this.CONSUME(T.Gt);
  }, NO_RESYNC);

  unitTerm = this.RULE('unitTerm', () => {
    this.CONSUME(T.UnitName, { LABEL: 'name' });
    this.OPTION(() => {
      this.CONSUME(T.Caret);
      this.OPTION2(() => this.CONSUME(T.Minus));
      this.CONSUME(T.NumberLiteral, { LABEL: 'exponent' });
    });
  }, NO_RESYNC);

  // ------------------------------------------------------------ entry point
  run(tokens: IToken[]): CstNode {
    this.junk = [];
    this.tooDeep = new Map();
    this.frames = [];
    this.statementCount = 0;
    this.topChildren = 0;
    this.input = tokens;
    return this.program();
  }
}

let instance: SnnParser | null = null;

/** The shared parser (built on first use: building analyses the grammar). */
function parser(): SnnParser {
  return (instance ??= new SnnParser());
}

/** Mark every ( and [ with the number of brackets open before it. */
function markNesting(tokens: IToken[]): void {
  let open = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const type = t.tokenType;
    if (type === T.LParen || type === T.LBracket) (t as NestedToken).nesting = open++;
    else if ((type === T.RParen || type === T.RBracket) && open > 0) open--;
    else if (type === T.Semi || type === T.LCurly || type === T.RCurly) open = 0; // a statement boundary
  }
}

export interface RawParse {
  cst: CstNode;
  errors: TaggedError[];
  /** First token of each run of tokens that could not start a declaration. */
  junk: IToken[];
  /** Brackets refused for nesting deeper than MAX_NESTING, with their statement tags. */
  tooDeep: Array<{ token: IToken; statement: string }>;
}

export function parseTokens(tokens: IToken[]): RawParse {
  markNesting(tokens);
  const p = parser();
  const cst = p.run(tokens);
  const tooDeep = [...p.tooDeep].map(([token, statement]) => ({ token, statement }));
  return { cst, errors: p.errors as TaggedError[], junk: p.junk, tooDeep };
}

/** The grammar as chevrotain sees it (for tests and tooling). */
export function grammarProductions(): ReturnType<SnnParser['getGAstProductions']> {
  return parser().getGAstProductions();
}
