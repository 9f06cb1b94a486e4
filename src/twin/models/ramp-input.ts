// A piecewise-linear 'level' input with pulse edges, per channel: what a consumer with
// Model.inputEdges integrates. Each message is the value the input ramps to; its change
// (new target - previous target) ramps linearly over the rise time when it is an increase
// and over the fall time when it is a decrease, from the message's tick; ramps superpose.
// Between two breakpoints (a message, the end of a ramp) the input is u + slope * dt, which
// a linear filter integrates in closed form (the consumer's job).
// Input: configure(rise ticks, fall ticks, seconds per tick) once at init; change(c, t,
//   target) per message; the consumer advances u by slope * dt over each segment and calls
//   pop(c) at each ramp end (nextEnd(c)) before going past it.
// Output: per channel u (the input at the consumer's last update), slope (per second),
//   target (the input once every ramp has ended), busy(c) (some ramp under way).
// Invariants: without edges (rise = fall = 0, or none configured) every change is a step and
//   u = target exactly (rectangular pulses unchanged bit for bit); when the last ramp of a
//   channel ends, slope = 0 and u = target exactly (no drift from summing slopes); a ramp
//   lasts a whole number of ticks, so it reaches its change exactly at its end tick. Each
//   direction keeps its ramps in a FIFO ring per channel (equal durations: ends in arrival
//   order; ramps ending on the same tick merge); the rings grow by doubling, so there is no
//   allocation per event once the largest number of overlapping edges has been seen.

const UP = 0, DOWN = 1;

export class RampInput {
  readonly u: Float64Array;
  readonly slope: Float64Array;
  readonly target: Float64Array;
  private riseTicks = 0;
  private fallTicks = 0;
  private riseS = 0;
  private fallS = 0;
  // rings: index (2c + dir) * cap + j
  private cap = 4;
  private end: Float64Array;
  private ds: Float64Array;
  private readonly head: Int32Array;
  private readonly count: Int32Array;

  constructor(readonly n: number) {
    this.u = new Float64Array(n);
    this.slope = new Float64Array(n);
    this.target = new Float64Array(n);
    this.end = new Float64Array(2 * n * this.cap);
    this.ds = new Float64Array(2 * n * this.cap);
    this.head = new Int32Array(2 * n);
    this.count = new Int32Array(2 * n);
  }

  /** Edge durations in ticks (rounded by the caller) and the seconds per tick. */
  configure(riseTicks: number, fallTicks: number, resolution: number): void {
    this.riseTicks = riseTicks; this.fallTicks = fallTicks;
    this.riseS = riseTicks * resolution; this.fallS = fallTicks * resolution;
  }

  /** True when changes ramp (some edge is at least one tick long). */
  get ramps(): boolean { return this.riseTicks > 0 || this.fallTicks > 0; }

  /** A message at tick t: the input now ramps (or steps) to `value`. State must be at t. */
  change(c: number, t: number, value: number): void {
    const d = value - this.target[c]!;
    const up = d > 0;
    const T = up ? this.riseTicks : this.fallTicks;
    if (T === 0 || d === 0) {
      if (!this.busy(c)) this.u[c] = value;
      else this.u[c] = this.u[c]! + d;
      this.target[c] = value;
      return;
    }
    const s = d / (up ? this.riseS : this.fallS);
    this.target[c] = value;
    this.slope[c] = this.slope[c]! + s;
    this.push(2 * c + (up ? UP : DOWN), t + T, s);
  }

  /** True while some ramp of channel c is under way. */
  busy(c: number): boolean { return this.count[2 * c]! + this.count[2 * c + 1]! > 0; }

  /** Tick of channel c's next ramp end (Infinity if none). */
  nextEnd(c: number): number {
    let e = Infinity;
    for (let q = 2 * c; q < 2 * c + 2; q++) {
      if (this.count[q]! > 0) { const x = this.end[q * this.cap + this.head[q]!]!; if (x < e) e = x; }
    }
    return e;
  }

  /** Ends channel c's earliest ramp (the consumer has advanced u to its end tick). */
  pop(c: number): void {
    let q = -1, e = Infinity;
    for (let r = 2 * c; r < 2 * c + 2; r++) {
      if (this.count[r]! > 0) { const x = this.end[r * this.cap + this.head[r]!]!; if (x < e) { e = x; q = r; } }
    }
    if (q < 0) return;
    const k = q * this.cap + this.head[q]!;
    this.head[q] = (this.head[q]! + 1) & (this.cap - 1);
    this.count[q] = this.count[q]! - 1;
    if (!this.busy(c)) { this.slope[c] = 0; this.u[c] = this.target[c]!; }
    else this.slope[c] = this.slope[c]! - this.ds[k]!;
  }

  private push(q: number, end: number, s: number): void {
    const n = this.count[q]!;
    if (n > 0) {
      const last = q * this.cap + ((this.head[q]! + n - 1) & (this.cap - 1));
      if (this.end[last] === end) { this.ds[last] = this.ds[last]! + s; return; }
    }
    if (n === this.cap) this.grow();
    const k = q * this.cap + ((this.head[q]! + this.count[q]!) & (this.cap - 1));
    this.end[k] = end; this.ds[k] = s;
    this.count[q] = this.count[q]! + 1;
  }

  /** Doubles every ring (rare: only when more edges overlap than ever before). */
  private grow(): void {
    const cap = this.cap, nc = cap * 2, rings = this.head.length;
    const end = new Float64Array(rings * nc), ds = new Float64Array(rings * nc);
    for (let q = 0; q < rings; q++) {
      for (let j = 0; j < this.count[q]!; j++) {
        const k = q * cap + ((this.head[q]! + j) & (cap - 1));
        end[q * nc + j] = this.end[k]!; ds[q * nc + j] = this.ds[k]!;
      }
      this.head[q] = 0;
    }
    this.cap = nc; this.end = end; this.ds = ds;
  }
}
