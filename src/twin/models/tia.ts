// tia: transimpedance amplifier (S1's differential TIA pair with TIA2 clipping to the
// rails: a clipped activation). Ideal bandwidth (its pole is far above the kernels').
// Input: in-port 'in' (level: current in A, one per channel), params `gain` (V/A,
//   the feedback resistance; negative for an inverting stage), `rails` [lo, hi] (V) or
//   `v_lo`/`v_hi`, `offset` (V, output offset, default 0).
// Output: out-port 'out' (level: clip(offset + gain * I, lo, hi) in V).
// Invariants: emits only when the output changes; always biased, so active_ticks is the
//   run length times the channel count; extra.clipped counts outputs pinned to a rail.
import { Counters, type Model, type ModelContext, type ModelSpec, type PortDecl, type Tick } from '../model.js';

export function railsOf(p: ModelSpec['params']): [number, number] {
  if (p.has('rails')) { const r = p.list('rails'); return [r[0]!, r[1]!]; }
  if (p.has('clip')) { const r = p.list('clip'); return [r[0]!, r[1]!]; }
  return [p.num('v_lo', -Infinity), p.num('v_hi', Infinity)];
}

export class Tia implements Model {
  readonly ports: readonly PortDecl[];
  readonly counters = new Counters();
  readonly gain: number;
  readonly lo: number;
  readonly hi: number;
  readonly offset: number;
  private readonly n: number;
  private readonly out: Float64Array;
  private ctx!: ModelContext;
  private trace: Int32Array | null = null;

  constructor(readonly spec: ModelSpec) {
    const n = spec.shape.length > 0 ? spec.shape.reduce((a, b) => a * b, 1) : 1;
    this.n = n;
    this.gain = spec.params.num('gain');
    [this.lo, this.hi] = railsOf(spec.params);
    this.offset = spec.params.num('offset', 0);
    this.ports = [
      { name: 'in', dir: 'in', width: n, signal: 'level' },
      { name: 'out', dir: 'out', width: n, signal: 'level' },
    ];
    this.out = new Float64Array(n).fill(this.clip(0));
  }

  clip(i: number): number {
    const v = this.offset + this.gain * i;
    return v < this.lo ? this.lo : v > this.hi ? this.hi : v;
  }

  init(ctx: ModelContext): void {
    this.ctx = ctx;
    const hs = new Int32Array(this.n);
    let any = false;
    for (let c = 0; c < this.n; c++) { hs[c] = ctx.declare('v', 'real', { ch: c, init: this.out[c]! }); if (hs[c]! >= 0) any = true; }
    this.trace = any ? hs : null;
    if (this.offset !== 0) for (let c = 0; c < this.n; c++) ctx.emit(1, c, this.out[c]!);
  }

  input(_port: number, ch: number, i: number, _t: Tick): void {
    const v = this.clip(i);
    if (v === this.out[ch]) return;
    if (v === this.lo || v === this.hi) this.counters.extra['clipped'] = (this.counters.extra['clipped'] ?? 0) + 1;
    this.out[ch] = v;
    this.ctx.emit(1, ch, v);
    if (this.trace && this.trace[ch]! >= 0) this.ctx.real(this.trace[ch]!, v);
  }

  timer(): void {}
  advance(): void {}
  read(name: string, ch: number): number { return name === 'v' || name === 'out' ? this.out[ch]! : NaN; }
  finish(t: Tick): void { this.counters.active_ticks = t * this.n; }
}
