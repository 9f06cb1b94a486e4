// Test helpers for the syntax layer: parse a string, list tokens, strip spans.
import { Diagnostics, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { SourceText } from '../../src/diagnostics/span.js';
import type { Program } from '../../src/syntax/ast.js';
import { lex } from '../../src/syntax/lexer.js';
import { parseSource } from '../../src/syntax/parse.js';

export function parse(text: string, file = 'test.snn'): { program: Program; diags: Diagnostic[]; src: SourceText } {
  const src = new SourceText(file, text);
  const d = new Diagnostics();
  const program = parseSource(src, d);
  return { program, diags: d.items, src };
}

/** Parse text that must be free of errors. */
export function parseOk(text: string): Program {
  const r = parse(text);
  if (r.diags.length > 0) throw new Error('unexpected diagnostics: ' + r.diags.map((d) => `${d.code} ${d.message}`).join('; '));
  return r.program;
}

/** `Type:image` for every token. */
export function tokens(text: string): string[] {
  return lex(new SourceText('t.snn', text), new Diagnostics()).tokens.map((t) => `${t.tokenType.name}:${t.image}`);
}

/** The tree without spans (and without the file name), for structural comparisons. */
export function strip<T>(x: T): T {
  return JSON.parse(JSON.stringify(x, (k, v) => (k === 'span' || k === 'file' ? undefined : v))) as T;
}

/** `line:col code message` of each diagnostic. */
export function where(r: { diags: Diagnostic[]; src: SourceText }): string[] {
  return r.diags.map((d) => {
    const p = r.src.position(d.span?.start ?? 0);
    return `${p.line}:${p.column} ${d.code} ${d.message}`;
  });
}

/** The first expression of `const X = <expr>;`. */
export function expr(text: string): unknown {
  const p = parseOk(`const X = ${text};`);
  const c = p.items[0];
  if (!c || c.kind !== 'Const') throw new Error('no const');
  return strip(c.value);
}
