// lif: leaky integrate-and-fire neurons.
//   tau_m dv/dt = -(v - v_rest) + gain * u(t)       u: the level input (V)
//   v += w at a spike input of value w (V)
//   spike when v >= v_th; then v <- v_reset (reset = hard) or v <- v - (v_th - v_reset)
//   (reset = subtract); v is held for t_ref after the spike (spike inputs are dropped).
// Between events v(s) = d + (v0 - d) e^{-s/tau_m}, d = v_rest + gain u: the crossing time is
// tau_m ln((d - v0)/(d - v_th)) in closed form.
// With an input pole (a TIA of finite bandwidth upstream, `tau_in` > 0) the membrane is
// driven by y, the drive d filtered by that first-order pole:
//   tau_in dy/dt = -y + d,   tau_m dv/dt = -v + y
// so between events, with B = (y0 - d) tau_in / (tau_in - tau_m),
//   v(s) = d + (v0 - d - B) e^{-s/tau_m} + B e^{-s/tau_in}
// and the crossing comes from roots.ts firstCrossing (exact, two exponentials). The pole
// keeps evolving while v is held in its refractory period. A tau_in within 1e-7 relative of
// tau_m is moved 1e-7 away (roots.ts distinctTau).
// Input: in-ports 'in' (level) and 'spike' (spike), params tau_m, v_th (or threshold),
//   v_reset (0), v_rest (0), reset (hard|subtract), t_ref (0 s), gain (1), tau_in (0 s:
//   no input pole; hardware time).
// Output: out-port 'out' (spike).
// Invariants: exact exponentials, nearest-tick firing, one timer slot per neuron holding
//   either its next crossing or the end of its refractory period.
import { Counters, type Model, type ModelContext, type ModelSpec, type PortDecl, type Tick } from '../model.js';
import { distinctTau, expCrossing, firstCrossing } from '../engine/roots.js';

export class Lif implements Model {
  readonly ports: readonly PortDecl[];
  readonly counters = new Counters();
  readonly n: number;
  readonly tauM: number; readonly vth: number; readonly vReset: number; readonly vRest: number;
  readonly subtract: boolean; readonly tRef: number; readonly gain: number;
  /** Input pole (s, hardware); 0: none. */
  readonly tauIn: number;
  private ctx!: ModelContext;
  private tm = 1; private ref = 0; private tb = 0;
  readonly v: Float64Array; private readonly d: Float64Array;
  /** The filtered drive (with tau_in; else unused). */
  readonly y: Float64Array;
  private readonly tl: Float64Array; private readonly refEnd: Float64Array;
  private tv: Int32Array | null = null;

  constructor(readonly spec: ModelSpec) {
    const p = spec.params;
    const n = spec.shape.length > 0 ? spec.shape.reduce((a, b) => a * b, 1) : 1;
    this.n = n;
    this.tauM = p.num('tau_m');
    this.vth = p.opt('v_th') ?? p.num('threshold');
    this.vReset = p.num('v_reset', 0); this.vRest = p.num('v_rest', 0);
    this.subtract = p.enumv('reset', 'hard') === 'subtract';
    this.tRef = p.num('t_ref', 0); this.gain = p.num('gain', 1);
    this.tauIn = p.num('tau_in', 0);
    if (!(this.tauIn >= 0)) throw new Error(`twin: ${spec.path}: tau_in must be >= 0`);
    this.ports = [
      { name: 'in', dir: 'in', width: n, signal: 'level' },
      { name: 'spike', dir: 'in', width: n, signal: 'spike' },
      { name: 'out', dir: 'out', width: n, signal: 'spike' },
    ];
    this.v = new Float64Array(n).fill(this.vRest);
    this.d = new Float64Array(n).fill(this.vRest);
    this.y = new Float64Array(n).fill(this.vRest);
    this.tl = new Float64Array(n); this.refEnd = new Float64Array(n).fill(-Infinity);
  }

  init(ctx: ModelContext): void {
    this.ctx = ctx;
    this.tm = this.tauM / ctx.resolution;
    if (this.tauIn > 0) this.tb = distinctTau(this.tm, this.tauIn / ctx.resolution);
    this.ref = ctx.ticks(this.tRef);
    const tv = new Int32Array(this.n);
    let any = false;
    for (let j = 0; j < this.n; j++) { tv[j] = ctx.declare('v', 'real', this.n > 1 ? { ch: j, init: this.vRest } : { init: this.vRest }); if (tv[j]! >= 0) any = true; }
    if (any) this.tv = tv;
  }

  private advanceOne(j: number, t: Tick): void {
    if (this.tb > 0) { this.advancePole(j, t); return; }
    const from = Math.max(this.tl[j]!, this.refEnd[j]!);
    if (t > from) { const d = this.d[j]!; this.v[j] = d + (this.v[j]! - d) * Math.exp(-(t - from) / this.tm); }
    this.tl[j] = t;
  }

  /** advanceOne() behind an input pole: y moves all the time, v outside the hold. */
  private advancePole(j: number, t: Tick): void {
    const tl = this.tl[j]!, d = this.d[j]!, tb = this.tb;
    const hold = Math.min(t, Math.max(tl, this.refEnd[j]!)); // v is held on [tl, hold]
    let y = this.y[j]!;
    if (hold > tl) y = d + (y - d) * Math.exp(-(hold - tl) / tb);
    if (t > hold) {
      const s = t - hold, eb = Math.exp(-s / tb), B = ((y - d) * tb) / (tb - this.tm);
      this.v[j] = d + (this.v[j]! - d - B) * Math.exp(-s / this.tm) + B * eb;
      y = d + (y - d) * eb;
    }
    this.y[j] = y;
    this.tl[j] = t;
  }

  private predict(j: number, t: Tick): void {
    const re = this.refEnd[j]!;
    if (t < re) { this.ctx.setTimer(j, re); return; } // wake at the end of refractory
    const d = this.d[j]!;
    if (this.tb > 0) {
      const tb = this.tb, B = ((this.y[j]! - d) * tb) / (tb - this.tm);
      const s = firstCrossing(d, this.v[j]! - d - B, this.tm, B, tb, this.vth, Infinity, 1e-3);
      if (s === Infinity) this.ctx.clearTimer(j);
      else this.ctx.setTimer(j, Math.max(t, Math.round(t + s)));
      return;
    }
    const s = expCrossing(d, this.v[j]! - d, this.tm, this.vth, Infinity);
    if (s === Infinity) this.ctx.clearTimer(j);
    else this.ctx.setTimer(j, Math.max(t, Math.round(t + s)));
  }

  input(port: number, j: number, value: number, t: Tick): void {
    this.advanceOne(j, t);
    if (port === 0) {
      const d = this.vRest + this.gain * value;
      if (this.d[j] === this.vRest && d !== this.vRest) this.counters.input_pulses++;
      this.d[j] = d;
    } else {
      this.counters.input_pulses++;
      if (t < this.refEnd[j]!) { this.counters.extra['dropped'] = (this.counters.extra['dropped'] ?? 0) + 1; return; }
      this.v[j] = this.v[j]! + value;
    }
    if (this.tv && this.tv[j]! >= 0) this.ctx.real(this.tv[j]!, this.v[j]!);
    this.predict(j, t);
  }

  timer(j: number, t: Tick): void {
    this.advanceOne(j, t);
    // The end of a refractory period only re-predicts, unless v is already above threshold.
    if (t !== this.refEnd[j] || this.v[j]! >= this.vth) {
      this.ctx.emit(2, j, 1);
      this.v[j] = this.subtract ? this.v[j]! - (this.vth - this.vReset) : this.vReset;
      this.refEnd[j] = this.ref > 0 ? t + this.ref : -Infinity;
      if (this.tv && this.tv[j]! >= 0) this.ctx.real(this.tv[j]!, this.v[j]!);
    }
    this.predict(j, t);
  }

  advance(t: Tick): void { for (let j = 0; j < this.n; j++) this.advanceOne(j, t); }

  read(name: string, j: number): number {
    if (name === 'v') return this.v[j]!;
    if (name === 'drive') return this.d[j]!;
    if (name === 'y' || name === 'vin') return this.tb > 0 ? this.y[j]! : this.d[j]!;
    return NaN;
  }

  finish(t: Tick): void { this.counters.active_ticks = t * this.n; }
}
