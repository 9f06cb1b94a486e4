// Printing diagnostics for people (file:line:col, the source line, carets under the whole
// span, a hint) and for tools (JSON). Input: Diagnostics and the loaded sources; output: text.
import type { Diagnostic } from './diagnostic.js';
import { sortDiagnostics } from './diagnostic.js';
import type { SourceText } from './span.js';

export interface JsonDiagnostic {
  code: string; severity: string; message: string;
  file: string | null; line: number | null; column: number | null; endLine: number | null; endColumn: number | null;
  hint: string | null;
}

const MAX_LINE = 240;

/** Render one diagnostic with its source excerpt. `color` adds ANSI colours. */
export function renderDiagnostic(d: Diagnostic, sources: ReadonlyMap<string, SourceText>, color = false): string {
  const c = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sev = d.severity === 'error' ? c('1;31', 'error') : d.severity === 'warning' ? c('1;33', 'warning') : c('1;36', 'note');
  const src = d.span ? sources.get(d.span.file) : undefined;
  if (!d.span || !src) {
    const where = d.span ? `${d.span.file}: ` : 'snn: ';
    return `${where}${sev} ${d.code}: ${d.message}${d.hint ? `\n  = hint: ${d.hint}` : ''}\n`;
  }
  const a = src.position(d.span.start);
  const b = src.position(d.span.end);
  const text = src.lineText(a.line);
  const lineNo = String(a.line);
  const pad = ' '.repeat(lineNo.length);
  // Carets under the whole span on its first line (at least one caret).
  const startCol = a.column - 1;
  const endCol = b.line === a.line ? Math.max(b.column - 1, startCol + 1) : Math.max(text.length, startCol + 1);
  let shown = text, from = 0;
  if (text.length > MAX_LINE) { // keep the excerpt readable around the span
    from = Math.max(0, startCol - 40);
    shown = (from > 0 ? '...' : '') + text.slice(from, from + MAX_LINE) + (from + MAX_LINE < text.length ? '...' : '');
    if (from > 0) from -= 3;
  }
  const lead = Array.from(shown.slice(0, Math.max(0, startCol - from))).map((ch) => (ch === '\t' ? '\t' : ' ')).join('');
  const carets = '^'.repeat(Math.max(1, Math.min(endCol, from + MAX_LINE) - startCol));
  let out = `${d.span.file}:${a.line}:${a.column}: ${sev} ${c('1', d.code)}: ${d.message}\n`;
  out += `${pad} |\n${lineNo} | ${sanitize(shown)}\n${pad} | ${lead}${c(d.severity === 'error' ? '1;31' : '1;33', carets)}\n`;
  if (d.hint) out += `${pad} = hint: ${d.hint}\n`;
  return out;
}

/** Control characters in a source line would garble the terminal: show them as U+FFFD. */
function sanitize(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '\uFFFD');
}

export function renderAll(ds: readonly Diagnostic[], sources: ReadonlyMap<string, SourceText>, color = false): string {
  return sortDiagnostics(ds).map((d) => renderDiagnostic(d, sources, color)).join('\n');
}

export function toJson(ds: readonly Diagnostic[], sources: ReadonlyMap<string, SourceText>): JsonDiagnostic[] {
  return sortDiagnostics(ds).map((d) => {
    const src = d.span ? sources.get(d.span.file) : undefined;
    const a = src && d.span ? src.position(d.span.start) : null;
    const b = src && d.span ? src.position(d.span.end) : null;
    return {
      code: d.code, severity: d.severity, message: d.message, file: d.span?.file ?? null,
      line: a?.line ?? null, column: a?.column ?? null, endLine: b?.line ?? null, endColumn: b?.column ?? null, hint: d.hint,
    };
  });
}

export function summary(ds: readonly Diagnostic[]): string {
  const e = ds.filter((d) => d.severity === 'error').length, w = ds.filter((d) => d.severity === 'warning').length;
  const part = (n: number, s: string) => `${n} ${s}${n === 1 ? '' : 's'}`;
  return `${part(e, 'error')}, ${part(w, 'warning')}`;
}
