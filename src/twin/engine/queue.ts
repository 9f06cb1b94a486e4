// The engine's event queue: an indexed binary min-heap over a pool of entries held in typed
// arrays (no objects, no allocation per event once the pool has grown).
// Input: push(time, prio, target, code, ch, value) for messages; setKey/remove on entries the
//   caller owns (timers: one permanent entry per model timer slot).
// Output: entries in order of (time, prio, insertion sequence).
// Invariants: the order is total and deterministic: two entries never compare equal because
//   every (re)insertion takes a fresh sequence number; `pos[e]` is e's heap index or -1;
//   a message entry is freed by the caller after it is popped and read.

const SEQ_SPAN = 2 ** 44; // sequence numbers per priority class (1.7e13 events)

export class EventQueue {
  time: Float64Array;
  /** prio * 2^44 + seq: the second sort key. */
  key: Float64Array;
  target: Int32Array;
  code: Int32Array;
  ch: Int32Array;
  value: Float64Array;
  private heap: Int32Array;
  private pos: Int32Array;
  private free: Int32Array;
  private nFree = 0;
  private nAlloc = 0;
  size = 0;
  private seq = 0;

  constructor(capacity = 64) {
    this.time = new Float64Array(capacity);
    this.key = new Float64Array(capacity);
    this.target = new Int32Array(capacity);
    this.code = new Int32Array(capacity);
    this.ch = new Int32Array(capacity);
    this.value = new Float64Array(capacity);
    this.heap = new Int32Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
    this.free = new Int32Array(capacity);
  }

  /** Allocates an entry (not in the heap yet). */
  alloc(target: number, code: number, ch: number, value: number): number {
    let e: number;
    if (this.nFree > 0) e = this.free[--this.nFree]!;
    else {
      if (this.nAlloc === this.time.length) this.grow();
      e = this.nAlloc++;
    }
    this.target[e] = target; this.code[e] = code; this.ch[e] = ch; this.value[e] = value;
    this.pos[e] = -1;
    return e;
  }

  /** Returns an entry to the pool (it must not be in the heap). */
  release(e: number): void {
    this.free[this.nFree++] = e;
  }

  /** A message: allocated, keyed and inserted; freed by the consumer after pop. */
  push(time: number, prio: number, target: number, code: number, ch: number, value: number): number {
    const e = this.alloc(target, code, ch, value);
    this.schedule(e, time, prio);
    return e;
  }

  /** (Re)schedules entry e at (time, prio) with a fresh sequence number. */
  schedule(e: number, time: number, prio: number): void {
    this.time[e] = time;
    this.key[e] = prio * SEQ_SPAN + this.seq++;
    const p = this.pos[e]!;
    if (p < 0) {
      const i = this.size++;
      this.heap[i] = e; this.pos[e] = i;
      this.up(i);
    } else {
      this.up(p);
      this.down(this.pos[e]!);
    }
  }

  /** Removes e from the heap if it is there (the entry stays allocated). */
  remove(e: number): void {
    const p = this.pos[e]!;
    if (p < 0) return;
    this.pos[e] = -1;
    const last = this.heap[--this.size]!;
    if (p === this.size) return;
    this.heap[p] = last; this.pos[last] = p;
    this.up(p);
    this.down(this.pos[last]!);
  }

  isQueued(e: number): boolean { return this.pos[e]! >= 0; }

  /** The first entry, or -1. */
  top(): number { return this.size > 0 ? this.heap[0]! : -1; }

  /** Time of the first entry, or Infinity. */
  topTime(): number { return this.size > 0 ? this.time[this.heap[0]!]! : Infinity; }

  /** Removes and returns the first entry (size must be > 0). */
  pop(): number {
    const e = this.heap[0]!;
    this.pos[e] = -1;
    const n = --this.size;
    if (n > 0) {
      const last = this.heap[n]!;
      this.heap[0] = last; this.pos[last] = 0;
      this.down(0);
    }
    return e;
  }

  private less(a: number, b: number): boolean {
    const ta = this.time[a]!, tb = this.time[b]!;
    return ta < tb || (ta === tb && this.key[a]! < this.key[b]!);
  }

  private up(i: number): void {
    const heap = this.heap, pos = this.pos;
    const e = heap[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const q = heap[p]!;
      if (!this.less(e, q)) break;
      heap[i] = q; pos[q] = i; i = p;
    }
    heap[i] = e; pos[e] = i;
  }

  private down(i: number): void {
    const heap = this.heap, pos = this.pos, n = this.size;
    const e = heap[i]!;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.less(heap[c + 1]!, heap[c]!)) c++;
      const q = heap[c]!;
      if (!this.less(q, e)) break;
      heap[i] = q; pos[q] = i; i = c;
    }
    heap[i] = e; pos[e] = i;
  }

  private grow(): void {
    const n = this.time.length * 2;
    const f64 = (a: Float64Array) => { const b = new Float64Array(n); b.set(a); return b; };
    const i32 = (a: Int32Array, fill = 0) => { const b = new Int32Array(n).fill(fill); b.set(a); return b; };
    this.time = f64(this.time); this.key = f64(this.key); this.value = f64(this.value);
    this.target = i32(this.target); this.code = i32(this.code); this.ch = i32(this.ch);
    this.heap = i32(this.heap); this.pos = i32(this.pos, -1); this.free = i32(this.free);
  }
}
