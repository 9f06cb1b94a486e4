// srm: spike-response-model neurons built from two RC kernels (S1's soma, S3's SRM):
//   tau_s dx/dt = -x + u(t)          response kernel driven by the input u (V)
//   tau_r dh/dt = -h, h += 1 at each output spike     refractory kernel
//   v = x - theta h;   spike when v >= v_th
// with u = clip(gain * input) (S1's TIA2 clip, optional). Between inputs u is constant,
// so v(s) = u + (x0 - u) e^{-s/tau_s} - theta h0 e^{-s/tau_r} exactly.
// With an input pole (a TIA of finite bandwidth upstream, `tau_in` > 0) the kernel is driven
// by y, the input filtered by that first-order pole after the clip:
//   tau_in dy/dt = -y + u,   tau_s dx/dt = -x + y
// so between inputs, with B = (y0 - u) tau_in / (tau_in - tau_s),
//   v(s) = u + (x0 - u - B) e^{-s/tau_s} + B e^{-s/tau_in} - theta h0 e^{-s/tau_r}
// (a step into the neuron gives the difference of two exponentials); its crossing is found
// with ExpSum3 (s4-expsum.ts) on [0, T], T = 64 max(tau) doubled until v(T) >= v_th when
// u > v_th (when u <= v_th a later crossing would need u within e^{-64} of v_th).
// Input: in-port 'in' (level, V, one per neuron); params tau_s, tau_r (s, hardware time),
//   theta (V), v_th (or `threshold`) (V), optional clip [lo, hi] (V), gain (default 1),
//   t_dead (s, shortest interval between two spikes of a neuron, default one tick),
//   tau_sigma (relative device-to-device spread of both kernel time constants, default 0),
//   tau_in (s, hardware: the input pole, default 0 = none).
// Output: out-port 'out' (spike, value 1).
// Invariants: each neuron keeps its own last-update tick and advances analytically; after
//   every input or spike its next crossing is predicted with firstCrossing (exact, no
//   sampling, horizon = until the next input) and held in its timer slot, replaced on the
//   next input. A crossing at non-integer time fires at the nearest tick. The output spike is
//   an impulse into the refractory kernel (its width is far below tau_r).
//   Mismatch: neuron j's kernels are tau_s (1 + tau_sigma N) and tau_r (1 + tau_sigma N'),
//   drawn once at init from this instance's streams "tau_s" and "tau_r" in channel order
//   (models/mismatch.ts; the nominal values, without a draw, when tau_sigma = 0); read back
//   as read('tau_s', j) and read('tau_r', j) (s). A pole within 1e-7 relative of a
//   neuron's tau_s is moved 1e-7 away (roots.ts distinctTau).
import { Counters, type Model, type ModelContext, type ModelSpec, type PortDecl, type Tick } from '../model.js';
import { distinctTau, firstCrossing } from '../engine/roots.js';
import { ExpSum3 } from './s4-expsum.js';
import { drawMismatch } from './mismatch.js';

export class Srm implements Model {
  readonly ports: readonly PortDecl[];
  readonly counters = new Counters();
  readonly n: number;
  readonly tauS: number; readonly tauR: number; readonly theta: number; readonly vth: number;
  readonly lo: number; readonly hi: number; readonly gain: number; readonly tDead: number;
  /** Relative spread of the kernel time constants between neurons. */
  readonly tauSigma: number;
  /** Input pole (s, hardware); 0: none. */
  readonly tauIn: number;
  private ctx!: ModelContext;
  private dead = 1; // in ticks
  /** Per neuron: kernel time constants (s) and in ticks, the pole in ticks (with tau_in). */
  private readonly tauSj: Float64Array; private readonly tauRj: Float64Array;
  private readonly ts: Float64Array; private readonly tr: Float64Array; private readonly tb: Float64Array;
  readonly x: Float64Array; readonly h: Float64Array; readonly u: Float64Array;
  /** The filtered input (with tau_in; else unused). */
  readonly y: Float64Array;
  private readonly tl: Float64Array; private readonly lastFire: Float64Array;
  private readonly es = new ExpSum3();
  private tv: Int32Array | null = null; private tx: Int32Array | null = null;

  constructor(readonly spec: ModelSpec) {
    const p = spec.params;
    const n = spec.shape.length > 0 ? spec.shape.reduce((a, b) => a * b, 1) : 1;
    this.n = n;
    this.tauS = p.num('tau_s'); this.tauR = p.num('tau_r');
    this.theta = p.num('theta', 0);
    this.vth = p.opt('v_th') ?? p.num('threshold');
    const c = p.has('clip') ? p.list('clip') : [-Infinity, Infinity];
    this.lo = c[0]!; this.hi = c[1]!;
    this.gain = p.num('gain', 1);
    this.tDead = p.num('t_dead', 0);
    this.tauSigma = p.num('tau_sigma', 0);
    this.tauIn = p.num('tau_in', 0);
    if (!(this.tauIn >= 0)) throw new Error(`twin: ${spec.path}: tau_in must be >= 0`);
    this.ports = [
      { name: 'in', dir: 'in', width: n, signal: 'level' },
      { name: 'out', dir: 'out', width: n, signal: 'spike' },
    ];
    this.x = new Float64Array(n); this.h = new Float64Array(n); this.u = new Float64Array(n); this.y = new Float64Array(n);
    this.tl = new Float64Array(n); this.lastFire = new Float64Array(n).fill(-Infinity);
    this.tauSj = new Float64Array(n).fill(this.tauS); this.tauRj = new Float64Array(n).fill(this.tauR);
    this.ts = new Float64Array(n); this.tr = new Float64Array(n); this.tb = new Float64Array(this.tauIn > 0 ? n : 0);
  }

  init(ctx: ModelContext): void {
    this.ctx = ctx;
    const sig = this.tauSigma, res = ctx.resolution;
    drawMismatch(this.tauSj, this.tauS, sig, sig > 0 ? ctx.rng('tau_s') : null);
    drawMismatch(this.tauRj, this.tauR, sig, sig > 0 ? ctx.rng('tau_r') : null);
    for (let j = 0; j < this.n; j++) {
      this.ts[j] = this.tauSj[j]! / res; this.tr[j] = this.tauRj[j]! / res;
      if (this.tauIn > 0) this.tb[j] = distinctTau(this.ts[j]!, this.tauIn / res);
    }
    this.dead = Math.max(1, ctx.ticks(this.tDead));
    let any = false;
    const tv = new Int32Array(this.n), tx = new Int32Array(this.n);
    for (let j = 0; j < this.n; j++) {
      const o = this.n > 1 ? { ch: j } : {};
      tv[j] = ctx.declare('v', 'real', o); tx[j] = ctx.declare('x', 'real', o);
      if (tv[j]! >= 0 || tx[j]! >= 0) any = true;
    }
    if (any) { this.tv = tv; this.tx = tx; }
  }

  private advanceOne(j: number, t: Tick): void {
    const dt = t - this.tl[j]!;
    if (dt === 0) return;
    const u = this.u[j]!, ts = this.ts[j]!;
    if (this.tauIn > 0) {
      const tb = this.tb[j]!, y0 = this.y[j]!;
      const eb = Math.exp(-dt / tb), B = ((y0 - u) * tb) / (tb - ts);
      this.x[j] = u + (this.x[j]! - u - B) * Math.exp(-dt / ts) + B * eb;
      this.y[j] = u + (y0 - u) * eb;
    } else this.x[j] = u + (this.x[j]! - u) * Math.exp(-dt / ts);
    this.h[j] = this.h[j]! * Math.exp(-dt / this.tr[j]!);
    this.tl[j] = t;
  }

  private predict(j: number, t: Tick): void {
    if (this.tauIn > 0) { this.predictPole(j, t); return; }
    // Earliest allowed firing tick, and the state there if no input changes before it.
    const tmin = Math.max(t, this.lastFire[j]! + this.dead);
    const dt = tmin - t, u = this.u[j]!, ts = this.ts[j]!, tr = this.tr[j]!;
    const x = u + (this.x[j]! - u) * Math.exp(-dt / ts);
    const h = this.h[j]! * Math.exp(-dt / tr);
    // Cheap rejection: v <= max(x, u) on [tmin, inf) since theta h >= 0.
    if ((x > u ? x : u) < this.vth && this.theta >= 0) { this.ctx.clearTimer(j); return; }
    const s = firstCrossing(u, x - u, ts, -this.theta * h, tr, this.vth, Infinity, 1e-3);
    if (s === Infinity) { this.ctx.clearTimer(j); return; }
    this.ctx.setTimer(j, Math.max(tmin, Math.round(tmin + s)));
  }

  /** predict() behind an input pole: three exponentials (see the header). */
  private predictPole(j: number, t: Tick): void {
    const tmin = Math.max(t, this.lastFire[j]! + this.dead);
    const dt = tmin - t, u = this.u[j]!, ts = this.ts[j]!, tr = this.tr[j]!, tb = this.tb[j]!;
    const eb = Math.exp(-dt / tb), B0 = ((this.y[j]! - u) * tb) / (tb - ts);
    const x = u + (this.x[j]! - u - B0) * Math.exp(-dt / ts) + B0 * eb;
    const y = u + (this.y[j]! - u) * eb;
    const h = this.h[j]! * Math.exp(-dt / tr);
    // Cheap rejection: x never exceeds max(x, y, u) (y moves monotonically toward u).
    const top = x > y ? (x > u ? x : u) : (y > u ? y : u);
    if (top < this.vth && this.theta >= 0) { this.ctx.clearTimer(j); return; }
    const B = ((y - u) * tb) / (tb - ts);
    const es = this.es.set(u, x - u - B, 1 / ts, B, 1 / tb, -this.theta * h, 1 / tr);
    let T = 64 * Math.max(ts, tb, tr);
    if (u > this.vth) while (es.f(T) < this.vth) T *= 2;
    const s = es.firstCrossing(this.vth, T, 1e-3);
    if (s === Infinity) { this.ctx.clearTimer(j); return; }
    this.ctx.setTimer(j, Math.max(tmin, Math.round(tmin + s)));
  }

  private traceOne(j: number): void {
    const v = this.x[j]! - this.theta * this.h[j]!;
    if (this.tv![j]! >= 0) this.ctx.real(this.tv![j]!, v);
    if (this.tx![j]! >= 0) this.ctx.real(this.tx![j]!, this.x[j]!);
  }

  input(_port: number, j: number, value: number, t: Tick): void {
    this.advanceOne(j, t);
    let u = this.gain * value;
    u = u < this.lo ? this.lo : u > this.hi ? this.hi : u;
    if (this.u[j] === 0 && u !== 0) this.counters.input_pulses++;
    this.u[j] = u;
    if (this.tv) this.traceOne(j);
    this.predict(j, t);
  }

  timer(j: number, t: Tick): void {
    this.advanceOne(j, t);
    this.ctx.emit(1, j, 1);
    this.h[j] = this.h[j]! + 1;
    this.lastFire[j] = t;
    if (this.tv) this.traceOne(j);
    this.predict(j, t);
  }

  advance(t: Tick): void { for (let j = 0; j < this.n; j++) this.advanceOne(j, t); }

  read(name: string, j: number): number {
    switch (name) {
      case 'v': return this.x[j]! - this.theta * this.h[j]!;
      case 'x': case 'psp': return this.x[j]!;
      case 'h': return this.h[j]!;
      case 'u': case 'drive': return this.u[j]!;
      case 'y': case 'vin': return this.tauIn > 0 ? this.y[j]! : this.u[j]!;
      case 'tau_s': return this.tauSj[j]!;
      case 'tau_r': return this.tauRj[j]!;
      default: return NaN;
    }
  }

  finish(t: Tick): void { this.counters.active_ticks = t * this.n; }
}
