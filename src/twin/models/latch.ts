// latch: n clocked D latches sharing one clock (S2's L1/L2 as standalone parts).
// Input: in-port 'd' (level, one per latch; read as 1 when >= v_in_high), 'clk' (clock, one
//   channel, 0/1 or any level: high when > 0); params type (D), edge (rising | falling:
//   the clock edge that samples d), delay (clock-to-q, s), v_in_high (V; null: vdd / 2,
//   else 0.5 for 0/1 logic levels).
// Output: out-port 'q' (level, one per latch): logic 1 or 0, `delay` after the sampling
//   edge (a per-latch timer), only when it changes.
// Invariants: edge-triggered (a D flip-flop: q changes only at the sampling edge); clock
//   messages arrive at CLOCK priority, so d is sampled as it was settled before the edge
//   (a d change at the edge's own tick is seen at the next edge); clock_edges counts every
//   edge seen (both directions) per latch; no allocation per event.
//   ts_hybrid models its own L1/L2 internally as level-sensitive latches (see ts-hybrid.ts);
//   this part is for designs that instantiate latches explicitly.
import { Counters, Prio, type Model, type ModelContext, type ModelSpec, type PortDecl, type Tick } from '../model.js';

const D_PORT = 0, Q_PORT = 1, CLK_PORT = 2;

export class Latch implements Model {
  readonly ports: readonly PortDecl[];
  readonly counters = new Counters();
  readonly n: number;
  readonly rising: boolean; readonly delay: number; readonly vHigh: number;
  private ctx!: ModelContext;
  private delayTicks = 0;
  private clk = 0;
  private readonly d: Uint8Array;
  private readonly q: Uint8Array;     // sampled at the last edge
  private readonly qOut: Uint8Array;  // on the output (after the delay)
  private trace: Int32Array | null = null;

  constructor(readonly spec: ModelSpec) {
    const p = spec.params;
    const n = spec.shape.length > 0 ? spec.shape.reduce((a, b) => a * b, 1) : 1;
    this.n = n;
    const type = p.enumv('type', 'D');
    if (type !== 'D') throw new Error(`twin: ${spec.path}: latch type '${type}' is not supported`);
    this.rising = p.enumv('edge', 'rising') === 'rising';
    this.delay = p.num('delay', 20e-9);
    const vdd = p.opt('vdd');
    this.vHigh = p.opt('v_in_high') ?? (vdd !== undefined ? vdd / 2 : 0.5);
    this.ports = [
      { name: 'd', dir: 'in', width: n, signal: 'level' },
      { name: 'q', dir: 'out', width: n, signal: 'level' },
      { name: 'clk', dir: 'in', width: 1, signal: 'clock' },
    ];
    this.d = new Uint8Array(n);
    this.q = new Uint8Array(n);
    this.qOut = new Uint8Array(n);
  }

  init(ctx: ModelContext): void {
    this.ctx = ctx;
    this.delayTicks = ctx.ticks(this.delay);
    const hs = new Int32Array(this.n);
    let any = false;
    for (let c = 0; c < this.n; c++) { hs[c] = ctx.declare('q', 'wire', this.n > 1 ? { ch: c } : {}); if (hs[c]! >= 0) any = true; }
    this.trace = any ? hs : null;
  }

  input(port: number, ch: number, value: number, t: Tick): void {
    if (port === D_PORT) { this.d[ch] = value >= this.vHigh ? 1 : 0; return; }
    if (port !== CLK_PORT) return;
    const level = value > 0 ? 1 : 0;
    if (level === this.clk) return;
    this.clk = level;
    this.counters.clock_edges += this.n;
    if ((level === 1) !== this.rising) return;
    for (let c = 0; c < this.n; c++) {
      const v = this.d[c]!;
      if (v === this.q[c]) continue;
      this.q[c] = v;
      if (this.delayTicks > 0) this.ctx.setTimer(c, t + this.delayTicks, Prio.TIMER);
      else this.output(c);
    }
  }

  /** q of latch c appears on the output (at the edge + delay). */
  private output(c: number): void {
    const v = this.q[c]!;
    if (v === this.qOut[c]) return;
    this.qOut[c] = v;
    this.ctx.emit(Q_PORT, c, v);
    if (this.trace && this.trace[c]! >= 0) this.ctx.bit(this.trace[c]!, v as 0 | 1);
  }

  timer(slot: number): void { this.output(slot); }
  advance(): void {}

  read(name: string, ch: number): number {
    if (name === 'q') return this.qOut[ch]!;
    if (name === 'd') return this.d[ch]!;
    if (name === 'clk') return this.clk;
    return NaN;
  }

  finish(): void {}
}

/** Factory for kind 'latch'. */
export function createLatch(spec: ModelSpec): Model { return new Latch(spec); }
