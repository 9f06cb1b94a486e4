// dpi_lif: S4's differential-pair-integrator synapse driving a leaky membrane capacitor,
// n independent neurons, as the linear ODE cascade (exact between events, no step):
//   tau_rise y' = -y + g u(t)          DPI rise stage (g = weight_gain in S, u the input level in V)
//   tau_fall I' = -I + y               DPI output: the synaptic current I_syn
//   V' = -V / tau_mem + I / c_mem      LIF membrane on C_mem
// so one short input pulse gives I_syn ~ e^{-t/tau_fall} - e^{-t/tau_rise} (S4's double
// exponential) and a sustained input u settles at I_syn = g u, V = tau_mem g u / c_mem.
// Input: in-port 'in' (level: the DPI input, e.g. the TIA/inverter voltage or a column
//   current; rectangular pulses as two messages, S4: 900 us; with pulse edges told by the
//   engine (inputEdges: S4's io, 100 us rise and fall, through the 1T1R cell and the TIA)
//   each message is the value the input ramps to, see ramp-input.ts); params tau_rise, tau_fall,
//   tau_mem (s, hardware time: already divided by the timescale), c_mem (F), weight_gain
//   (I_syn per unit input at DC), threshold (V; null: never fires, the membrane peak is the
//   output), v_reset, refractory (s), noise (relative, one draw per input pulse: the pulse
//   amplitude is multiplied by 1 + noise N(0, 1)). c_syn, v_syn_tau, v_mem_tau, kappa and
//   u_t describe the transistor-level circuit for the SPICE backend and the cost model; the
//   twin takes the time constants directly.
// Output: 'out' (spike, value 1) at each threshold crossing.
// Invariants: between events u is constant and V(t) = V_inf + A_m e^{-t/tau_mem} +
//   A_f e^{-t/tau_fall} + A_r e^{-t/tau_rise} in closed form (equal time constants are
//   separated by a relative 1e-7 to keep the partial fractions finite); threshold crossings
//   by bracketing and root finding (s4-expsum.ts) over a 60-time-constant window, re-predicted
//   after every input; the membrane peak is tracked exactly (critical points). After a spike
//   V := v_reset and stays there for `refractory` while the synapse keeps evolving.
//   While an edge ramps the input, u = u0 + s t, each stage's particular solution is a line
//   (y_p = g(u0 - s tau_rise) + g s t, I_p = g(u0 - s (tau_rise + tau_fall)) + g s t,
//   V_p = (tau_mem / c_mem)(g(u0 - s (tau_rise + tau_fall + tau_mem)) + g s t)) and the
//   exponentials are as above, so V is a line plus three exponentials (s4-expsum-ramp.ts);
//   every ramp end is a breakpoint (advanced to exactly, and a timer that re-predicts).
//   Without edges the code path and every result are those of rectangular pulses.
//   No allocation per event.
// Counters: input_pulses (rising inputs), active_ticks (n neurons biased for the whole run),
//   extra.syn_active_ticks (neuron-ticks with a nonzero input, to the end of a fall ramp).
// Timer slots: c threshold crossing, n + c refractory end, 2n + c next ramp end.
import { Counters, Prio, type Model, type ModelContext, type ModelSpec, type PortDecl, type RandomSource, type Tick } from '../model.js';
import { ExpSum3 } from './s4-expsum.js';
import { ExpSumRamp } from './s4-expsum-ramp.js';
import { RampInput } from './ramp-input.js';

const IN = 0, OUT = 1;

function separate(a: number, b: number): number {
  return Math.abs(a - b) <= 1e-7 * Math.max(a, b) ? b * (1 + 1e-7) : b;
}

export class DpiLif implements Model {
  readonly ports: readonly PortDecl[];
  readonly counters = new Counters();
  readonly n: number;
  readonly tauRise: number; readonly tauFall: number; readonly tauMem: number;
  readonly cMem: number; readonly gain: number; readonly threshold: number | undefined;
  readonly vReset: number; readonly refractory: number; readonly noise: number;
  private ctx!: ModelContext;
  private rng: RandomSource | null = null;
  private refrTicks = 0;
  private readonly es = new ExpSum3();
  private readonly esr = new ExpSumRamp();
  /** The input: u (at tl), its slope while an edge ramps, and pending ramps. */
  private readonly inp: RampInput;
  private edgeRise = 0; private edgeFall = 0;
  readonly y: Float64Array; readonly i: Float64Array; readonly v: Float64Array;
  readonly u: Float64Array; readonly peak: Float64Array; readonly peakTime: Float64Array;
  private readonly tl: Float64Array; private readonly refrUntil: Float64Array;
  private readonly synSince: Float64Array;
  private tv: Int32Array | null = null; private ti: Int32Array | null = null;
  // per-interval closed form (set by coeffs())
  private yInf = 0; private iInf = 0; private vInf = 0;
  private cy = 0; private cIf = 0; private cIr = 0; private cVm = 0; private cVf = 0; private cVr = 0;
  private yd = 0; private id = 0; private vd = 0; // slopes of the particular solutions (ramps)

  constructor(readonly spec: ModelSpec) {
    const p = spec.params;
    const n = spec.shape.length > 0 ? spec.shape.reduce((a, b) => a * b, 1) : 1;
    this.n = n;
    const tr = p.num('tau_rise', 0.5e-3);
    const tf = separate(tr, p.num('tau_fall', 2e-3));
    let tm = separate(tr, p.num('tau_mem', 15e-3));
    tm = separate(tf, tm);
    this.tauRise = tr; this.tauFall = tf; this.tauMem = tm;
    this.cMem = p.num('c_mem', 260e-9);
    this.gain = p.num('weight_gain', 1);
    this.threshold = p.opt('threshold');
    this.vReset = p.num('v_reset', 0);
    this.refractory = p.num('refractory', 0);
    this.noise = p.num('noise', 0);
    if (this.threshold !== undefined && !(this.vReset < this.threshold)) {
      throw new Error(`twin: ${spec.path}: v_reset must be below the threshold`);
    }
    this.ports = [
      { name: 'in', dir: 'in', width: n, signal: 'level' },
      { name: 'out', dir: 'out', width: n, signal: 'spike' },
    ];
    this.y = new Float64Array(n); this.i = new Float64Array(n); this.v = new Float64Array(n);
    this.inp = new RampInput(n);
    this.u = this.inp.u; this.peak = new Float64Array(n); this.peakTime = new Float64Array(n);
    this.tl = new Float64Array(n); this.refrUntil = new Float64Array(n).fill(-1);
    this.synSince = new Float64Array(n).fill(-1);
  }

  inputEdges(port: number, rise: number, fall: number): void {
    if (port === IN) { this.edgeRise = rise; this.edgeFall = fall; }
  }

  init(ctx: ModelContext): void {
    this.ctx = ctx;
    this.refrTicks = ctx.ticks(this.refractory);
    this.inp.configure(ctx.ticks(this.edgeRise), ctx.ticks(this.edgeFall), ctx.resolution);
    if (this.noise > 0) this.rng = ctx.rng('noise');
    const mk = (name: string): Int32Array | null => {
      const h = new Int32Array(this.n);
      let any = false;
      for (let c = 0; c < this.n; c++) { h[c] = ctx.declare(name, 'real', this.n > 1 ? { ch: c } : {}); if (h[c]! >= 0) any = true; }
      return any ? h : null;
    };
    this.tv = mk('v'); this.ti = mk('i_syn');
  }

  /**
   * Closed-form coefficients of neuron c's interval from its state at tl: u constant (s = 0),
   * or ramping with slope s (per second; the particular solutions are lines, see the header).
   */
  private coeffs(c: number): void {
    const tr = this.tauRise, tf = this.tauFall, tm = this.tauMem, C = this.cMem;
    const s = this.inp.slope[c]!;
    if (s === 0) {
      this.yInf = this.gain * this.u[c]!;
      this.iInf = this.yInf;
      this.vInf = tm * this.iInf / C;
      this.yd = 0; this.id = 0; this.vd = 0;
    } else {
      const g = this.gain, u0 = this.u[c]!, gs = g * s;
      this.yInf = g * u0 - gs * tr;
      this.iInf = g * u0 - gs * (tr + tf);
      this.vInf = tm * (g * u0 - gs * (tr + tf + tm)) / C;
      this.yd = gs; this.id = gs; this.vd = tm * gs / C;
    }
    const ey = this.y[c]! - this.yInf, eI = this.i[c]! - this.iInf, eV = this.v[c]! - this.vInf;
    const beta = tr / (tr - tf);
    const Q = beta * ey, P = eI - Q;                 // eI(t) = P e^{-t/tf} + Q e^{-t/tr}
    const gf = tf * tm / (C * (tf - tm)), gr = tr * tm / (C * (tr - tm));
    this.cy = ey; this.cIf = P; this.cIr = Q;
    this.cVf = gf * P; this.cVr = gr * Q; this.cVm = eV - this.cVf - this.cVr;
  }

  /** Bring neuron c to tick t (exact) through every ramp end on the way. */
  private advanceTo(c: number, t: Tick): void {
    const inp = this.inp;
    if (inp.ramps) {
      for (let e = inp.nextEnd(c); e <= t; e = inp.nextEnd(c)) {
        this.segment(c, e);
        inp.pop(c);
        if (!inp.busy(c) && inp.target[c] === 0) this.closeSyn(c, e);
      }
    }
    this.segment(c, t);
  }

  /** Bring neuron c to tick t (exact) within one segment (no ramp end before t), tracking the membrane peak. */
  private segment(c: number, t: Tick): void {
    const t0 = this.tl[c]!;
    if (!(t > t0)) return;
    const dt = this.ctx.seconds(t - t0);
    this.coeffs(c);
    const er = Math.exp(-dt / this.tauRise), ef = Math.exp(-dt / this.tauFall);
    const ramp = this.inp.slope[c] !== 0;
    if (ramp) {
      this.y[c] = this.yInf + this.yd * dt + this.cy * er;
      this.i[c] = this.iInf + this.id * dt + this.cIf * ef + this.cIr * er;
    } else {
      this.y[c] = this.yInf + this.cy * er;
      this.i[c] = this.iInf + this.cIf * ef + this.cIr * er;
    }
    const refrEnd = this.refrUntil[c]!;
    if (refrEnd > t0) {
      // held at v_reset; the refractory end is always an event of its own (a timer)
      this.v[c] = this.vReset;
    } else if (ramp) {
      const es = this.esr.set(this.vInf, this.vd, this.cVm, 1 / this.tauMem, this.cVf, 1 / this.tauFall, this.cVr, 1 / this.tauRise);
      const m = es.max(dt);
      if (m > this.peak[c]!) { this.peak[c] = m; this.peakTime[c] = t0 + this.ctx.ticks(es.argMax); }
      this.v[c] = this.vInf + this.vd * dt + this.cVm * Math.exp(-dt / this.tauMem) + this.cVf * ef + this.cVr * er;
    } else {
      const es = this.es.set(this.vInf, this.cVm, 1 / this.tauMem, this.cVf, 1 / this.tauFall, this.cVr, 1 / this.tauRise);
      const m = es.max(dt);
      if (m > this.peak[c]!) { this.peak[c] = m; this.peakTime[c] = t0 + this.ctx.ticks(es.argMax); }
      this.v[c] = this.vInf + this.cVm * Math.exp(-dt / this.tauMem) + this.cVf * ef + this.cVr * er;
    }
    const s = this.inp.slope[c]!;
    if (s !== 0) this.u[c] = this.u[c]! + s * dt;
    this.tl[c] = t;
  }

  /**
   * Predict neuron c's next threshold crossing from tick t and set its timer; while an edge
   * ramps, only up to the ramp's end (whose timer predicts again).
   */
  private predict(c: number, t: Tick): void {
    if (this.threshold === undefined) return;
    if (this.refrUntil[c]! > t) return; // the refractory-end timer re-predicts
    this.coeffs(c);
    let T = 60 * Math.max(this.tauMem, this.tauFall, this.tauRise);
    const inp = this.inp;
    if (inp.ramps && inp.busy(c)) T = Math.min(T, this.ctx.seconds(inp.nextEnd(c) - t));
    const s = this.inp.slope[c] !== 0
      ? this.esr.set(this.vInf, this.vd, this.cVm, 1 / this.tauMem, this.cVf, 1 / this.tauFall, this.cVr, 1 / this.tauRise).firstCrossing(this.threshold, T, 0.25 * this.ctx.resolution)
      : this.es.set(this.vInf, this.cVm, 1 / this.tauMem, this.cVf, 1 / this.tauFall, this.cVr, 1 / this.tauRise).firstCrossing(this.threshold, T, 0.25 * this.ctx.resolution);
    if (s === Infinity) { this.ctx.clearTimer(c); return; }
    this.ctx.setTimer(c, t + Math.max(0, Math.ceil(s / this.ctx.resolution - 1e-9)), Prio.TIMER);
  }

  /** Wake neuron c at its next ramp end (none: no wake-up). */
  private armRamp(c: number): void {
    const e = this.inp.nextEnd(c);
    if (e === Infinity) this.ctx.clearTimer(2 * this.n + c);
    else this.ctx.setTimer(2 * this.n + c, e, Prio.TIMER);
  }

  private closeSyn(c: number, t: Tick): void {
    if (this.synSince[c]! < 0) return;
    this.counters.extra['syn_active_ticks'] = (this.counters.extra['syn_active_ticks'] ?? 0) + (t - this.synSince[c]!);
    this.synSince[c] = -1;
  }

  private trace(c: number): void {
    if (this.tv && this.tv[c]! >= 0) this.ctx.real(this.tv[c]!, this.v[c]!);
    if (this.ti && this.ti[c]! >= 0) this.ctx.real(this.ti[c]!, this.i[c]!);
  }

  input(port: number, c: number, value: number, t: Tick): void {
    if (port !== IN) return;
    this.advanceTo(c, t);
    const inp = this.inp;
    const old = inp.target[c]!;
    let u = value;
    if (u !== 0 && this.rng) u *= 1 + this.noise * this.rng.normal();
    if (value !== 0 && old === 0) { this.counters.input_pulses++; if (this.synSince[c]! < 0) this.synSince[c] = t; }
    inp.change(c, t, u);
    if (inp.ramps) this.armRamp(c);
    if (value === 0 && !inp.busy(c)) this.closeSyn(c, t);
    this.trace(c);
    this.predict(c, t);
  }

  timer(slot: number, t: Tick): void {
    if (slot < this.n) { // threshold crossing
      const c = slot;
      this.advanceTo(c, t);
      this.ctx.emit(OUT, c, 1);
      this.v[c] = this.vReset;
      if (this.refrTicks > 0) {
        this.refrUntil[c] = t + this.refrTicks;
        this.ctx.setTimer(this.n + c, t + this.refrTicks, Prio.TIMER);
      }
      this.trace(c);
      this.predict(c, t);
      return;
    }
    const c = slot < 2 * this.n ? slot - this.n : slot - 2 * this.n; // refractory end, ramp end
    this.advanceTo(c, t);
    if (slot >= 2 * this.n) this.armRamp(c);
    this.trace(c);
    this.predict(c, t);
  }

  advance(t: Tick): void { for (let c = 0; c < this.n; c++) this.advanceTo(c, t); }

  read(name: string, c: number): number {
    switch (name) {
      case 'v': case 'v_mem': return this.v[c]!;
      case 'i_syn': case 'i': return this.i[c]!;
      case 'y': return this.y[c]!;
      case 'u': return this.u[c]!;
      case 'peak': return this.peak[c]!;
      case 'peak_time': return this.peakTime[c]!;
      default: return NaN;
    }
  }

  finish(t: Tick): void {
    this.counters.active_ticks = this.n * t;
    for (let c = 0; c < this.n; c++) {
      if (this.synSince[c]! >= 0) {
        this.counters.extra['syn_active_ticks'] = (this.counters.extra['syn_active_ticks'] ?? 0) + (t - this.synSince[c]!);
        this.synSince[c] = t;
      }
    }
  }
}

/** Factory for kind 'dpi_lif'. */
export function createDpiLif(spec: ModelSpec): Model { return new DpiLif(spec); }
