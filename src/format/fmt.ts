// The formatter: a .snn file (or an AST) -> canonical text.
// Input: a SourceText (formatSource) or a Program and optional trivia (printProgram).
// Output: 2-space indented text, one statement per line, `a = b;` spacing, numbers as written,
// comments and (at most single) blank lines kept; null when the input has syntax errors.
// Invariants: parse(format(x)) equals parse(x) with spans ignored, and format is idempotent
// (both checked by property tests in test/format/).
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { SourceText } from '../diagnostics/span.js';
import type * as A from '../syntax/ast.js';
import { parseWithTrivia } from '../syntax/parse.js';
import { LCurly, LineComment } from '../syntax/tokens.js';
import { Layout, type Comment, type Trivia } from './layout.js';
import { printDims, printExpr, printParams, printPath, printTypeRef } from './print-expr.js';

/** Format one file; null (and the errors in `diags`) when it does not parse cleanly. */
export function formatSource(src: SourceText, diags: Diagnostics): string | null {
  const r = parseWithTrivia(src, diags);
  if (r.hasSyntaxErrors) return null;
  const comments: Comment[] = r.comments.map((c) => ({
    start: c.startOffset,
    end: c.startOffset + c.image.length,
    text: c.tokenType === LineComment ? c.image.trimEnd() : c.image,
    line: c.tokenType === LineComment,
  }));
  const braces: number[] = [];
  for (const t of r.tokens) if (t.tokenType === LCurly) braces.push(t.startOffset);
  return printProgram(r.program, { text: src.text, comments, braces });
}

/** Canonical text of a program; with trivia, its comments and blank lines are kept. */
export function printProgram(p: A.Program, trivia: Trivia | null = null): string {
  const out = new Layout(trivia);
  p.items.forEach((item, i) => {
    out.startItem(item.span.start);
    topItem(out, item);
    out.trailing(item.span.end, p.items[i + 1]?.span.start ?? Infinity);
  });
  out.leading(Infinity);
  return out.text();
}

function topItem(out: Layout, d: A.TopItem): void {
  switch (d.kind) {
    case 'Import': out.line(`import ${d.path.raw};`); return;
    case 'Const': out.line(`const ${d.name.name} = ${printExpr(d.value)};`); return;
    case 'TypeDecl':
      block(out, `${d.category} ${d.name.name}${d.base ? ` : ${d.base.name}` : ''}`, d.span, d.body, property);
      return;
    case 'Macro': block(out, `macro ${d.name.name}${printParams(d.params)}`, d.span, d.body, macroItem); return;
    case 'Network': block(out, `network ${d.name.name}${printParams(d.params)}`, d.span, d.body, networkItem); return;
    case 'Stimulus': block(out, `stimulus ${d.name.name}`, d.span, d.body, property); return;
    case 'Simulate': block(out, `simulate ${d.name.name}`, d.span, d.body, simulateItem); return;
    case 'Sweep': block(out, `sweep ${d.name.name}`, d.span, d.body, sweepItem); return;
  }
}

/**
 * `header { items }`; `header {}` when empty. `span` is the whole construct's: its block's
 * closing `}` is its last character.
 */
function block<T extends { span: { start: number; end: number } }>(
  out: Layout, header: string, span: { start: number; end: number }, items: readonly T[],
  print: (out: Layout, item: T) => void,
): void {
  const close = span.end - 1;
  if (items.length === 0 && !out.hasCommentBefore(close)) {
    out.line(header + ' {}');
    return;
  }
  out.line(header + ' {');
  out.open();
  out.afterBrace(span.start, items.length > 0 ? items[0]!.span.start : close);
  items.forEach((item, i) => {
    out.startItem(item.span.start);
    print(out, item);
    out.trailing(item.span.end, items[i + 1]?.span.start ?? close);
  });
  out.leading(close);
  out.close();
  out.line('}');
}

function property(out: Layout, p: A.Property): void {
  out.line(`${p.name.name} = ${printExpr(p.value)};`);
}

function macroItem(out: Layout, m: A.MacroItem): void {
  switch (m.kind) {
    case 'Property': property(out, m); return;
    case 'Connect': connect(out, m); return;
    case 'Instance': {
      const header = m.anonymous
        ? m.kindName.name
        : `${m.kindName.name} ${m.name.name}${printDims(m.dims)}${m.type ? ` : ${printTypeRef(m.type)}` : ''}`;
      if (m.body === null) out.line(header + ';');
      else block(out, header, m.span, m.body, property);
      return;
    }
  }
}

function connect(out: Layout, c: A.ConnectStmt): void {
  out.line(`connect ${c.chain.map(printPath).join(' -> ')};`);
}

function networkItem(out: Layout, n: A.NetworkItem): void {
  switch (n.kind) {
    case 'Property': property(out, n); return;
    case 'Connect': connect(out, n); return;
    case 'Input': out.line(`input ${n.name.name}${printDims(n.dims)};`); return;
    case 'Layer': {
      const header = `layer ${n.name.name} : ${printTypeRef(n.type)}${n.weights ? ` weights ${n.weights.raw}` : ''}`;
      if (n.body === null) out.line(header + ';');
      else block(out, header, n.span, n.body, property);
      return;
    }
  }
}

function simulateItem(out: Layout, s: A.SimulateItem): void {
  if (s.kind === 'Property') property(out, s);
  else out.line(`probe ${s.paths.map(printPath).join(', ')};`);
}

function sweepItem(out: Layout, s: A.SweepItem): void {
  switch (s.kind) {
    case 'Property': property(out, s); return;
    case 'Vary': out.line(`vary ${printPath(s.target)} over ${printExpr(s.values)};`); return;
    case 'Keep': out.line(`keep ${printPath(s.target)} = ${printExpr(s.value)};`); return;
  }
}
