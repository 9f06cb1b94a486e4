// chevrotain, loaded from its single-file ES bundle (lib/chevrotain.mjs) rather than its
// package entry: the entry pulls in several hundred lodash-es modules and costs about 0.27 s
// of start-up on this project's machines, the bundle about 0.02 s. Same code, same API; the
// types come from the package as usual. Falls back to the package entry if the bundle moves.
import type * as Chevrotain from 'chevrotain';

async function load(): Promise<typeof Chevrotain> {
  try {
    return (await import(new URL('../chevrotain.mjs', import.meta.resolve('chevrotain')).href)) as typeof Chevrotain;
  } catch {
    return await import('chevrotain');
  }
}

const chevrotain = await load();

export const { createToken, EOF, tokenMatcher, isRecognitionException } = chevrotain;
export const CstParser = chevrotain.CstParser;
export const LLkLookaheadStrategy = chevrotain.LLkLookaheadStrategy;
export type CstParser = Chevrotain.CstParser;
export const Lexer = chevrotain.Lexer;
export type Lexer = Chevrotain.Lexer;
export const NoViableAltException = chevrotain.NoViableAltException;
export type NoViableAltException = Chevrotain.NoViableAltException;
export type { CstNode, ILookaheadStrategy, IParserErrorMessageProvider, OrMethodOpts, IRecognitionException, IToken, TokenType } from 'chevrotain';
