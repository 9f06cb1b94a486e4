// adaptive_threshold: S3's SRM circuit with an adaptive threshold, n neurons, continuous
// time: an RC filter (tau = R C) shapes the input into the PSP k, an op-amp comparator trips
// when k reaches V_th + theta h, and h is an identical RC filter (tau_r) of the neuron's
// restored output pulse (amplitude V_DD, width `step`).
//   tau k' = -k + u(t)         u: the bit-line drive (V), u = I r_psp when r_psp is given
//   tau_r h' = -h + V_DD o(t)  o = 1 during an output pulse, else 0
//   trip when k - theta h >= V_th (adaptive); reset = hard: S3's LIF ablation, threshold V_th,
//   k cleared when the output pulse starts (h unused).
// Input: in-port 'in' (level, one per neuron: the bit-line signal); params tau (s, hardware
//   time; null: r x c), tau_r (null: r_r x c_r), threshold (V_th), theta, step (the time step
//   = spike width, D), reset (adaptive | hard), r_psp (null: the input is already a voltage);
//   V_DD is `vdd` if given, else 1 V (S3's 65 nm, 1 V). opamps/inverters: for the cost model.
// Output: 'out' (spike, value 1) at the start of each output pulse.
// Timing (the step grid is t = j D from tick 0, where S3's input spikes sit):
//   - while armed, the comparator is watched continuously: the next trip of
//     k(t) - theta h(t) - V_th = c + a e^{-t/tau} + b e^{-t/tau_r} is found by bracketing and
//     root finding (engine/roots.ts), re-predicted after every input;
//   - a trip at time s belongs to step j = ceil(s / D) - 1; the restored output pulse (the
//     spike) occupies the next slot [(j+1) D, (j+2) D): spikes stay on the grid, and the
//     pulse charges h exactly when S3's O[j] enters h[j+1];
//   - the comparator holds its decision until its pulse ends, then is re-armed and compares
//     at once (a still-high PSP gives the next pulse in the next slot: consecutive spikes).
// Invariants: exact exponentials between events; no allocation per event.
//
// Per-word-line filters: S3 filters each word line before the crossbar, PSP = sum_i W_i k_i.
// With identical filters this equals one filter of the column signal, RC(sum_i W_i x_i) (the
// filter is linear and time-invariant), so the twin filters the column drive per neuron.
//
// Mapping to S3's discrete equations at step D (10 ns):
//   k[t] = e^{-D/tau} k[t-1] + x[t];  h[t] = e^{-D/tau_r} h[t-1] + O[t-1];
//   v[t] = W k[t] - theta_d h[t];  O[t] = [v[t] >= V_th].
// A pulse of width D and amplitude A into an RC adds A (1 - e^{-D/tau}) at its end, so an
// input pulse over step t, [t D, (t+1) D), of amplitude W x[t] / (1 - e^{-D/tau}) makes the
// continuous k at the step boundary (t+1) D equal W k[t] exactly: the discrete x[t] is a
// scaled 10 ns pulse. Likewise an output pulse adds V_DD (1 - e^{-D/tau_r}) to h, so
// theta = theta_d / (V_DD (1 - e^{-D/tau_r})) makes theta h at (t+1) D equal theta_d h[t].
// Within a step k rises or falls monotonically with its input pulse, and with tau = tau_r
// (S3's identical filters) v = k - theta h is monotone between pulses too, so the circuit
// trips during step t exactly when v at the step's end, v[t], reaches V_th: spike steps,
// k and h at the boundaries equal the recursion's (to rounding). With tau != tau_r, v can
// peak inside a step between input pulses, where the circuit trips and the sampled
// recursion does not. The one-slot output latency is the causal form of S3's same-step
// propagation O_{l-1}[t] -> k_l[t].
// Traces (written at events): psp (k), threshold (V_th + theta h), v (k - theta h), o.
// Counters: input_pulses (rising inputs), active_ticks (n comparators biased the whole run),
//   extra.output_pulse_ticks.
import { Counters, Prio, type Model, type ModelContext, type ModelSpec, type PortDecl, type Tick } from '../model.js';
import { firstCrossing } from '../engine/roots.js';

const IN = 0, OUT = 1;

export class AdaptiveThreshold implements Model {
  readonly ports: readonly PortDecl[];
  readonly counters = new Counters();
  readonly n: number;
  readonly tau: number; readonly tauR: number; readonly vth: number; readonly theta: number;
  readonly step: number; readonly hard: boolean; readonly rPsp: number | undefined; readonly vdd: number;
  private ctx!: ModelContext;
  private stepTicks = 1;
  readonly k: Float64Array; readonly h: Float64Array; readonly u: Float64Array;
  private readonly tl: Float64Array;
  private readonly oStart: Float64Array; // tick the (pending or current) output pulse starts
  private readonly oEnd: Float64Array;   // tick it ends; the comparator is re-armed then
  private readonly armed: Uint8Array;
  private tk: Int32Array | null = null; private th: Int32Array | null = null; private to: Int32Array | null = null;
  private tvv: Int32Array | null = null;

  constructor(readonly spec: ModelSpec) {
    const p = spec.params;
    const n = spec.shape.length > 0 ? spec.shape.reduce((a, b) => a * b, 1) : 1;
    this.n = n;
    this.tau = p.opt('tau') ?? p.num('r', 4.56e3) * p.num('c', 10.14e-12);
    this.tauR = p.opt('tau_r') ?? p.num('r_r', 4.56e3) * p.num('c_r', 10.14e-12);
    this.vth = p.num('threshold', 0.55);
    this.theta = p.num('theta', 1);
    this.step = p.num('step', 10e-9);
    this.hard = p.enumv('reset', 'adaptive') === 'hard';
    this.rPsp = p.opt('r_psp');
    this.vdd = p.opt('vdd') ?? 1;
    if (!(this.tau > 0) || !(this.tauR > 0) || !(this.step > 0)) throw new Error(`twin: ${spec.path}: tau, tau_r and step must be positive`);
    this.ports = [
      { name: 'in', dir: 'in', width: n, signal: 'level' },
      { name: 'out', dir: 'out', width: n, signal: 'spike' },
    ];
    this.k = new Float64Array(n); this.h = new Float64Array(n); this.u = new Float64Array(n);
    this.tl = new Float64Array(n);
    this.oStart = new Float64Array(n).fill(-1); this.oEnd = new Float64Array(n).fill(-1);
    this.armed = new Uint8Array(n).fill(1);
  }

  init(ctx: ModelContext): void {
    this.ctx = ctx;
    this.stepTicks = Math.max(1, ctx.ticks(this.step));
    const mk = (name: string, kind: 'real' | 'wire'): Int32Array | null => {
      const hs = new Int32Array(this.n);
      let any = false;
      for (let c = 0; c < this.n; c++) { hs[c] = ctx.declare(name, kind, this.n > 1 ? { ch: c } : {}); if (hs[c]! >= 0) any = true; }
      return any ? hs : null;
    };
    this.tk = mk('psp', 'real'); this.th = mk('threshold', 'real'); this.to = mk('o', 'wire'); this.tvv = mk('v', 'real');
  }

  /** Is neuron c's output pulse high at tick t? */
  private high(c: number, t: Tick): boolean { return this.oStart[c]! <= t && t < this.oEnd[c]!; }

  /** Neuron c to tick t, exactly (the output level o is constant since tl). */
  private advanceTo(c: number, t: Tick): void {
    const t0 = this.tl[c]!;
    if (!(t > t0)) return;
    const dt = this.ctx.seconds(t - t0);
    const u = this.u[c]!;
    this.k[c] = u + (this.k[c]! - u) * Math.exp(-dt / this.tau);
    const hin = this.high(c, t0) ? this.vdd : 0; // o is constant over [t0, t): its edges are events
    this.h[c] = hin + (this.h[c]! - hin) * Math.exp(-dt / this.tauR);
    this.tl[c] = t;
  }

  /** Predict neuron c's next trip from tick t (nothing while it holds a decision). */
  private predict(c: number, t: Tick): void {
    if (this.armed[c] === 0) return;
    const u = this.u[c]!, th = this.hard ? 0 : this.theta;
    // f(s) = k(s) - th h(s) - vth with o = 0: k = u + (k0 - u) e^{-s/tau}, h = h0 e^{-s/tau_r}
    const s = firstCrossing(u, this.k[c]! - u, this.tau, -th * this.h[c]!, this.tauR, this.vth, Infinity, 0.25 * this.ctx.resolution);
    if (s === Infinity) { this.ctx.clearTimer(c); return; }
    this.ctx.setTimer(c, t + Math.max(0, Math.ceil(s / this.ctx.resolution - 1e-9)), Prio.TIMER);
  }

  private trace(c: number, t: Tick): void {
    if (this.tk && this.tk[c]! >= 0) this.ctx.real(this.tk[c]!, this.k[c]!);
    if (this.th && this.th[c]! >= 0) this.ctx.real(this.th[c]!, this.vth + (this.hard ? 0 : this.theta * this.h[c]!));
    if (this.to && this.to[c]! >= 0) this.ctx.bit(this.to[c]!, this.high(c, t) ? 1 : 0);
    if (this.tvv && this.tvv[c]! >= 0) this.ctx.real(this.tvv[c]!, this.k[c]! - (this.hard ? 0 : this.theta * this.h[c]!));
  }

  input(port: number, c: number, value: number, t: Tick): void {
    if (port !== IN) return;
    this.advanceTo(c, t);
    const u = this.rPsp !== undefined ? value * this.rPsp : value;
    if (u !== 0 && this.u[c] === 0) this.counters.input_pulses++;
    this.u[c] = u;
    this.trace(c, t);
    this.predict(c, t);
  }

  timer(slot: number, t: Tick): void {
    const n = this.n;
    if (slot < n) { // the comparator trips: the output pulse takes the next step slot
      const c = slot;
      this.advanceTo(c, t);
      this.armed[c] = 0;
      // the slot after the trip's step (a trip within 2 ticks after a grid point, i.e. at the
      // end of a step up to root-finding rounding, belongs to the step that just ended)
      const start = Math.ceil((t - 2) / this.stepTicks) * this.stepTicks;
      if (start <= t) this.startPulse(c, t);
      else { this.oStart[c] = start; this.oEnd[c] = start + this.stepTicks; this.ctx.setTimer(n + c, start, Prio.TIMER); }
      return;
    }
    if (slot < 2 * n) { this.advanceTo(slot - n, t); this.startPulse(slot - n, t); return; }
    const c = slot - 2 * n; // end of the output pulse: re-arm and compare
    this.advanceTo(c, t);
    this.armed[c] = 1;
    this.trace(c, t);
    this.predict(c, t);
  }

  /** Output pulse of neuron c from tick t (a spike; one step wide). */
  private startPulse(c: number, t: Tick): void {
    this.oStart[c] = t; this.oEnd[c] = t + this.stepTicks;
    this.ctx.emit(OUT, c, 1);
    if (this.hard) this.k[c] = 0;
    this.counters.extra['output_pulse_ticks'] = (this.counters.extra['output_pulse_ticks'] ?? 0) + this.stepTicks;
    this.ctx.setTimer(2 * this.n + c, t + this.stepTicks, Prio.TIMER);
    this.trace(c, t);
  }

  advance(t: Tick): void { for (let c = 0; c < this.n; c++) this.advanceTo(c, t); }

  read(name: string, c: number): number {
    switch (name) {
      case 'k': case 'psp': return this.k[c]!;
      case 'h': return this.h[c]!;
      case 'v': return this.k[c]! - (this.hard ? 0 : this.theta * this.h[c]!);
      case 'threshold': return this.vth + (this.hard ? 0 : this.theta * this.h[c]!);
      case 'u': return this.u[c]!;
      case 'o': return this.high(c, this.ctx.now) ? 1 : 0;
      default: return NaN;
    }
  }

  finish(t: Tick): void { this.counters.active_ticks = this.n * t; }
}

/** Factory for kind 'adaptive_threshold'. */
export function createAdaptiveThreshold(spec: ModelSpec): Model { return new AdaptiveThreshold(spec); }
