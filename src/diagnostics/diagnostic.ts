// Diagnostic values and the collector that every phase reports into. User errors are
// collected, never thrown; an internal error is a bug with its own code (SNN9001).
import { CATALOGUE, type Code, type Severity } from './catalogue.js';
import type { Span } from './span.js';

export interface Diagnostic {
  code: Code;
  severity: Severity;
  message: string;
  span: Span | null;
  hint: string | null;
}

export type Args = Record<string, string | number>;

function fill(template: string, args: Args): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m));
}

export function makeDiagnostic(code: Code, span: Span | null, args: Args = {}): Diagnostic {
  const e = CATALOGUE[code] as { severity: Severity; message: string; hint?: string };
  let hint: string | null = e.hint ? fill(e.hint, args) : null;
  // A hint template whose only content is an empty argument means "no hint here".
  if (hint !== null && (hint.trim() === '' || /\{\w+\}/.test(hint))) hint = null;
  return { code, severity: e.severity, message: fill(e.message, args), span, hint };
}

export class Diagnostics {
  readonly items: Diagnostic[] = [];
  private seen = new Set<string>();

  report(code: Code, span: Span | null, args: Args = {}): Diagnostic {
    const d = makeDiagnostic(code, span, args);
    this.add(d);
    return d;
  }

  add(d: Diagnostic): void {
    const key = `${d.code}|${d.span?.file}|${d.span?.start}|${d.span?.end}|${d.message}`;
    if (this.seen.has(key)) return; // the same problem reached by two paths is reported once
    this.seen.add(key);
    this.items.push(d);
  }

  get errorCount(): number { return this.items.filter((d) => d.severity === 'error').length; }
  get hasErrors(): boolean { return this.items.some((d) => d.severity === 'error'); }
}

/** Sort by file, then position, then code: the order in which they are printed. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => {
    const fa = a.span?.file ?? '', fb = b.span?.file ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    const sa = a.span?.start ?? -1, sb = b.span?.start ?? -1;
    if (sa !== sb) return sa - sb;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
}
