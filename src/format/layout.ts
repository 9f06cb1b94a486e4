// Output lines with indentation, and the placement of comments and blank lines from the
// source, for the formatter.
// Input: the source text and its comments (or none, when printing a synthetic AST).
// Output: lines of text (`Layout.text()`).
// Invariants: every comment is emitted exactly once and in source order: a comment before a
// statement goes on its own line(s) above it (leading); a comment inside a statement or after
// it on the same line goes at the end of that statement's last line (trailing); a comment
// before a closing `}` stays inside the block. At most one blank line is kept where the source
// had one or more, never at the start of a block.

export interface Comment { start: number; end: number; text: string; line: boolean }

export interface Trivia {
  text: string;
  comments: readonly Comment[];
  /** Offsets of the `{` tokens, ascending (to find a block's opening brace). */
  braces: readonly number[];
}

export class Layout {
  private readonly out: string[] = [];
  private depth = 0;
  private next = 0; // index of the next comment to emit
  private lastEnd = 0; // end offset of the last source element emitted
  private atBlockStart = true; // nothing emitted yet in the current block

  constructor(private readonly trivia: Trivia | null) {}

  line(s: string): void {
    this.out.push('  '.repeat(this.depth) + s);
    this.atBlockStart = false;
  }

  /** Enter a block whose header line was just written. */
  open(): void {
    this.depth++;
    this.atBlockStart = true;
  }

  close(): void {
    this.depth--;
    this.atBlockStart = false;
  }

  /** Is there an unemitted comment before `offset`? */
  hasCommentBefore(offset: number): boolean {
    const c = this.trivia?.comments[this.next];
    return c !== undefined && c.start < offset;
  }

  /** A blank line if the source had one between the last element and `start`. */
  blankBefore(start: number): void {
    if (!this.trivia || this.atBlockStart) return;
    let newlines = 0;
    const text = this.trivia.text;
    for (let i = this.lastEnd; i < start && i < text.length; i++) {
      if (text.charCodeAt(i) === 10 && ++newlines >= 2) {
        this.out.push('');
        return;
      }
    }
  }

  /** Emit the comments before `offset` on their own lines (leading or dangling comments). */
  leading(offset: number): void {
    const t = this.trivia;
    if (!t) return;
    while (this.next < t.comments.length && t.comments[this.next]!.start < offset) {
      const c = t.comments[this.next++]!;
      this.blankBefore(c.start);
      this.line(c.text);
      this.lastEnd = c.end;
    }
  }

  /** A statement starting at `start` is about to be written. */
  startItem(start: number): void {
    this.leading(start);
    this.blankBefore(start);
  }

  /**
   * The statement ending at `end` was written: its inner comments and the comments after it on
   * the same line (and before `limit`, where the next statement or the block's `}` starts) go at
   * the end of its last line (after a line comment, on lines of their own).
   */
  trailing(end: number, limit = Infinity): void {
    const t = this.trivia;
    if (!t) return;
    let pos = end;
    let lineOpen = true; // can we still append to the last line?
    while (this.next < t.comments.length) {
      const c = t.comments[this.next]!;
      if (c.start >= limit || (c.start >= end && hasNewline(t.text, pos, c.start))) break;
      this.next++;
      if (lineOpen && this.out.length > 0) this.out[this.out.length - 1] += ' ' + c.text;
      else this.line(c.text);
      if (c.line) lineOpen = false;
      pos = c.end;
    }
    this.lastEnd = Math.max(end, pos);
    this.atBlockStart = false;
  }

  /**
   * Comments right after the `{` of the block that starts at or after `from`, on the same line
   * and before `limit` (the block's first item or its closing `}`), stay on the header line.
   */
  afterBrace(from: number, limit: number): void {
    const t = this.trivia;
    if (!t) return;
    const brace = firstAtOrAfter(t.braces, from);
    if (brace === undefined) return;
    const save = this.atBlockStart;
    this.trailing(brace + 1, limit);
    this.atBlockStart = save;
  }

  text(): string {
    return this.out.length === 0 ? '' : this.out.join('\n') + '\n';
  }
}

function hasNewline(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || ch === 13) return true;
  }
  return false;
}

function firstAtOrAfter(sorted: readonly number[], x: number): number | undefined {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1; else hi = mid;
  }
  return sorted[lo];
}
