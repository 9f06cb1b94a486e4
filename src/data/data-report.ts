// Shared by the data readers (stimulus, data set): problem reporting and line/number lexing.
// Input: the file's name and text, offsets of the bad part. Output: SNN8003 diagnostics whose
// message names the file and the 1-based line ("line 7: ..."), with a span on that part;
// SNN8001 for channels the design lacks. Helpers: strict decimal parsing, line splitting with
// offsets, a short reason for a failed read.
// Invariants: at most `limit` per-entry reports per file; the rest are counted and summed up
// in one final report by finish(), so a garbage file cannot flood the output. Never throws.
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { SourceText, type Span } from '../diagnostics/span.js';

export const DEFAULT_REPORT_LIMIT = 20;

export class DataReporter {
  private readonly src: SourceText;
  private reported = 0;
  private suppressed = 0;

  constructor(
    readonly file: string,
    readonly text: string,
    private readonly diags: Diagnostics,
    private readonly limit = DEFAULT_REPORT_LIMIT,
  ) {
    this.src = new SourceText(file, text);
  }

  span(start: number, end: number): Span {
    return { file: this.file, start, end: Math.max(start, end) };
  }

  /** 1-based line of an offset. */
  line(offset: number): number {
    return this.src.position(offset).line;
  }

  /** Whether another per-entry report would still be shown. */
  get hasRoom(): boolean {
    return this.reported < this.limit;
  }

  /** SNN8003 "malformed stimulus '<file>': line N: <reason>" at [start, end). */
  malformed(start: number, end: number, reason: string): void {
    if (this.reported >= this.limit) { this.suppressed++; return; }
    this.reported++;
    this.diags.report('SNN8003', this.span(start, end), { path: this.file, reason: `line ${this.line(start)}: ${reason}` });
  }

  /** SNN8001 for a channel the design does not have, counted against the same limit. */
  badChannel(start: number, end: number, channel: number, count: number): void {
    if (this.reported >= this.limit) { this.suppressed++; return; }
    this.reported++;
    this.diags.report('SNN8001', this.span(start, end), { channel, count });
  }

  /** Adds the summary of suppressed reports, if any. */
  finish(): void {
    if (this.suppressed === 0) return;
    const end = this.text.length;
    this.diags.report('SNN8003', this.span(end, end), {
      path: this.file,
      reason: `${this.suppressed} more problem${this.suppressed === 1 ? '' : 's'} not shown`,
    });
    this.suppressed = 0;
  }

  /** SNN8003 without a line (a whole-file problem). */
  whole(reason: string): void {
    this.diags.report('SNN8003', this.span(0, 0), { path: this.file, reason });
  }
}

/** Strict decimal number syntax (no hex, no empty string, no 'Infinity'). */
const DECIMAL = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** The finite number a field spells, or null. Surrounding spaces are allowed. */
export function parseDecimal(field: string): number | null {
  const s = field.trim();
  if (!DECIMAL.test(s)) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

/** The text's lines with their start offsets; '\r\n' and '\n' end a line; a BOM is skipped. */
export function splitLines(text: string): Array<{ text: string; start: number; line: number }> {
  const out: Array<{ text: string; start: number; line: number }> = [];
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    let end = nl;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    out.push({ text: text.slice(start, end), start, line });
    start = nl + 1;
    line++;
  }
  return out;
}

/** A short reason for a failed read: "no such file", "permission denied", ... */
export { ioReason as readFailure } from '../diagnostics/io-reason.js';
