// ts_hybrid: S2's hybrid memristor-CMOS neuron (one TS device, latches L1/L2 on a shared
// clock, T1 refractory/potentiation switch, T3 depression module), n independent neurons.
// Input: in-port 'in' (level: the post-synaptic drive: a voltage applied to node 1 through
//   r_series; or, with `input = current` (not a registry property: for a builder feeding a
//   crossbar column), the column's short-circuit current I, taken as the Norton source
//   (I, r_series), i.e. V_in = I r_series: set r_series to 1 / sum_i G_i of the column),
//   'gate' (level, V: from an lia; below v_gate_threshold, not a registry property, default
//   0.7 V like an NMOS selector's threshold, the neuron's input is cut off; open initially);
//   params of ts_hybrid and its ts_memristor (`device.*`, see ts-device.ts) and optionally
//   its clock (`clock.frequency|duty|phase`, else clock_frequency, 50 %, 0).
// Output: 'out' (spike, value spike_amplitude, at the start of each output pulse L2 AND CLK),
//   'inhibit' (level: inhibit_amplitude while L1 OR L2, else 0).
// Invariants: hardware time (nothing scales); exact piecewise-linear device state (no step);
//   the clock is analytic (edges at phase + k/f and phase + (k + duty)/f, integer ticks) and
//   edge events are scheduled only while some neuron's latches can change, so idle time
//   costs nothing; no allocation per event.
//
// Circuit (S2 Fig. 3a) and node equations, per neuron:
//   V_in --r_series-- node 1 --TS device (r_on | r_off)-- node 2 --r_read-- ground
//   node 1 = 0 while T1 conducts (refractory), = v_depress while T3 conducts (depression),
//   else the divider: V1 = Vin_eff (R + r_read) / (r_series + R + r_read), Vin_eff = gate ? Vin : 0;
//   device voltage Vd = V1 R / (R + r_read); node 2 V2 = V1 r_read / (R + r_read).
//
// State machine (CLK high during the first `duty` of each period, S2: 2 kHz, 50 %):
//   - L1 is a D latch transparent while CLK is high, D = [V2 >= v_fire]: it goes high the
//     moment the TS device switches ON under an input pulse (so the lateral-inhibition
//     output rises at switch-on, S2 Fig. 4e) and holds through the low phase. Modelled as
//     sampling afresh at each rising edge and then set-only for the rest of the high phase:
//     the same as the transparent latch here (after a switching V2 stays high through the
//     phase: the device stays ON, the input pulse ends with the phase), and free of the
//     zero-delay ring a transparent latch would start in the loop inhibit -> lia -> gate.
//   - L2 is a D latch transparent while CLK is low, D = L1: at the falling edge after a
//     fire it copies L1 and holds it through the next high phase (a master-slave pair).
//   - T1 (gate = L2): when L2 rises, node 1 is grounded for `refractory` (S2: 500 us, one
//     clock period: the input pulse of the next period is swallowed, giving the device
//     refractory + interval = 750 us to relax). Grounded node 1 puts the full input pulse
//     across the active synapses: potentiation (for an upstream hebbian).
//   - T3 (depression, if enabled): G2 = L1 AND NOT L2, node 1 lifted to v_depress from the
//     fire to the next falling edge; the lifted node depresses synapses whose input is 0.
//   - output spike = L2 AND CLK: one pulse over the high phase after the fire (S2: 2.0 V,
//     250 us, identical spikes); emitted as one spike event at its rising edge.
//   - inhibition = L1 OR L2.
//   - at the next high phase the grounded node 2 clears L1; at the falling edge L2 follows
//     it; the neuron integrates again from the input pulse after.
//   Timeline of S2's neuron test (1.8 V, 2 kHz, 250 us pulses in phase with CLK): the device
//   switches ON during pulse 5 [2.00, 2.25) ms (L1, inhibit rise), L2 rises at 2.25 ms
//   (node 1 grounded until 2.75 ms), the output spike is [2.50, 2.75) ms, L2 falls at
//   2.75 ms, and the next cycle integrates from the pulse at 3.00 ms.
// Traces: v (node 1, V), s (filament state, written at events: it is piecewise linear in
//   between), l1, l2, inhibit. spike_width is not used: the output pulse is the clock's high
//   phase (S2: 250 us), and a referenced clock's amplitude neither (spike_amplitude is).
// Counters: input_pulses (rising input levels), clock_edges (edges x neurons, both edges,
//   counted analytically), output_spikes (engine), active_ticks (neuron-ticks with node 1
//   above ground: the device path draws current), extra.ts_switches (device OFF -> ON),
//   extra.refractory_periods.
import { Counters, Prio, type Model, type ModelContext, type ModelSpec, type PortDecl, type Tick } from '../model.js';
import { readTsLaw, TsDeviceBank, type TsLaw } from './ts-device.js';

const IN = 0, OUT = 1, INHIBIT = 2, GATE = 3;
const CLOCK_SLOT = 0;

export class TsHybrid implements Model {
  readonly ports: readonly PortDecl[];
  readonly counters = new Counters();
  readonly n: number;
  readonly law: TsLaw;
  readonly rSeries: number; readonly rRead: number; readonly vFire: number;
  readonly refractory: number; readonly spikeAmp: number; readonly inhibitAmp: number;
  readonly depression: boolean; readonly vDepress: number; readonly stochastic: boolean;
  readonly frequency: number; readonly duty: number; readonly phase: number;
  readonly vGateOn: number;
  readonly inScale: number; // 1 for a voltage input, r_series for a current input
  dev!: TsDeviceBank;
  private ctx!: ModelContext;
  // clock in ticks
  private per = 1; private high = 1; private ph = 0; private refrTicks = 0;
  private clockPending = false;
  private nextEdge = 0;
  // per neuron
  private readonly vin: Float64Array;
  private readonly gateOpen: Uint8Array;
  private readonly l1: Uint8Array;
  private readonly l2: Uint8Array;
  private readonly inh: Uint8Array;
  private readonly groundUntil: Float64Array;
  private readonly tl: Float64Array;       // last device advance (tick)
  private readonly v1: Float64Array;
  private readonly vd: Float64Array;
  private readonly v2: Float64Array;
  private readonly activeSince: Float64Array; // tick node 1 went above 0, or -1
  private tr: { v1: Int32Array; s: Int32Array; l1: Int32Array; l2: Int32Array; inh: Int32Array } | null = null;
  private quiet = false; // no trace writes during init (the engine declares after it)

  constructor(readonly spec: ModelSpec) {
    const p = spec.params;
    const n = spec.shape.length > 0 ? spec.shape.reduce((a, b) => a * b, 1) : 1;
    this.n = n;
    this.law = readTsLaw(p);
    this.rSeries = p.num('r_series', 10e3);
    this.rRead = p.num('r_read', 1e3);
    this.vFire = p.num('v_fire', 0.5);
    this.refractory = p.num('refractory', 500e-6);
    this.spikeAmp = p.num('spike_amplitude', 2.0);
    this.inhibitAmp = p.num('inhibit_amplitude', 1.5);
    this.depression = p.bool('depression', true);
    this.vDepress = p.num('v_depress', 1.0);
    this.stochastic = p.bool('stochastic', true);
    // A referenced clock (flattened as clock.* or, since no ts_hybrid property shares these
    // names, as bare names) overrides clock_frequency.
    this.frequency = p.opt('clock.frequency') ?? p.opt('frequency') ?? p.num('clock_frequency', 2e3);
    this.duty = p.opt('clock.duty') ?? p.opt('duty') ?? 0.5;
    this.phase = p.opt('clock.phase') ?? p.opt('phase') ?? 0;
    // Not in the registry: the gate level that turns the neuron's input selectors on.
    this.vGateOn = p.num('v_gate_threshold', 0.7);
    const mode = p.str('input', 'voltage');
    if (mode !== 'voltage' && mode !== 'current') throw new Error(`twin: ${spec.path}: input must be voltage or current`);
    this.inScale = mode === 'current' ? this.rSeries : 1;
    if (!(this.frequency > 0) || !(this.duty > 0 && this.duty < 1)) throw new Error(`twin: ${spec.path}: bad clock (frequency ${this.frequency}, duty ${this.duty})`);
    this.ports = [
      { name: 'in', dir: 'in', width: n, signal: 'level' },
      { name: 'out', dir: 'out', width: n, signal: 'spike' },
      { name: 'inhibit', dir: 'out', width: n, signal: 'level' },
      { name: 'gate', dir: 'in', width: n, signal: 'level' },
    ];
    this.vin = new Float64Array(n);
    this.gateOpen = new Uint8Array(n).fill(1);
    this.l1 = new Uint8Array(n); this.l2 = new Uint8Array(n); this.inh = new Uint8Array(n);
    this.groundUntil = new Float64Array(n).fill(-1);
    this.tl = new Float64Array(n);
    this.v1 = new Float64Array(n); this.vd = new Float64Array(n); this.v2 = new Float64Array(n);
    this.activeSince = new Float64Array(n).fill(-1);
  }

  init(ctx: ModelContext): void {
    this.ctx = ctx;
    const P = 1 / this.frequency;
    this.per = Math.max(2, ctx.ticks(P));
    this.high = Math.min(this.per - 1, Math.max(1, ctx.ticks(this.duty * P)));
    this.ph = ctx.ticks(this.phase);
    this.refrTicks = Math.max(1, ctx.ticks(this.refractory));
    this.dev = new TsDeviceBank(this.n, this.law, this.stochastic ? ctx.rng('ts') : null);
    const mk = (name: string, kind: 'real' | 'wire'): Int32Array => {
      const h = new Int32Array(this.n);
      for (let c = 0; c < this.n; c++) h[c] = ctx.declare(name, kind, this.n > 1 ? { ch: c } : {});
      return h;
    };
    const tr = { v1: mk('v', 'real'), s: mk('s', 'real'), l1: mk('l1', 'wire'), l2: mk('l2', 'wire'), inh: mk('inhibit', 'wire') };
    this.tr = ctx.tracing ? tr : null;
    this.quiet = true; // initial state: all zero, as declared
    for (let c = 0; c < this.n; c++) this.refresh(c, 0);
    this.quiet = false;
  }

  // ---- clock (analytic) ----

  /** CLK level at tick t (the edge at t itself has happened). */
  clkHigh(t: Tick): boolean {
    if (t < this.ph) return false;
    return (t - this.ph) % this.per < this.high;
  }

  /** The first clock edge strictly after tick t. */
  private edgeAfter(t: Tick): Tick {
    if (t < this.ph) return this.ph;
    const k = Math.floor((t - this.ph) / this.per);
    const base = this.ph + k * this.per;
    if (t < base + this.high) return base + this.high;
    return base + this.per;
  }

  /** Number of clock edges in [0, t]. */
  edgesUpTo(t: Tick): number {
    if (t < this.ph) return 0;
    const k = Math.floor((t - this.ph) / this.per);
    const r = t - this.ph - k * this.per;
    return 2 * k + 1 + (r >= this.high ? 1 : 0);
  }

  private ensureClock(t: Tick): void {
    if (this.clockPending) return;
    this.nextEdge = this.edgeAfter(t);
    this.clockPending = true;
    this.ctx.setTimer(CLOCK_SLOT, this.nextEdge, Prio.CLOCK);
  }

  private busy(c: number, t: Tick): boolean {
    return this.l1[c] === 1 || this.l2[c] === 1 || this.groundUntil[c]! > t || this.v2[c]! >= this.vFire;
  }

  // ---- per-neuron node evaluation ----

  private advanceDev(c: number, t: Tick): void {
    const t0 = this.tl[c]!;
    if (t > t0) { this.dev.advance(c, this.ctx.seconds(t - t0)); this.tl[c] = t; }
  }

  /** Re-evaluate neuron c's nodes, latch L1, outputs and device timer at tick t. */
  private refresh(c: number, t: Tick, risingEdge = false): void {
    const dev = this.dev;
    const R = dev.resistance(c), rr = this.rRead;
    const grounded = this.groundUntil[c]! > t;
    const vinEff = this.gateOpen[c] ? this.vin[c]! : 0;
    const v2in = grounded ? 0 : vinEff * rr / (this.rSeries + R + rr);
    if (this.clkHigh(t)) {
      // L1 samples afresh at the rising edge and then captures a fire (set only) for the
      // rest of the high phase.
      const nl1 = v2in >= this.vFire || (!risingEdge && this.l1[c] === 1) ? 1 : 0;
      if (nl1 !== this.l1[c]) { this.l1[c] = nl1; if (this.tr) this.trBit(this.tr.l1[c]!, nl1); }
    }
    const dep = this.depression && !grounded && this.l1[c] === 1 && this.l2[c] === 0;
    const v1 = grounded ? 0 : dep ? this.vDepress : vinEff * (R + rr) / (this.rSeries + R + rr);
    this.v1[c] = v1;
    this.vd[c] = v1 * R / (R + rr);
    this.v2[c] = v1 * rr / (R + rr);
    // activity: node 1 above ground
    if (v1 > 0 && this.activeSince[c]! < 0) this.activeSince[c] = t;
    else if (!(v1 > 0) && this.activeSince[c]! >= 0) { this.counters.active_ticks += t - this.activeSince[c]!; this.activeSince[c] = -1; }
    // inhibition output
    const inh = this.l1[c] === 1 || this.l2[c] === 1 ? 1 : 0;
    if (inh !== this.inh[c]) {
      this.inh[c] = inh;
      this.ctx.emit(INHIBIT, c, inh ? this.inhibitAmp : 0);
      if (this.tr) this.trBit(this.tr.inh[c]!, inh as 0 | 1);
    }
    // device
    dev.drive(c, this.vd[c]!);
    const dt = dev.timeToSwitch(c);
    if (dt < Infinity) {
      const ticks = Math.max(0, Math.ceil(dt / this.ctx.resolution - 1e-9));
      this.ctx.setTimer(1 + c, t + ticks, Prio.TIMER);
    } else this.ctx.clearTimer(1 + c);
    if (this.tr) { this.trReal(this.tr.v1[c]!, v1); this.trReal(this.tr.s[c]!, dev.s[c]!); }
    if (this.busy(c, t)) this.ensureClock(t);
  }

  private trBit(h: number, v: 0 | 1 | number): void { if (h >= 0 && !this.quiet) this.ctx.bit(h, v ? 1 : 0); }
  private trReal(h: number, x: number): void { if (h >= 0 && !this.quiet) this.ctx.real(h, x); }

  // ---- events ----

  input(port: number, c: number, value: number, t: Tick): void {
    this.advanceDev(c, t);
    if (port === IN) {
      if (value > 0 && !(this.vin[c]! > 0)) this.counters.input_pulses++;
      this.vin[c] = value * this.inScale;
    } else if (port === GATE) {
      this.gateOpen[c] = value >= this.vGateOn ? 1 : 0;
    } else return;
    this.refresh(c, t);
  }

  timer(slot: number, t: Tick): void {
    if (slot === CLOCK_SLOT) { this.clockEdge(t); return; }
    if (slot <= this.n) {
      const c = slot - 1;
      this.advanceDev(c, t);
      if (this.dev.switchNow(c) > 0) this.counters.extra['ts_switches'] = (this.counters.extra['ts_switches'] ?? 0) + 1;
      this.refresh(c, t);
      return;
    }
    const c = slot - 1 - this.n; // end of the refractory grounding
    this.advanceDev(c, t);
    this.refresh(c, t);
  }

  private clockEdge(t: Tick): void {
    this.clockPending = false;
    const rising = this.clkHigh(t);
    let busy = false;
    for (let c = 0; c < this.n; c++) {
      this.advanceDev(c, t);
      if (rising) {
        if (this.l2[c] === 1) this.ctx.emit(OUT, c, this.spikeAmp); // L2 AND CLK rises
      } else if (this.l2[c] !== this.l1[c]) {
        const v = this.l1[c]!;
        this.l2[c] = v;
        if (this.tr) this.trBit(this.tr.l2[c]!, v);
        if (v === 1) {
          this.groundUntil[c] = t + this.refrTicks;
          this.ctx.setTimer(1 + this.n + c, t + this.refrTicks, Prio.TIMER);
          this.counters.extra['refractory_periods'] = (this.counters.extra['refractory_periods'] ?? 0) + 1;
        }
      }
      this.refresh(c, t, rising);
      if (this.busy(c, t)) busy = true;
    }
    if (busy && !this.clockPending) this.ensureClock(t);
  }

  advance(t: Tick): void {
    for (let c = 0; c < this.n; c++) this.advanceDev(c, t);
  }

  read(name: string, c: number): number {
    const t = this.ctx.now;
    switch (name) {
      case 'v1': case 'v': return this.v1[c]!;
      case 'vd': return this.vd[c]!;
      case 'v2': return this.v2[c]!;
      case 's': case 'x': return this.dev.s[c]!;
      case 'on': return this.dev.on[c]!;
      case 'l1': return this.l1[c]!;
      case 'l2': return this.l2[c]!;
      case 'inhibit': return this.inh[c]! ? this.inhibitAmp : 0;
      case 'grounded': return this.groundUntil[c]! > t ? 1 : 0;
      case 'clk': return this.clkHigh(t) ? 1 : 0;
      case 'out': return this.l2[c] === 1 && this.clkHigh(t) ? this.spikeAmp : 0;
      default: return NaN;
    }
  }

  finish(t: Tick): void {
    for (let c = 0; c < this.n; c++) {
      if (this.activeSince[c]! >= 0) { this.counters.active_ticks += t - this.activeSince[c]!; this.activeSince[c] = t; }
    }
    this.counters.clock_edges = this.edgesUpTo(t) * this.n;
  }
}

/** Factory for kind 'ts_hybrid'. */
export function createTsHybrid(spec: ModelSpec): Model { return new TsHybrid(spec); }
