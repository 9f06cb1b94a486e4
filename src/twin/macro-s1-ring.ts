// The pulses of the fused S1 macro (src/twin/macro-s1.ts): a FIFO ring of (row, start,
// end) in typed arrays, ordered by end because every pulse has the same width.
// Input: pushIo(row, extension?) with the spike and end ticks in io, in time order; pop() at
//   the head.
// Output: the next pulse end (head), the live pulses for exact walks, per-row state.
// Invariants: an entry is live iff rowEnd[row] === its end; a spike on a row whose pulse
//   is still high extends it (the new entry keeps the original start and the old entry
//   turns stale; stale entries are dropped when they reach the head); `live` counts live
//   entries; the ring grows by doubling and never allocates otherwise.

export class S1Ring {
  row = new Int32Array(256);
  start = new Float64Array(256);
  end = new Float64Array(256);
  pushT = new Float64Array(256);
  ext = new Uint8Array(256);
  private mask = 255;
  private h = 0;
  len = 0;
  live = 0;
  readonly rowEnd: Float64Array;
  readonly rowStart: Float64Array;
  /** Rows whose live pulse was extended (longer than one width), and their count. */
  readonly rowExt: Uint8Array;
  liveExt = 0;
  noisyOn = false;
  rowWv = new Float64Array(0);
  rowA = new Float64Array(0);

  constructor(private readonly R: number, private readonly C: number) {
    this.rowEnd = new Float64Array(R).fill(-1);
    this.rowStart = new Float64Array(R);
    this.rowExt = new Uint8Array(R);
  }

  /** Per-pulse read-noise weights, held per row (a row has at most one live pulse). */
  noisy(): void {
    this.noisyOn = true;
    this.rowWv = new Float64Array(this.R * this.C);
    this.rowA = new Float64Array(this.R * this.C);
  }

  /** pushIo()'s doubles, [spike tick, end tick]: a typed array, not arguments (a caller that does not inline the call would box them). */
  readonly io = new Float64Array(2);

  /** Appends a pulse, with the spike and end ticks in io[0], io[1] (an extension keeps the row's original start). */
  pushIo(row: number, ext: boolean): void {
    const s = this.io[0]!, end = this.io[1]!;
    const start = ext ? this.rowStart[row]! : s;
    if (ext && this.rowEnd[row] === end) return; // same tick twice: nothing changes
    if (this.len === this.row.length) this.grow();
    if (!ext) { this.rowStart[row] = s; this.live++; }
    else if (this.rowExt[row] === 0) { this.rowExt[row] = 1; this.liveExt++; }
    this.rowEnd[row] = end;
    const q = (this.h + this.len) & this.mask;
    this.row[q] = row; this.start[q] = start; this.end[q] = end; this.pushT[q] = s; this.ext[q] = ext ? 1 : 0;
    this.len++;
  }

  isLive(q: number): boolean { return this.rowEnd[this.row[q]!] === this.end[q]; }

  /**
   * Slot of the first live pulse (dropping stale entries), or -1 (an integer: a caller that
   * does not inline this reads end[q] itself, no boxed double).
   */
  headSlot(): number {
    while (this.len > 0) {
      const q = this.h;
      if (this.rowEnd[this.row[q]!] === this.end[q]!) return q;
      this.h = (q + 1) & this.mask;
      this.len--;
    }
    return -1;
  }

  headRow(): number { return this.row[this.h]!; }
  headStart(): number { return this.start[this.h]!; }

  /** Removes the (live) head pulse: its row goes low. */
  pop(): void {
    const q = this.h, r = this.row[q]!;
    this.rowEnd[r] = -1;
    if (this.rowExt[r] === 1) { this.rowExt[r] = 0; this.liveExt--; }
    this.h = (q + 1) & this.mask;
    this.len--;
    this.live--;
  }

  /** Slot of the first live entry, or -1; then next(q). */
  first(): number { return this.scan(this.h, 0); }
  next(q: number): number { return this.scan((q + 1) & this.mask, ((q - this.h) & this.mask) + 1); }

  private scan(q: number, k: number): number {
    for (; k < this.len; k++, q = (q + 1) & this.mask) {
      if (this.rowEnd[this.row[q]!] === this.end[q]) return q;
    }
    return -1;
  }

  /** Every entry, live or stale. */
  firstAny(): number { return this.len > 0 ? this.h : -1; }
  nextAny(q: number): number { return ((q - this.h) & this.mask) + 1 < this.len ? (q + 1) & this.mask : -1; }

  private grow(): void {
    const n = this.row.length * 2;
    const row = new Int32Array(n), start = new Float64Array(n), end = new Float64Array(n), pushT = new Float64Array(n), ext = new Uint8Array(n);
    for (let k = 0; k < this.len; k++) {
      const q = (this.h + k) & this.mask;
      row[k] = this.row[q]!; start[k] = this.start[q]!; end[k] = this.end[q]!; pushT[k] = this.pushT[q]!; ext[k] = this.ext[q]!;
    }
    this.row = row; this.start = start; this.end = end; this.pushT = pushT; this.ext = ext;
    this.mask = n - 1; this.h = 0;
  }
}
