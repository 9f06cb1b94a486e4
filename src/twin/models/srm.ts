// srm: spike-response-model neurons built from two RC kernels (S1's soma, S3's SRM):
//   tau_s dx/dt = -x + u(t)          response kernel driven by the input u (V)
//   tau_r dh/dt = -h, h += 1 at each output spike     refractory kernel
//   v = x - theta h;   spike when v >= v_th
// with u = clip(gain * input) (S1's TIA2 clip, optional). Between inputs u is constant,
// so v(s) = u + (x0 - u) e^{-s/tau_s} - theta h0 e^{-s/tau_r} exactly.
// Input: in-port 'in' (level, V, one per neuron); params tau_s, tau_r (s, hardware time),
//   theta (V), v_th (or `threshold`) (V), optional clip [lo, hi] (V), gain (default 1),
//   t_dead (s, shortest interval between two spikes of a neuron, default one tick).
// Output: out-port 'out' (spike, value 1).
// Invariants: each neuron keeps its own last-update tick and advances analytically; after
//   every input or spike its next crossing is predicted with firstCrossing (exact, no
//   sampling, horizon = until the next input) and held in its timer slot, replaced on the
//   next input. A crossing at non-integer time fires at the nearest tick. The output spike is
//   an impulse into the refractory kernel (its width is far below tau_r).
import { Counters, type Model, type ModelContext, type ModelSpec, type PortDecl, type Tick } from '../model.js';
import { firstCrossing } from '../engine/roots.js';

export class Srm implements Model {
  readonly ports: readonly PortDecl[];
  readonly counters = new Counters();
  readonly n: number;
  readonly tauS: number; readonly tauR: number; readonly theta: number; readonly vth: number;
  readonly lo: number; readonly hi: number; readonly gain: number; readonly tDead: number;
  private ctx!: ModelContext;
  private ts = 1; private tr = 1; private dead = 1; // in ticks
  readonly x: Float64Array; readonly h: Float64Array; readonly u: Float64Array;
  private readonly tl: Float64Array; private readonly lastFire: Float64Array;
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
    this.ports = [
      { name: 'in', dir: 'in', width: n, signal: 'level' },
      { name: 'out', dir: 'out', width: n, signal: 'spike' },
    ];
    this.x = new Float64Array(n); this.h = new Float64Array(n); this.u = new Float64Array(n);
    this.tl = new Float64Array(n); this.lastFire = new Float64Array(n).fill(-Infinity);
  }

  init(ctx: ModelContext): void {
    this.ctx = ctx;
    this.ts = this.tauS / ctx.resolution; this.tr = this.tauR / ctx.resolution;
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
    const u = this.u[j]!;
    this.x[j] = u + (this.x[j]! - u) * Math.exp(-dt / this.ts);
    this.h[j] = this.h[j]! * Math.exp(-dt / this.tr);
    this.tl[j] = t;
  }

  private predict(j: number, t: Tick): void {
    // Earliest allowed firing tick, and the state there if no input changes before it.
    const tmin = Math.max(t, this.lastFire[j]! + this.dead);
    const dt = tmin - t, u = this.u[j]!;
    const x = u + (this.x[j]! - u) * Math.exp(-dt / this.ts);
    const h = this.h[j]! * Math.exp(-dt / this.tr);
    // Cheap rejection: v <= max(x, u) on [tmin, inf) since theta h >= 0.
    if ((x > u ? x : u) < this.vth && this.theta >= 0) { this.ctx.clearTimer(j); return; }
    const s = firstCrossing(u, x - u, this.ts, -this.theta * h, this.tr, this.vth, Infinity, 1e-3);
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
      default: return NaN;
    }
  }

  finish(t: Tick): void { this.counters.active_ticks = t * this.n; }
}
