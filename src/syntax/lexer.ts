// Lexer: .snn source text -> tokens (for the parser) and comments (for the formatter).
// Input: a SourceText. Output: LexResult; lexical errors go to Diagnostics (SNN1001-SNN1004).
// Invariants: never throws; lexing continues after every error; every reported span lies in
// the text. Words are re-typed here: keywords get their keyword type, words with µ/μ/Ω
// become UnitWord, the rest stay Ident. Unterminated strings stay in the token stream (as a
// Str) so that the parser does not report a second error for them; unterminated block
// comments stay in the comment group.
import { Lexer, type IToken, type TokenType } from './chevrotain.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { SourceText } from '../diagnostics/span.js';
import {
  Ident, KEYWORD_TOKENS, LEXER_TOKENS, UnitWord, UnterminatedComment, UnterminatedString,
} from './tokens.js';

export interface LexResult {
  /** Tokens for the parser, in order (comments and whitespace removed). */
  tokens: IToken[];
  /** Line and block comments, in order. */
  comments: IToken[];
}

const LEXER_CONFIG = {
  positionTracking: 'onlyOffset', // spans are offsets; lines are computed when printing
  ensureOptimizations: true,
  // the default error message builds a string per error; we build our own
  errorMessageProvider: {
    buildUnexpectedCharactersMessage: () => '',
    buildUnableToPopLexerModeMessage: () => '',
  },
} as const;

// chevrotain's checks of the token definitions only find mistakes in tokens.ts: skipped here
// (start-up time on every run), run by the test suite through lexerProblems().
const lexer = new Lexer(LEXER_TOKENS, { ...LEXER_CONFIG, skipValidations: true });

/** chevrotain's checks of the token definitions: their errors and warnings, none for sound tokens. */
export function lexerProblems(): string[] {
  try {
    const checked = new Lexer(LEXER_TOKENS, { ...LEXER_CONFIG, deferDefinitionErrorsHandling: true });
    const warnings = (checked as unknown as { lexerDefinitionWarning?: Array<{ message: string }> }).lexerDefinitionWarning ?? [];
    return [...checked.lexerDefinitionErrors, ...warnings].map((e) => e.message);
  } catch (e) {
    return [e instanceof Error ? e.message : String(e)];
  }
}

const NON_ASCII_WORD = /[\u00B5\u03BC\u03A9]/;

/** Re-type a word token: keyword, unit word (contains µ, μ or Ω) or identifier. */
function classifyWord(t: IToken): void {
  const kw = KEYWORD_TOKENS.get(t.image);
  if (kw !== undefined) retype(t, kw);
  else if (NON_ASCII_WORD.test(t.image)) retype(t, UnitWord);
}

function retype(t: IToken, type: TokenType): void {
  t.tokenType = type;
  t.tokenTypeIdx = type.tokenTypeIdx!;
}

/** Printable form of source characters for a message: control, format and lone surrogate code units escaped. */
export function printableChars(text: string, max = 16): string {
  let out = '';
  let count = 0;
  for (const ch of text) {
    if (count++ >= max) { out += '…'; break; }
    const cp = ch.codePointAt(0)!;
    const invisible = cp < 0x20 || (cp >= 0x7f && cp <= 0xa0) || (cp >= 0xd800 && cp <= 0xdfff)
      || (cp >= 0x2000 && cp <= 0x200f) || cp === 0x2028 || cp === 0x2029 || cp === 0x3000 || cp === 0xfeff;
    out += invisible ? '\\u' + cp.toString(16).toUpperCase().padStart(4, '0') : ch === "'" ? "\\'" : ch;
  }
  return out;
}

export function lex(src: SourceText, diags: Diagnostics): LexResult {
  const text = src.text;
  const file = src.path;
  const r = lexer.tokenize(text);

  for (const e of r.errors) {
    const start = e.offset;
    const end = Math.min(text.length, e.offset + Math.max(1, e.length));
    const chars = text.slice(start, end);
    // one diagnostic per run of unexpected characters; a run of one character (one code point) is SNN1001
    const single = Array.from(chars).length === 1;
    diags.report(single ? 'SNN1001' : 'SNN1004', { file, start, end }, { text: printableChars(chars) });
  }

  const tokens = r.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // 'onlyOffset' tracking leaves endOffset unset; the parser's node locations need it
    t.endOffset = t.startOffset + t.image.length - 1;
    const type = t.tokenType;
    if (type === Ident) classifyWord(t);
    else if (type === UnterminatedString) {
      diags.report('SNN1002', { file, start: t.startOffset, end: t.endOffset! + 1 });
    }
  }

  const comments = r.groups['comments'] ?? [];
  for (const c of comments) {
    c.endOffset = c.startOffset + c.image.length - 1;
    if (c.tokenType === UnterminatedComment) {
      diags.report('SNN1003', { file, start: c.startOffset, end: c.endOffset! + 1 });
    }
  }
  return { tokens, comments };
}
