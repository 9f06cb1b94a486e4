// Token types of the .snn language (chevrotain TokenTypes), shared by the lexer, the parser
// and the formatter.
// Input: none (static definitions). Output: the token vocabulary, the keyword table.
// Invariants: every word (identifier, keyword, unit word) is lexed by the single `Ident`
// pattern and re-typed afterwards by `classifyWord` (lexer.ts), so the token order below
// never decides between a keyword and an identifier. Tokens with `pattern: Lexer.NA` are
// categories or re-typed words; they are never matched directly.
import { createToken, Lexer, type TokenType } from './chevrotain.js';

/** The reserved words. Any of them (except true/false) may still name a property. */
export const KEYWORDS = [
  'import', 'const', 'device', 'neuron', 'circuit', 'technology', 'macro', 'network',
  'stimulus', 'simulate', 'sweep', 'connect', 'input', 'layer', 'weights', 'probe',
  'vary', 'over', 'keep', 'true', 'false', 'per',
] as const;
export type Keyword = (typeof KEYWORDS)[number];

// ---------------------------------------------------------------- categories
/** Anything that may name a property, a path segment or a named argument: identifiers and keywords. */
export const Name = createToken({ name: 'Name', pattern: Lexer.NA, label: 'a name' });
/** A string literal, terminated or not (the unterminated one was already reported by the lexer). */
export const Str = createToken({ name: 'Str', pattern: Lexer.NA, label: 'a string' });
export const BinOp = createToken({ name: 'BinOp', pattern: Lexer.NA, label: 'an operator' });
export const PrefixOp = createToken({ name: 'PrefixOp', pattern: Lexer.NA, label: "'-' or '+'" });
/** `*`, `/` or `per` between the unit factors of `<2 fF per um^2>`. */
export const UnitOp = createToken({ name: 'UnitOp', pattern: Lexer.NA, label: "'*', '/' or 'per'" });
/** A unit word inside `<...>` or a bare unit name: an identifier or a word with µ, μ or Ω. */
export const UnitName = createToken({ name: 'UnitName', pattern: Lexer.NA, label: 'a unit' });
/** What starts a name reference or a call in an expression. */
export const RefStart = createToken({ name: 'RefStart', pattern: Lexer.NA, label: 'a name' });

// ---------------------------------------------------------------- trivia
export const WhiteSpace = createToken({
  name: 'WhiteSpace', pattern: /[ \t\r\n\f\v\uFEFF\u00A0]+/, group: Lexer.SKIPPED, line_breaks: true,
});
export const LineComment = createToken({
  name: 'LineComment', pattern: /\/\/[^\n\r]*/, group: 'comments',
});
export const BlockComment = createToken({
  name: 'BlockComment', pattern: /\/\*[^*]*\*+(?:[^/*][^*]*\*+)*\//, group: 'comments', line_breaks: true,
});
/** `/*` without a closing `*\/`: runs to the end of the file; reported as SNN1003. */
export const UnterminatedComment = createToken({
  name: 'UnterminatedComment', pattern: /\/\*[\s\S]*/, group: 'comments', line_breaks: true,
});

// ---------------------------------------------------------------- literals and words
export const StringLiteral = createToken({
  name: 'StringLiteral', pattern: /"(?:[^"\\\n\r]|\\[^\n\r])*"/, categories: [Str], label: 'a string',
});
/** `"abc` up to the end of the line; reported as SNN1002 and parsed as a string. */
export const UnterminatedString = createToken({
  name: 'UnterminatedString', pattern: /"(?:[^"\\\n\r]|\\[^\n\r])*\\?/, categories: [Str], label: 'a string',
});
/**
 * A number with an optional attached unit suffix: `50000`, `10.14pF`, `1e-3`, `2.5E6`, `3%`,
 * `1T1R`, `2kΩ`. A decimal point needs a digit after it, so `0..9` is NUMBER DOTDOT NUMBER.
 */
export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?(?:%|[A-Za-z\u00B5\u03BC\u03A9][A-Za-z0-9_\u00B5\u03BC\u03A9]*)?/,
  label: 'a number',
});
/** Every word; re-typed after lexing into a keyword, an identifier or a unit word. */
export const Ident = createToken({
  name: 'Ident',
  pattern: /[A-Za-z_\u00B5\u03BC\u03A9][A-Za-z0-9_\u00B5\u03BC\u03A9]*/,
  categories: [Name, UnitName, RefStart],
  label: 'a name',
});
/** A word that contains µ, μ or Ω (`kΩ`, `µs`): only a unit, never a declared name. */
export const UnitWord = createToken({
  name: 'UnitWord', pattern: Lexer.NA, categories: [UnitName, RefStart], label: 'a unit',
});

// ---------------------------------------------------------------- keywords
function keyword(word: Keyword, categories: TokenType[] = [Name]): TokenType {
  const name = 'Kw' + word[0]!.toUpperCase() + word.slice(1);
  return createToken({ name, pattern: Lexer.NA, categories, label: `'${word}'` });
}
export const Import = keyword('import');
export const Const = keyword('const');
export const Device = keyword('device');
export const Neuron = keyword('neuron');
export const Circuit = keyword('circuit');
export const Technology = keyword('technology');
export const Macro = keyword('macro');
export const Network = keyword('network');
export const Stimulus = keyword('stimulus');
export const Simulate = keyword('simulate');
export const Sweep = keyword('sweep');
export const Connect = keyword('connect');
export const Input = keyword('input');
export const Layer = keyword('layer');
export const Weights = keyword('weights');
export const Probe = keyword('probe');
export const Vary = keyword('vary');
export const Over = keyword('over');
export const Keep = keyword('keep');
export const True = keyword('true', []);
export const False = keyword('false', []);
export const Per = keyword('per', [Name, UnitOp]);

export const KEYWORD_TOKENS: ReadonlyMap<string, TokenType> = new Map<string, TokenType>([
  ['import', Import], ['const', Const], ['device', Device], ['neuron', Neuron], ['circuit', Circuit],
  ['technology', Technology], ['macro', Macro], ['network', Network], ['stimulus', Stimulus],
  ['simulate', Simulate], ['sweep', Sweep], ['connect', Connect], ['input', Input], ['layer', Layer],
  ['weights', Weights], ['probe', Probe], ['vary', Vary], ['over', Over], ['keep', Keep],
  ['true', True], ['false', False], ['per', Per],
]);

/** The keywords that start a top-level declaration (the parser resynchronises on them). */
export const DECLARATION_STARTS: readonly TokenType[] = [
  Import, Const, Device, Neuron, Circuit, Technology, Macro, Network, Stimulus, Simulate, Sweep,
];

// ---------------------------------------------------------------- punctuation
export const Arrow = createToken({ name: 'Arrow', pattern: '->', label: "'->'" });
export const DotDot = createToken({ name: 'DotDot', pattern: '..', label: "'..'" });
export const Dot = createToken({ name: 'Dot', pattern: '.', label: "'.'" });
export const Comma = createToken({ name: 'Comma', pattern: ',', label: "','" });
export const Semi = createToken({ name: 'Semi', pattern: ';', label: "';'" });
export const Colon = createToken({ name: 'Colon', pattern: ':', label: "':'" });
export const Equals = createToken({ name: 'Equals', pattern: '=', label: "'='" });
export const Plus = createToken({ name: 'Plus', pattern: '+', categories: [BinOp, PrefixOp], label: "'+'" });
export const Minus = createToken({ name: 'Minus', pattern: '-', categories: [BinOp, PrefixOp], label: "'-'" });
export const Star = createToken({ name: 'Star', pattern: '*', categories: [BinOp, UnitOp], label: "'*'" });
export const Slash = createToken({ name: 'Slash', pattern: '/', categories: [BinOp, UnitOp], label: "'/'" });
export const Caret = createToken({ name: 'Caret', pattern: '^', categories: [BinOp], label: "'^'" });
export const LParen = createToken({ name: 'LParen', pattern: '(', label: "'('" });
export const RParen = createToken({ name: 'RParen', pattern: ')', label: "')'" });
export const LBracket = createToken({ name: 'LBracket', pattern: '[', label: "'['" });
export const RBracket = createToken({ name: 'RBracket', pattern: ']', label: "']'" });
export const LCurly = createToken({ name: 'LCurly', pattern: '{', label: "'{'" });
export const RCurly = createToken({ name: 'RCurly', pattern: '}', label: "'}'" });
export const Lt = createToken({ name: 'Lt', pattern: '<', label: "'<'" });
export const Gt = createToken({ name: 'Gt', pattern: '>', label: "'>'" });

/** Token types the lexer matches, in priority order. */
export const LEXER_TOKENS: TokenType[] = [
  WhiteSpace, LineComment, BlockComment, UnterminatedComment,
  StringLiteral, UnterminatedString, NumberLiteral, Ident,
  Arrow, DotDot, Dot, Comma, Semi, Colon, Equals, Plus, Minus, Star, Slash, Caret,
  LParen, RParen, LBracket, RBracket, LCurly, RCurly, Lt, Gt,
];

/** The whole vocabulary the parser knows: lexed tokens, re-typed words and categories. */
export const ALL_TOKENS: TokenType[] = [
  ...LEXER_TOKENS, UnitWord, ...KEYWORD_TOKENS.values(),
  Name, Str, BinOp, PrefixOp, UnitOp, UnitName, RefStart,
];
