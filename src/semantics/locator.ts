// Turning Spans into printable positions and IR locations, using the loaded sources.
import type { SourceText, Span } from '../diagnostics/span.js';
import type { Loc } from '../elaborate/ir.js';

export class Locator {
  /** irFile maps a printed path to the one recorded in the IR (relative to the top file). */
  constructor(private sources: Map<string, SourceText>, private irFile: (display: string) => string = (d) => d) {}

  /** A location for the IR: file relative to the top file's folder, so the IR does not depend on the cwd. */
  loc(span: Span): Loc {
    const l = this.raw(span);
    return { ...l, file: this.irFile(l.file) };
  }

  private raw(span: Span): Loc {
    const src = this.sources.get(span.file);
    if (!src) return { file: span.file, line: 0, column: 0, endLine: 0, endColumn: 0 };
    const a = src.position(span.start), b = src.position(span.end);
    return { file: span.file, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }

  /** `file:line:col` as printed in messages. */
  position(span: Span): string {
    const l = this.raw(span);
    return `${l.file}:${l.line}:${l.column}`;
  }
}
