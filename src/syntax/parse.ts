// The syntax phase as one call: source text -> AST (lex, parse, report syntax errors, build).
// Input: a SourceText and the Diagnostics to report into. Output: a Program (the best one
// the recovery allows when there are errors) and, for the formatter, the comments.
// Invariants: never throws (an unexpected exception becomes SNN9001); every span reported
// lies within the text; at most one syntax error per statement (the parser tags each error
// with the statement it was found in), so recovery does not cascade.
import type { IToken } from 'chevrotain';
import type { Code } from '../diagnostics/catalogue.js';
import type { Args } from '../diagnostics/diagnostic.js';
import { Diagnostics } from '../diagnostics/diagnostic.js';
import type { SourceText } from '../diagnostics/span.js';
import type { Program } from './ast.js';
import { cstToAst } from './cst-to-ast.js';
import { lex, printableChars } from './lexer.js';
import { MAX_NESTING, parseTokens, type ErrorInfo, type RawParse, type TaggedError } from './parser.js';
import { LCurly, RCurly, Semi } from './tokens.js';

export interface ParseResult {
  program: Program;
  /** Comment tokens in source order (for the formatter). */
  comments: IToken[];
  /** The parser's tokens in source order (for the formatter). */
  tokens: IToken[];
  /** True when the lexer or the parser reported an error. */
  hasSyntaxErrors: boolean;
}

interface Pending { code: Code; start: number; end: number; args: Args; rank: number; statement: string }

function quote(image: string): string {
  return `'${printableChars(image, 24)}'`;
}

function pendingFromException(e: TaggedError, eofPos: number, index: number): Pending {
  let info: ErrorInfo | null = null;
  try { info = JSON.parse(e.message) as ErrorInfo; } catch { info = null; }
  const t = e.token;
  const f = info?.found ?? (t && Number.isFinite(t.startOffset)
    ? { eof: false, image: t.image, start: t.startOffset, end: t.endOffset! + 1 }
    : { eof: true, image: '', start: NaN, end: NaN });
  const expected = info?.expected ?? 'something else';
  const statement = e.statement ?? `error.${index}`;
  if (f.eof || !Number.isFinite(f.start)) {
    return { code: 'SNN2001', start: eofPos, end: eofPos, args: { expected, found: 'end of file' }, rank: 1, statement };
  }
  return { code: 'SNN2001', start: f.start, end: f.end, args: { expected, found: quote(f.image) }, rank: 1, statement };
}

const DECLARATIONS = 'expected a declaration (import, const, device, neuron, circuit, technology, macro, network, stimulus, simulate or sweep)';

/**
 * Report the parser's errors, at most one per statement (the first in the text). `lexErrors`
 * are the starts of the lexical errors already reported: a syntax error after one of them in
 * the same statement (no `;`, `{` or `}` between) is a consequence (the bad character was
 * dropped, the string ran to the end of the line) and is not reported; after an unterminated
 * block comment, neither is an error at the end of the file.
 */
function reportSyntaxErrors(
  src: SourceText, tokens: IToken[], raw: RawParse, lexErrors: number[], openComment: boolean, diags: Diagnostics,
): void {
  const last = tokens[tokens.length - 1];
  const eofPos = last ? last.endOffset! + 1 : 0;
  const pending: Pending[] = [];
  for (const { token: t, statement } of raw.tooDeep) {
    pending.push({
      code: 'SNN2003', start: t.startOffset, end: t.endOffset! + 1,
      args: { detail: `more than ${MAX_NESTING} nested brackets` }, rank: 0, statement,
    });
  }
  raw.errors.forEach((e, i) => {
    const p = pendingFromException(e, eofPos, i);
    if (!(openComment && p.args['found'] === 'end of file')) pending.push(p);
  });
  raw.junk.forEach((t, i) => {
    const context = t.tokenType === RCurly ? 'there is no open block to close' : DECLARATIONS;
    pending.push({
      code: 'SNN2002', start: t.startOffset, end: t.endOffset! + 1,
      args: { found: quote(t.image), context }, rank: 2, statement: `junk.${i}`,
    });
  });
  if (pending.length === 0) return;
  pending.sort((a, b) => a.start - b.start || a.rank - b.rank);

  // statement boundaries, in order
  const bounds: number[] = [];
  for (const t of tokens) {
    const type = t.tokenType;
    if (type === Semi || type === LCurly || type === RCurly) bounds.push(t.startOffset);
  }
  /** Is there a boundary b with from <= b < to? */
  const boundaryBetween = (from: number, to: number): boolean => {
    let lo = 0, hi = bounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bounds[mid]! < from) lo = mid + 1; else hi = mid;
    }
    return lo < bounds.length && bounds[lo]! < to;
  };
  const sortedLex = [...lexErrors].sort((a, b) => a - b);
  /** The last lexical error before `pos`, if any. */
  const lexBefore = (pos: number): number | undefined => {
    let found: number | undefined;
    for (const l of sortedLex) { if (l < pos) found = l; else break; }
    return found;
  };

  const seen = new Set<string>();
  const len = src.text.length;
  let lastStart = -1;
  for (const p of pending) {
    if (seen.has(p.statement) || p.start === lastStart) continue; // one per statement, one per place
    seen.add(p.statement);
    lastStart = p.start;
    const l = lexBefore(p.start);
    if (l !== undefined && !boundaryBetween(l, p.start)) continue;
    const start = Math.max(0, Math.min(p.start, len));
    const end = Math.max(start, Math.min(p.end, len));
    diags.report(p.code, { file: src.path, start, end }, p.args);
  }
}

/** Lex, parse and build; the comments and whether there were syntax errors come along. */
export function parseWithTrivia(src: SourceText, diags: Diagnostics): ParseResult {
  const local = new Diagnostics();
  let result: ParseResult;
  try {
    const lexed = lex(src, local);
    const lexErrors = local.items.map((d) => d.span?.start ?? 0);
    const openComment = local.items.some((d) => d.code === 'SNN1003');
    const raw = parseTokens(lexed.tokens, src.text);
    reportSyntaxErrors(src, lexed.tokens, raw, lexErrors, openComment, local);
    const program = cstToAst(raw.cst, src, local);
    result = { program, comments: lexed.comments, tokens: lexed.tokens, hasSyntaxErrors: local.hasErrors };
  } catch (e) {
    local.report('SNN9001', null, { detail: `parser crashed on ${src.path}: ${e instanceof Error ? e.message : String(e)}` });
    result = {
      program: { kind: 'Program', file: src.path, items: [], span: { file: src.path, start: 0, end: src.text.length } },
      comments: [], tokens: [], hasSyntaxErrors: true,
    };
  }
  for (const d of local.items) diags.add(d);
  return result;
}

/** The syntax tree of one file; syntax errors go to `diags`. Never throws. */
export function parseSource(src: SourceText, diags: Diagnostics): Program {
  return parseWithTrivia(src, diags).program;
}
