// clock: a free-running square wave (S2's global signal generator for the latches).
// Input: params frequency (Hz), duty (0 < duty < 1), phase (s, delay of the first rising
//   edge), amplitude (V; null: technology `vdd`, else 1). Hardware time.
// Output: out-port 'out' (clock, one channel): 1 at each rising edge, 0 at each falling edge
//   (the engine delivers clock messages at CLOCK priority, before anything else of the tick).
// Invariants: edge k rises at phase + round(k P) and falls at that + round(duty P) ticks,
//   computed from k (no accumulated rounding); one pending timer; clock_edges counts both
//   edges as they are emitted; read('v') is the analog level (amplitude or 0).
import { Counters, Prio, type Model, type ModelContext, type ModelSpec, type PortDecl, type Tick } from '../model.js';

export class Clock implements Model {
  readonly ports: readonly PortDecl[] = [{ name: 'out', dir: 'out', width: 1, signal: 'clock' }];
  readonly counters = new Counters();
  readonly frequency: number; readonly duty: number; readonly phase: number; readonly amplitude: number;
  private ctx!: ModelContext;
  private k = 0;            // index of the current period
  private rising = true;    // the next edge is a rising one
  private level = 0;
  private hTrace = -1;
  private periodSec = 1; private phaseTicks = 0; private highTicks = 1;

  constructor(readonly spec: ModelSpec) {
    const p = spec.params;
    this.frequency = p.num('frequency', 2e3);
    this.duty = p.num('duty', 0.5);
    this.phase = p.num('phase', 0);
    this.amplitude = p.opt('amplitude') ?? p.opt('vdd') ?? 1;
    if (!(this.frequency > 0) || !(this.duty > 0 && this.duty < 1) || !(this.phase >= 0)) {
      throw new Error(`twin: ${spec.path}: bad clock (frequency ${this.frequency}, duty ${this.duty}, phase ${this.phase})`);
    }
  }

  init(ctx: ModelContext): void {
    this.ctx = ctx;
    this.periodSec = 1 / this.frequency;
    this.phaseTicks = ctx.ticks(this.phase);
    const per = ctx.ticks(this.periodSec);
    if (per < 2) throw new Error(`twin: ${this.spec.path}: clock period below two ticks`);
    this.highTicks = Math.min(per - 1, Math.max(1, ctx.ticks(this.duty * this.periodSec)));
    this.hTrace = ctx.declare('clk', 'wire');
    ctx.setTimer(0, this.riseTick(0), Prio.CLOCK);
  }

  private riseTick(k: number): Tick { return this.phaseTicks + this.ctx.ticks(k * this.periodSec); }

  input(): void { /* no inputs */ }

  timer(_slot: number, t: Tick): void {
    this.counters.clock_edges++;
    if (this.rising) {
      this.level = 1;
      this.ctx.emit(0, 0, 1);
      if (this.hTrace >= 0) this.ctx.bit(this.hTrace, 1);
      this.rising = false;
      this.ctx.setTimer(0, t + this.highTicks, Prio.CLOCK);
    } else {
      this.level = 0;
      this.ctx.emit(0, 0, 0);
      if (this.hTrace >= 0) this.ctx.bit(this.hTrace, 0);
      this.rising = true;
      this.k++;
      this.ctx.setTimer(0, this.riseTick(this.k), Prio.CLOCK);
    }
  }

  advance(): void {}

  read(name: string): number {
    if (name === 'v' || name === 'out') return this.level * this.amplitude;
    if (name === 'clk') return this.level;
    return NaN;
  }

  finish(): void {}
}

/** Factory for kind 'clock'. */
export function createClock(spec: ModelSpec): Model { return new Clock(spec); }
