// Source positions. Spans are offsets; line and column are computed only when printing
// (or when the elaborator records a human-readable location in the IR).

/** A half-open range [start, end) of UTF-16 offsets in one source file. */
export interface Span { file: string; start: number; end: number }

export interface LineCol { line: number; column: number } // both 1-based

/** A loaded source text with a lazily built line-start table. */
export class SourceText {
  private lineStarts: number[] | null = null;
  constructor(readonly path: string, readonly text: string) {}

  private starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const s = [0];
    for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) s.push(i + 1);
    this.lineStarts = s;
    return s;
  }

  /** 1-based line and column of an offset (clamped into the text). */
  position(offset: number): LineCol {
    const s = this.starts();
    const off = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0, hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]! <= off) lo = mid; else hi = mid - 1;
    }
    return { line: lo + 1, column: off - s[lo]! + 1 };
  }

  /** The text of a 1-based line, without its newline. */
  lineText(line: number): string {
    const s = this.starts();
    if (line < 1 || line > s.length) return '';
    const start = s[line - 1]!;
    const end = line < s.length ? s[line]! - 1 : this.text.length;
    return this.text.slice(start, end).replace(/\r$/, '');
  }

  get lineCount(): number { return this.starts().length; }
}

