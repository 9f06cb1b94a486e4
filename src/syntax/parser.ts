// Parser: tokens -> chevrotain CST, following lang/grammar.ebnf.
// Input: the token vector of lexer.ts (and the text, to see line breaks). Output: a CST
// ('program' node) and the raw syntax errors (chevrotain exceptions tagged with their statement,
// top-level junk, too-deep nesting); parse.ts turns those into diagnostics and cst-to-ast.ts
// turns the CST into the AST.
// Invariants: one parser instance, reused (building it is the expensive part, kept small: it
// skips chevrotain's grammar checks, which the tests run through grammarProblems, and builds
// each lookahead function when first needed). Never throws on any input. Recovery is per
// statement: every list of statements (top level, blocks, property blocks) catches a failed
// statement, skips to its end (`;` or the matching `}`) and goes on, so that one run reports
// the errors of every statement; chevrotain's single-token insertion and deletion still
// repair small slips inside a statement (and a missing closer at the end of the file is
// inserted). A failed statement leaves no CST node. Bracket nesting is limited to
// MAX_NESTING so that recursion stays bounded.
// Speed: rule invocations dominate the parse time, so hot constructs are inlined into their
// parent rule (block items, path segments, the operands of an expression, the value of a
// property) and cst-to-ast.ts restores their order from token offsets. Expressions are parsed
// flat (`operand { BinOp operand }`, prefix signs inside an operand); cst-to-ast.ts applies the
// grammar's precedence, which accepts exactly the grammar's language.
import {
  CstParser, EOF, isRecognitionException, LLkLookaheadStrategy, NoViableAltException, tokenMatcher,
  type CstNode, type ILookaheadStrategy, type IParserErrorMessageProvider, type OrMethodOpts, type IRecognitionException, type IToken, type TokenType,
} from './chevrotain.js';
import * as T from './tokens.js';

/** Deepest nesting of ( and [ accepted inside one statement. */
export const MAX_NESTING = 256;

/** A token with the number of ( and [ open before it (set by `markNesting`). */
interface NestedToken extends IToken { nesting?: number }

// ---------------------------------------------------------------- lookahead
const MAX_LOOKAHEAD = 3;

/**
 * chevrotain's LL(k) lookahead with each decision's function built the first time the
 * decision is taken, instead of all of them while the parser is built: the same functions,
 * so the same parse, but a run pays only for the parts of the grammar its files use.
 */
function lazyLookahead(maxLookahead: number): ILookaheadStrategy {
  const llk = new LLkLookaheadStrategy({ maxLookahead });
  type Alternation = ReturnType<ILookaheadStrategy['buildLookaheadForAlternation']>;
  type Optional = ReturnType<ILookaheadStrategy['buildLookaheadForOptional']>;
  return {
    validate: (options) => llk.validate(options),
    initialize: (options) => llk.initialize?.(options),
    buildLookaheadForAlternation(options) {
      let f: Alternation | undefined;
      return function (this: unknown, alts) { return (f ??= llk.buildLookaheadForAlternation(options)).call(this, alts); };
    },
    buildLookaheadForOptional(options) {
      let f: Optional | undefined;
      return function (this: unknown) { return (f ??= llk.buildLookaheadForOptional(options)).call(this); };
    },
  };
}

// ---------------------------------------------------------------- error messages
/** A chevrotain error with the statement it belongs to (see `statementTag`). */
export type TaggedError = IRecognitionException & { statement?: string };

/** What parse.ts needs of an error; encoded as the chevrotain message (a JSON string). */
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

/** The message of a failed choice: what the furthest-reaching alternatives expected, or the rule's own description. */
function describeAlternatives(paths: TokenType[][], actual: IToken[], custom: string | undefined): string {
  const { at, expected } = furthest(paths, actual);
  let description: string;
  if ((at === 0 && custom) || expected.length === 0) description = custom ?? 'something else';
  else {
    const labels = [...new Set(expected.map(labelOf))];
    description = labels.length > 4 ? (custom ?? oneOf(labels.slice(0, 4))) : oneOf(labels);
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
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, customUserDescription }) {
    return describeAlternatives(expectedPathsPerAlt.flat(), actual, customUserDescription);
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, customUserDescription }) {
    return describeAlternatives(expectedIterationPaths, actual, customUserDescription);
  },
};

// ---------------------------------------------------------------- the parser
const NO_RESYNC = { resyncEnabled: false } as const;
const CLOSERS: ReadonlySet<TokenType> = new Set([T.Semi, T.RCurly, T.RParen, T.RBracket, T.Gt]);

class SnnParser extends CstParser {
  /**
   * Closures and OR alternatives of the hot rules, created once (chevrotain would otherwise
   * allocate them on every invocation). Indices are fixed slots, see their uses.
   */
  private readonly fn: Array<(() => void) | undefined> = [];
  private readonly alts: Array<OrMethodOpts<unknown> | undefined> = [];
  /** The source text being parsed (to see line breaks between tokens). */
  private text = '';
  /** First token of each run of tokens skipped at the top level. */
  junk: IToken[] = [];
  /** Opening brackets refused because they nest deeper than MAX_NESTING, with their statement tag. */
  tooDeep = new Map<IToken, string>();
  /** The statements being parsed, innermost last, with the number of their finished sub-statements. */
  private frameIds: number[] = [];
  private frameChildren: number[] = [];
  private depth = 0;
  private statementCount = 0;
  private topChildren = 0;

  /** `validate`: run chevrotain's grammar checks (see grammarProblems); the shared parser does not. */
  constructor(validate = false) {
    super(T.ALL_TOKENS, {
      recoveryEnabled: true,
      nodeLocationTracking: 'full',
      maxLookahead: MAX_LOOKAHEAD,
      lookaheadStrategy: lazyLookahead(MAX_LOOKAHEAD),
      errorMessageProvider,
      skipValidations: !validate,
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
    const newLine = prev && prev.tokenType !== EOF && /[\n\r]/.test(this.text.slice(prev.endOffset! + 1, next.startOffset));
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
    const d = this.depth;
    return d > 0 ? `${this.frameIds[d - 1]}.${this.frameChildren[d - 1]}` : `top.${this.topChildren}`;
  }

  /**
   * At the end of the file, a missing closer (`;`, `}`, `)`, `]`, `>`) is inserted rather than
   * failing the statement, so that an unfinished last declaration still has its AST.
   * (Extends chevrotain's single-token insertion, which only looks inside the current rule.)
   */
  protected canRecoverWithSingleTokenInsertion(expected: TokenType, follows: TokenType[]): boolean {
    if (this.LA(1).tokenType === EOF && CLOSERS.has(expected)) return true;
    const base = (CstParser.prototype as unknown as {
      canRecoverWithSingleTokenInsertion: (e: TokenType, f: TokenType[]) => boolean;
    }).canRecoverWithSingleTokenInsertion;
    return base.call(this, expected, follows);
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
    const d = this.depth++;
    this.frameIds[d] = ++this.statementCount;
    this.frameChildren[d] = 0;
    try {
      run();
    } catch (e) {
      if (e instanceof RangeError) {
        this.tooDeep.set(this.LA(1), this.statementTag());
        this.recover(new NoViableAltException('', this.LA(1), this.LA(0)), before);
      } else this.recover(e, before);
    } finally {
      this.depth = d;
      if (d > 0) this.frameChildren[d - 1]!++; else this.topChildren++;
    }
  }

  // ------------------------------------------------------------ declarations
  program = this.RULE('program', () => {
    this.ACTION(() => this.skipJunk());
    this.MANY(() => {
      this.statement(this.fn[0] ??= () => this.OR(this.alts[0] ??= { ERR_MSG: 'a declaration', DEF: [
        { ALT: () => this.SUBRULE(this.importDecl) },
        { ALT: () => this.SUBRULE(this.constDecl) },
        { ALT: () => this.SUBRULE(this.typeDecl) },
        { ALT: () => this.SUBRULE(this.macroDecl) },
        { ALT: () => this.SUBRULE(this.networkDecl) },
        { ALT: () => this.SUBRULE(this.stimulusDecl) },
        { ALT: () => this.SUBRULE(this.simulateDecl) },
        { ALT: () => this.SUBRULE(this.sweepDecl) },
      ] }));
      this.ACTION(() => this.skipJunk());
    });
  });

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
    this.MANY(this.fn[1] ??= () => this.statement(this.fn[2] ??= () => this.SUBRULE(this.property)));
    this.CONSUME(T.RCurly);
  }, NO_RESYNC);

  /** `name = value;` (the value's children are inlined in this node: one rule call less per property) */
  property = this.RULE('property', () => {
    this.CONSUME(T.Name, { LABEL: 'name' });
    this.CONSUME(T.Equals);
    this.expressionBody();
    this.CONSUME(T.Semi);
  }, NO_RESYNC);

  /** `macro PE(rows = 128) { property | instance | connect ... }` */
  macroDecl = this.RULE('macroDecl', () => {
    this.CONSUME(T.Macro);
    this.CONSUME(T.Ident, { LABEL: 'name' });
    this.OPTION(() => this.SUBRULE(this.params));
    this.CONSUME(T.LCurly);
    this.MANY(this.fn[3] ??= () => this.statement(this.fn[4] ??= () => this.OR(this.alts[1] ??= { ERR_MSG: "a property, an instance or 'connect'", DEF: [
      { ALT: () => this.SUBRULE(this.property) },
      { ALT: () => this.SUBRULE(this.instanceDecl) },
      { ALT: () => this.SUBRULE(this.connectStmt) },
    ] })));
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

  /** `crossbar xb[rows, cols] : T(args) { ... }`, `neurons n[cols] : SRM50;`, `io { ... }` */
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

  /** `network digits(...) { property | input | layer | connect ... }` */
  networkDecl = this.RULE('networkDecl', () => {
    this.CONSUME(T.Network);
    this.CONSUME(T.Ident, { LABEL: 'name' });
    this.OPTION(() => this.SUBRULE(this.params));
    this.CONSUME(T.LCurly);
    this.MANY(this.fn[5] ??= () => this.statement(this.fn[6] ??= () => this.OR(this.alts[2] ??= { ERR_MSG: "a property, 'input', 'layer' or 'connect'", DEF: [
      { ALT: () => this.SUBRULE(this.property) },
      { ALT: () => this.SUBRULE(this.inputDecl) },
      { ALT: () => this.SUBRULE(this.layerDecl) },
      { ALT: () => this.SUBRULE(this.connectStmt) },
    ] })));
    this.CONSUME(T.RCurly);
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

  /** `simulate run1 { property | probe ... }` */
  simulateDecl = this.RULE('simulateDecl', () => {
    this.CONSUME(T.Simulate);
    this.CONSUME(T.Ident, { LABEL: 'name' });
    this.CONSUME(T.LCurly);
    this.MANY(this.fn[7] ??= () => this.statement(this.fn[8] ??= () => this.OR(this.alts[3] ??= { ERR_MSG: "a property or 'probe'", DEF: [
      { ALT: () => this.SUBRULE(this.property) },
      { ALT: () => this.SUBRULE(this.probeStmt) },
    ] })));
    this.CONSUME(T.RCurly);
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

  /** `sweep tau { property | vary | keep ... }` */
  sweepDecl = this.RULE('sweepDecl', () => {
    this.CONSUME(T.Sweep);
    this.CONSUME(T.Ident, { LABEL: 'name' });
    this.CONSUME(T.LCurly);
    this.MANY(this.fn[9] ??= () => this.statement(this.fn[10] ??= () => this.OR(this.alts[4] ??= { ERR_MSG: "a property, 'vary' or 'keep'", DEF: [
      { ALT: () => this.SUBRULE(this.property) },
      { ALT: () => this.SUBRULE(this.varyStmt) },
      { ALT: () => this.SUBRULE(this.keepStmt) },
    ] })));
    this.CONSUME(T.RCurly);
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
  /** `xb.g[0, 0..9]`: segment names (`name`) and their indices (`index`, after their name). */
  path = this.RULE('path', () => {
    this.CONSUME(T.Name, { LABEL: 'name' });
    this.indices(1);
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.CONSUME2(T.Name, { LABEL: 'name' });
      this.indices(2);
    });
  }, NO_RESYNC);

  private indices(i: 1 | 2): void {
    this.option(i, {
      GATE: () => this.nestOk(),
      DEF: () => {
        this.consume(i, T.LBracket);
        this.subrule(i * 2, this.index);
        this.many(i + 10, () => {
          this.consume(i, T.Comma);
          this.subrule(i * 2 + 1, this.index);
        });
        this.consume(i, T.RBracket);
      },
    });
  }

  index = this.RULE('index', () => {
    this.OR({ ERR_MSG: "an index ('*', an expression or a range a..b)", DEF: [
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
    ] });
  }, NO_RESYNC);

  // ------------------------------------------------------------ expressions
  /**
   * `operand { BinOp operand }`, each operand being prefix signs then one primary: a literal,
   * `<quantity>`, a name `a.b.c` (`ref` then `part`s), a call `f(x, name = y)` (`ref`,
   * `callOpen`, `argName`/`argValue`, `callClose`), `( expr )` (`parenOpen`, `inner`,
   * `parenClose`) or a list (`listOpen`, `item`s, `listClose`). All children are flat in this
   * node; cst-to-ast.ts reads them in offset order.
   */
  expression = this.RULE('expression', () => this.expressionBody(), NO_RESYNC);

  private expressionBody(): void {
    this.operand(1);
    this.MANY(this.fn[11] ??= () => {
      this.CONSUME(T.BinOp);
      this.operand(2);
    });
  }

  /** One operand, inlined into `expression`; `i` keeps chevrotain's occurrence indices apart. */
  private operand(i: 1 | 2): void {
    const b = i * 40;
    const f = i * 10; // slots of the memoised closures below
    this.many(b, this.fn[f + 20] ??= () => this.consume(b, T.PrefixOp));
    this.or(b, this.alts[i + 10] ??= { ERR_MSG: 'an expression', DEF: [
      { ALT: () => this.consume(b, T.NumberLiteral) },
      { ALT: () => this.subrule(b, this.angleQuantity) },
      { ALT: () => this.consume(b, T.Str) },
      { ALT: () => this.consume(b, T.True) },
      { ALT: () => this.consume(b, T.False) },
      {
        ALT: () => {
          this.consume(b, T.RefStart, { LABEL: 'ref' });
          this.or(b + 1, this.alts[i + 20] ??= { DEF: [
            {
              GATE: () => this.nestOk(),
              ALT: () => {
                this.consume(b, T.LParen, { LABEL: 'callOpen' });
                this.option(b, this.fn[f + 21] ??= () => {
                  this.callArg(b + 1);
                  this.many(b + 1, this.fn[f + 22] ??= () => {
                    this.consume(b, T.Comma);
                    this.callArg(b + 2);
                  });
                });
                this.consume(b, T.RParen, { LABEL: 'callClose' });
              },
            },
            {
              ALT: () => this.many(b + 2, this.fn[f + 23] ??= () => {
                this.consume(b, T.Dot);
                this.consume(b, T.Name, { LABEL: 'part' });
              }),
            },
          ] });
        },
      },
      {
        GATE: () => this.nestOk(),
        ALT: () => {
          this.consume(b + 1, T.LParen, { LABEL: 'parenOpen' });
          this.subrule(b + 3, this.expression, { LABEL: 'inner' });
          this.consume(b + 1, T.RParen, { LABEL: 'parenClose' });
        },
      },
      {
        GATE: () => this.nestOk(),
        ALT: () => {
          this.consume(b, T.LBracket, { LABEL: 'listOpen' });
          this.option(b + 3, this.fn[f + 24] ??= () => {
            this.subrule(b + 4, this.expression, { LABEL: 'item' });
            this.many(b + 3, this.fn[f + 25] ??= () => {
              this.consume(b + 1, T.Comma);
              this.subrule(b + 5, this.expression, { LABEL: 'item' });
            });
          });
          this.consume(b, T.RBracket, { LABEL: 'listClose' });
        },
      },
    ] });
  }

  /** One argument of a call: `[name =] expr`. */
  private callArg(k: number): void {
    this.option(k, () => {
      this.consume(k, T.Name, { LABEL: 'argName' });
      this.consume(k, T.Equals);
    });
    this.subrule(k, this.expression, { LABEL: 'argValue' });
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
  run(tokens: IToken[], text: string): CstNode {
    this.text = text;
    this.junk = [];
    this.tooDeep = new Map();
    this.depth = 0;
    this.statementCount = 0;
    this.topChildren = 0;
    this.input = tokens;
    return this.program();
  }

  /** Drop the references to the last input (the instance lives as long as the process). */
  release(): void {
    this.text = '';
    this.junk = [];
    this.tooDeep = new Map();
    this.input = [];
  }
}

let instance: SnnParser | null = null;

/** The shared parser (built on first use: building analyses the grammar). */
function parser(): SnnParser {
  return (instance ??= new SnnParser());
}

/**
 * chevrotain's checks of the grammar (ambiguous alternatives, left recursion, empty
 * repetitions, duplicate or unresolved rules): their messages, none for a sound grammar. The
 * shared parser skips them, as they only find mistakes in this file and cost about 25 ms of
 * every run's start-up; the test suite runs them through this (a parser built to check).
 */
export function grammarProblems(): string[] {
  try {
    new SnnParser(true);
    return [];
  } catch (e) {
    return [e instanceof Error ? e.message : String(e)];
  }
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

export function parseTokens(tokens: IToken[], text: string): RawParse {
  markNesting(tokens);
  const p = parser();
  const cst = p.run(tokens, text);
  const tooDeep = [...p.tooDeep].map(([token, statement]) => ({ token, statement }));
  const result = { cst, errors: p.errors as TaggedError[], junk: p.junk, tooDeep };
  p.release();
  return result;
}

/** The grammar as chevrotain sees it (for tests and tooling). */
