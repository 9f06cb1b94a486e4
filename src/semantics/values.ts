// Semantic values: what an expression evaluates to before elaboration turns it into IR
// Values. Quantities carry an interned Dimension; 'poison' marks a value whose error has
// already been reported, so that later checks stay silent instead of cascading.
import type { Dimension } from '../units/dimension.js';
import type { Span } from '../diagnostics/span.js';
import type { Decl } from './modules.js';

export type Val =
  | { k: 'q'; value: number; dim: Dimension }
  | { k: 'str'; value: string }
  | { k: 'bool'; value: boolean }
  /** A bare word used as an enumeration value (`MOD`, `1T1R`). */
  | { k: 'word'; value: string }
  | { k: 'list'; items: Val[] }
  /** A named declaration (a type, macro, network, stimulus, run). */
  | { k: 'ref'; decl: Decl }
  /** A call to a non-mathematical function such as an encoder: `latency(t_max = 20us)`. */
  | { k: 'call'; name: string; args: CallArg[]; span: Span }
  | { k: 'poison' };

export interface CallArg { name: string | null; value: Val; span: Span }

export const POISON: Val = { k: 'poison' };

export function describeVal(v: Val): string {
  switch (v.k) {
    case 'q': return v.dim.describe;
    case 'str': return 'a string';
    case 'bool': return 'a boolean';
    case 'word': return `the word '${v.value}'`;
    case 'list': return 'a list';
    case 'ref': return `${v.decl.what} '${v.decl.name}'`;
    case 'call': return `a call to ${v.name}()`;
    case 'poison': return 'an invalid value';
  }
}
