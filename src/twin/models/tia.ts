// tia: transimpedance amplifier (S1's differential TIA pair with TIA2 clipping to the
// rails: a clipped activation), one channel per column (a differential pair counts as one).
// Input: in-port 'in' (level: current in A, one per channel), params `gain` (V/A,
//   the feedback resistance; negative for an inverting stage), `rails` [lo, hi] (V) or
//   `clip` or `v_lo`/`v_hi`, `offset` (V, output offset, default 0), `gain_sigma` (relative
//   gain mismatch between channels, default 0), `bandwidth` (Hz, closed-loop bandwidth;
//   absent/null: ideal).
// Output: out-port 'out' (level: clip(offset + gain_j * I, lo, hi) in V, channel j).
// Invariants: gain_j = gain x (1 + gain_sigma N_j) (models/mismatch.ts), drawn once per
//   channel at init from this instance's stream "gain" in channel order (gain_j = gain,
//   without a draw, when gain_sigma = 0); emits only when the output changes; always biased,
//   so active_ticks is the run length times the channel count; extra.clipped counts outputs
//   pinned to a rail.
// Bandwidth: a finite bandwidth is a first-order closed-loop pole, tau_b = 1 / (2 pi
//   bandwidth), acting on the clipped output (the output relaxes toward the value above with
//   tau_b). A level port carries piecewise-constant values, so this model emits the settled
//   value and the consumer integrates the pole exactly in its own closed form (build.ts passes
//   tau_b to srm and lif neurons as `tau_in`, and refuses any other consumer); the traced `v`
//   is the settled value. `tauB` is that time constant (0: ideal).
import { Counters, type Model, type ModelContext, type ModelSpec, type PortDecl, type Tick } from '../model.js';
import { drawMismatch } from './mismatch.js';

export function railsOf(p: ModelSpec['params']): [number, number] {
  if (p.has('rails')) { const r = p.list('rails'); return [r[0]!, r[1]!]; }
  if (p.has('clip')) { const r = p.list('clip'); return [r[0]!, r[1]!]; }
  return [p.num('v_lo', -Infinity), p.num('v_hi', Infinity)];
}

/** The pole of a closed-loop bandwidth (Hz): 1 / (2 pi f); 0 for an ideal (absent) one. */
export function bandwidthTau(bandwidth: number | undefined): number {
  return bandwidth !== undefined ? 1 / (2 * Math.PI * bandwidth) : 0;
}

export class Tia implements Model {
  readonly ports: readonly PortDecl[];
  readonly counters = new Counters();
  readonly gain: number;
  readonly lo: number;
  readonly hi: number;
  readonly offset: number;
  /** Relative gain mismatch between channels. */
  readonly gainSigma: number;
  /** Closed-loop bandwidth (Hz), undefined when ideal. */
  readonly bandwidth: number | undefined;
  /** Its pole 1 / (2 pi bandwidth) in s (0: ideal); integrated by the consumer. */
  readonly tauB: number;
  private readonly n: number;
  /** Per-channel gains (drawn at init). */
  readonly gains: Float64Array;
  private readonly out: Float64Array;
  private ctx!: ModelContext;
  private trace: Int32Array | null = null;

  constructor(readonly spec: ModelSpec) {
    const n = spec.shape.length > 0 ? spec.shape.reduce((a, b) => a * b, 1) : 1;
    this.n = n;
    this.gain = spec.params.num('gain');
    [this.lo, this.hi] = railsOf(spec.params);
    this.offset = spec.params.num('offset', 0);
    this.gainSigma = spec.params.num('gain_sigma', 0);
    this.bandwidth = spec.params.opt('bandwidth');
    if (this.bandwidth !== undefined && !(this.bandwidth > 0)) throw new Error(`twin: ${spec.path}: bandwidth must be positive`);
    this.tauB = bandwidthTau(this.bandwidth);
    this.ports = [
      { name: 'in', dir: 'in', width: n, signal: 'level' },
      { name: 'out', dir: 'out', width: n, signal: 'level' },
    ];
    this.gains = new Float64Array(n).fill(this.gain);
    this.out = new Float64Array(n).fill(this.clip(0));
  }

  /** The nominal channel's output for a current i. */
  clip(i: number): number {
    const v = this.offset + this.gain * i;
    return v < this.lo ? this.lo : v > this.hi ? this.hi : v;
  }

  /** Channel ch's output for a current i (its own gain). */
  private outOf(ch: number, i: number): number {
    const v = this.offset + this.gains[ch]! * i;
    return v < this.lo ? this.lo : v > this.hi ? this.hi : v;
  }

  init(ctx: ModelContext): void {
    this.ctx = ctx;
    drawMismatch(this.gains, this.gain, this.gainSigma, this.gainSigma > 0 ? ctx.rng('gain') : null);
    const hs = new Int32Array(this.n);
    let any = false;
    for (let c = 0; c < this.n; c++) { hs[c] = ctx.declare('v', 'real', { ch: c, init: this.out[c]! }); if (hs[c]! >= 0) any = true; }
    this.trace = any ? hs : null;
    if (this.offset !== 0) for (let c = 0; c < this.n; c++) ctx.emit(1, c, this.out[c]!);
  }

  input(_port: number, ch: number, i: number, _t: Tick): void {
    const v = this.outOf(ch, i);
    if (v === this.out[ch]) return;
    if (v === this.lo || v === this.hi) this.counters.extra['clipped'] = (this.counters.extra['clipped'] ?? 0) + 1;
    this.out[ch] = v;
    this.ctx.emit(1, ch, v);
    if (this.trace && this.trace[ch]! >= 0) this.ctx.real(this.trace[ch]!, v);
  }

  timer(): void {}
  advance(): void {}
  read(name: string, ch: number): number {
    if (name === 'v' || name === 'out') return this.out[ch]!;
    if (name === 'gain') return this.gains[ch]!;
    return NaN;
  }
  finish(t: Tick): void { this.counters.active_ticks = t * this.n; }
}
