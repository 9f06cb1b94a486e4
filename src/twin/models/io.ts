// io: a spike driver. Turns instantaneous spikes into pulses (levels) of a given width and
// amplitude, e.g. the row drivers of a crossbar or an output pad: rectangles, or trapezoids
// when the pulse has edges (S4's SPICE input pulses: 100 us rise, 900 us top, 100 us fall).
// Input: in-port 'in' (spike; value scales the amplitude, normally 1), params
//   `width` (s, hardware time: the flat top), `amplitude` (V), `rise`, `fall` (s, hardware
//   time, default 0: the linear edges before and after the top, as SPICE's
//   PULSE(0 V td rise fall width)).
// Output: out-port 'out' (level): amplitude*value at the spike, 0 at spike + rise + width
//   (at spike + width for rectangles). With edges the port declares them (PortDecl
//   rise/fall), so each message is the value the level ramps to from that tick: the level
//   rises over `rise` from the spike, stays for `width`, and falls over `fall`; consumers
//   with Model.inputEdges integrate the ramps exactly, the others see the rectangle from the
//   start of the rise to the start of the fall. The trace shows the level each edge ramps to.
// Invariants: a spike arriving while its channel's pulse is high (before its fall starts)
//   extends the pulse: the fall starts at t + rise + width (a driver cannot be "more high");
//   the pulse level is that of the first spike. A spike during the fall starts a new pulse.
//   rise = fall = 0 gives the rectangular pulses exactly (the same messages and counters).
//   Counters: input_pulses per spike, active_ticks = channel-ticks the output is not zero
//   (from the start of the rise to the end of the fall).
import { Counters, Prio, type Model, type ModelContext, type ModelSpec, type PortDecl, type Tick } from '../model.js';

export class IoDriver implements Model {
  readonly ports: readonly PortDecl[];
  readonly counters = new Counters();
  readonly width: number;       // channels
  readonly pulseWidth: number;  // seconds
  readonly amplitude: number;   // volts
  readonly rise: number;        // seconds
  readonly fall: number;        // seconds
  private ctx!: ModelContext;
  private wTicks = 1;
  private rTicks = 0;
  private fTicks = 0;
  private readonly end: Float64Array;      // tick the fall starts (the pulse is high before)
  private readonly fallEnd: Float64Array;  // tick the last fall ends
  private readonly start: Float64Array;    // start of the open activity interval
  private readonly level: Float64Array;
  private trace: Int32Array | null = null;

  constructor(readonly spec: ModelSpec) {
    const n = spec.shape.length > 0 ? spec.shape.reduce((a, b) => a * b, 1) : 1;
    this.width = n;
    this.pulseWidth = spec.params.num('width');
    this.amplitude = spec.params.num('amplitude', 1);
    this.rise = spec.params.num('rise', 0);
    this.fall = spec.params.num('fall', 0);
    if (!(this.rise >= 0 && this.fall >= 0)) throw new Error(`twin: ${spec.path}: rise and fall must be >= 0`);
    const edges = this.rise > 0 || this.fall > 0;
    this.ports = [
      { name: 'in', dir: 'in', width: n, signal: 'spike' },
      edges ? { name: 'out', dir: 'out', width: n, signal: 'level', rise: this.rise, fall: this.fall } : { name: 'out', dir: 'out', width: n, signal: 'level' },
    ];
    this.end = new Float64Array(n).fill(-1);
    this.fallEnd = new Float64Array(n);
    this.start = new Float64Array(n);
    this.level = new Float64Array(n);
  }

  init(ctx: ModelContext): void {
    this.ctx = ctx;
    this.wTicks = Math.max(1, ctx.ticks(this.pulseWidth));
    this.rTicks = ctx.ticks(this.rise);
    this.fTicks = ctx.ticks(this.fall);
    const hs = new Int32Array(this.width);
    let any = false;
    for (let c = 0; c < this.width; c++) { hs[c] = ctx.declare('out', 'real', this.width > 1 ? { ch: c } : {}); if (hs[c]! >= 0) any = true; }
    this.trace = any ? hs : null;
  }

  input(_port: number, ch: number, value: number, t: Tick): void {
    this.counters.input_pulses++;
    const high = this.end[ch]! > t;
    const fallAt = t + this.rTicks + this.wTicks;
    this.end[ch] = fallAt;
    if (!high) {
      const v = this.amplitude * value;
      this.level[ch] = v;
      const fe = this.fallEnd[ch]!;
      this.start[ch] = fe > t ? fe : t; // a fall still under way was counted to its end
      this.ctx.emit(1, ch, v);
      if (this.trace && this.trace[ch]! >= 0) this.ctx.real(this.trace[ch]!, v);
    }
    this.ctx.setTimer(ch, fallAt, Prio.TIMER);
  }

  timer(ch: number, t: Tick): void {
    if (this.end[ch] !== t) return;
    this.level[ch] = 0;
    const fe = t + this.fTicks;
    this.fallEnd[ch] = fe;
    this.counters.active_ticks += fe - this.start[ch]!;
    this.ctx.emit(1, ch, 0);
    if (this.trace && this.trace[ch]! >= 0) this.ctx.real(this.trace[ch]!, 0);
  }

  advance(): void {}

  read(name: string, ch: number): number {
    if (name === 'out' || name === 'level') return this.level[ch]!;
    return NaN;
  }

  finish(t: Tick): void {
    for (let c = 0; c < this.width; c++) {
      if (this.end[c]! > t) { this.counters.active_ticks += t - this.start[c]!; this.start[c] = t; }
      else if (this.fallEnd[c]! > t) { this.counters.active_ticks -= this.fallEnd[c]! - t; this.fallEnd[c] = t; }
    }
  }
}
