// io: a spike driver. Turns instantaneous spikes into rectangular pulses (levels) of a
// given width and amplitude, e.g. the row drivers of a crossbar or an output pad.
// Input: in-port 'in' (spike; value scales the amplitude, normally 1), params
//   `width` (s, hardware time), `amplitude` (V).
// Output: out-port 'out' (level): amplitude*value at the spike, 0 at spike + width.
// Invariants: a spike arriving while its channel's pulse is high extends the pulse to
//   t + width (a driver cannot be "more high"); the pulse level is that of the first spike.
//   Counters: input_pulses per spike, active_ticks = channel-ticks the output is high.
import { Counters, Prio, type Model, type ModelContext, type ModelSpec, type PortDecl, type Tick } from '../model.js';

export class IoDriver implements Model {
  readonly ports: readonly PortDecl[];
  readonly counters = new Counters();
  readonly width: number;       // channels
  readonly pulseWidth: number;  // seconds
  readonly amplitude: number;   // volts
  private ctx!: ModelContext;
  private wTicks = 1;
  private readonly end: Float64Array;
  private readonly start: Float64Array;
  private readonly level: Float64Array;
  private trace: Int32Array | null = null;

  constructor(readonly spec: ModelSpec) {
    const n = spec.shape.length > 0 ? spec.shape.reduce((a, b) => a * b, 1) : 1;
    this.width = n;
    this.pulseWidth = spec.params.num('width');
    this.amplitude = spec.params.num('amplitude', 1);
    this.ports = [
      { name: 'in', dir: 'in', width: n, signal: 'spike' },
      { name: 'out', dir: 'out', width: n, signal: 'level' },
    ];
    this.end = new Float64Array(n).fill(-1);
    this.start = new Float64Array(n);
    this.level = new Float64Array(n);
  }

  init(ctx: ModelContext): void {
    this.ctx = ctx;
    this.wTicks = Math.max(1, ctx.ticks(this.pulseWidth));
    const hs = new Int32Array(this.width);
    let any = false;
    for (let c = 0; c < this.width; c++) { hs[c] = ctx.declare('out', 'real', this.width > 1 ? { ch: c } : {}); if (hs[c]! >= 0) any = true; }
    this.trace = any ? hs : null;
  }

  input(_port: number, ch: number, value: number, t: Tick): void {
    this.counters.input_pulses++;
    const high = this.end[ch]! > t;
    this.end[ch] = t + this.wTicks;
    if (!high) {
      const v = this.amplitude * value;
      this.level[ch] = v;
      this.start[ch] = t;
      this.ctx.emit(1, ch, v);
      if (this.trace && this.trace[ch]! >= 0) this.ctx.real(this.trace[ch]!, v);
    }
    this.ctx.setTimer(ch, t + this.wTicks, Prio.TIMER);
  }

  timer(ch: number, t: Tick): void {
    if (this.end[ch] !== t) return;
    this.level[ch] = 0;
    this.counters.active_ticks += t - this.start[ch]!;
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
    }
  }
}
