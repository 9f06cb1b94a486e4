// lia: S2's lateral-inhibition array for n winner-take-all neurons: an n x (n+1) RS array
// (rows: the n inhibition inputs and one bias row at v_bias; columns: one per neuron) read
// by n comparators against v_ref.
// Input: in-port 'in' (level, V, one per neuron: its L1 OR L2 signal, S2: "1" = 1.5 V);
//   params v_bias, v_ref, v_gate_high, v_gate_low, g_on, g_off, delay (s).
// Output: out-port 'out' (level, one per neuron: the gate L_G: v_gate_high when enabled,
//   v_gate_low when inhibited), emitted at init and on every change, `delay` after the input.
// Invariants and model: programmed conductances G_ij = g_on for i != j (an inhibiting
//   connection), G_jj = g_off, bias row G_bj = g_off. Each column is a floating node read by a
//   high-impedance comparator input, so its voltage is the conductance-weighted mean of the
//   row voltages: V_j = (sum_i G_ij V_i + G_bj v_bias) / (sum_i G_ij + G_bj). The comparator's
//   positive input is the reference: L_G_j high iff V_j < v_ref. With S2's values (n = 10,
//   980 / 42 uS, 1.5 V, 50 mV): no input high -> V_j = 7 mV, every gate high; neuron i high
//   -> V_i = 14 mV (its gate stays high), V_j = 172 mV for j != i (gates low). With the
//   default conductances the truth table needs n >= 4: the winner's own column is
//   2 v g_off / ((n-1) g_on + 2 g_off) (62 mV for n = 3) and the idle columns
//   v_bias g_off / ((n-1) g_on + 2 g_off) (59 mV for n = 2). Inputs are analog (volts);
//   v_in_high is the nominal "1" level. The `device` reference is not used (ideal g_on/g_off).
//   One column update per input change is O(n); no allocation per event.
// Counters: input_pulses (rising inputs), active_ticks (n comparators biased for the whole
//   run), extra.gate_changes.
import { Counters, Prio, type Model, type ModelContext, type ModelSpec, type PortDecl, type Tick } from '../model.js';

export class Lia implements Model {
  readonly ports: readonly PortDecl[];
  readonly counters = new Counters();
  readonly n: number;
  readonly vBias: number; readonly vRef: number; readonly vHigh: number; readonly vLow: number;
  readonly gOn: number; readonly gOff: number; readonly delay: number; readonly vInHigh: number;
  private ctx!: ModelContext;
  private delayTicks = 0;
  private readonly vin: Float64Array;
  private readonly num: Float64Array;   // sum_i G_ij V_i + G_bj v_bias, per column
  private readonly den: Float64Array;   // sum_i G_ij + G_bj, per column
  private readonly gate: Uint8Array;
  private trace: Int32Array | null = null;

  constructor(readonly spec: ModelSpec) {
    const p = spec.params;
    const n = spec.shape.length > 0 ? spec.shape.reduce((a, b) => a * b, 1) : 1;
    this.n = n;
    this.vBias = p.num('v_bias', 1.5);
    this.vRef = p.num('v_ref', 50e-3);
    this.vInHigh = p.num('v_in_high', 1.5);
    this.vHigh = p.num('v_gate_high', 3);
    this.vLow = p.num('v_gate_low', 0);
    this.gOn = p.num('g_on', 980e-6);
    this.gOff = p.num('g_off', 42e-6);
    this.delay = p.num('delay', 0);
    this.ports = [
      { name: 'in', dir: 'in', width: n, signal: 'level' },
      { name: 'out', dir: 'out', width: n, signal: 'level' },
    ];
    this.vin = new Float64Array(n);
    this.num = new Float64Array(n).fill(this.gOff * this.vBias);
    this.den = new Float64Array(n).fill((n - 1) * this.gOn + 2 * this.gOff);
    this.gate = new Uint8Array(n);
  }

  /** Conductance from inhibition row i to column j. */
  conductance(i: number, j: number): number { return i === j ? this.gOff : this.gOn; }

  /** Column voltage j (at the comparator's negative input). */
  columnVoltage(j: number): number { return this.num[j]! / this.den[j]!; }

  init(ctx: ModelContext): void {
    this.ctx = ctx;
    this.delayTicks = ctx.ticks(this.delay);
    const hs = new Int32Array(this.n);
    let any = false;
    for (let j = 0; j < this.n; j++) {
      this.gate[j] = this.columnVoltage(j) < this.vRef ? 1 : 0;
      const v = this.gate[j] ? this.vHigh : this.vLow;
      hs[j] = ctx.declare('gate', 'real', this.n > 1 ? { ch: j, init: v } : { init: v });
      if (hs[j]! >= 0) any = true;
    }
    this.trace = any ? hs : null;
    for (let j = 0; j < this.n; j++) this.out(j, 0, false);
  }

  private out(j: number, t: Tick, trace = true): void {
    const v = this.gate[j] ? this.vHigh : this.vLow;
    if (this.delayTicks > 0) this.ctx.emitAt(1, j, v, t + this.delayTicks, Prio.LEVEL);
    else this.ctx.emit(1, j, v);
    if (trace && this.trace && this.trace[j]! >= 0) this.ctx.real(this.trace[j]!, v);
  }

  input(_port: number, i: number, value: number, t: Tick): void {
    const old = this.vin[i]!;
    if (value === old) return;
    if (value > 0 && !(old > 0)) this.counters.input_pulses++;
    this.vin[i] = value;
    const dv = value - old, n = this.n;
    for (let j = 0; j < n; j++) {
      this.num[j] = this.num[j]! + (i === j ? this.gOff : this.gOn) * dv;
      const g = this.num[j]! / this.den[j]! < this.vRef ? 1 : 0;
      if (g !== this.gate[j]) {
        this.gate[j] = g;
        this.counters.extra['gate_changes'] = (this.counters.extra['gate_changes'] ?? 0) + 1;
        this.out(j, t);
      }
    }
  }

  timer(): void {}
  advance(): void {}

  read(name: string, ch: number): number {
    if (name === 'gate' || name === 'out') return this.gate[ch] ? this.vHigh : this.vLow;
    if (name === 'v_col' || name === 'v') return this.columnVoltage(ch);
    return NaN;
  }

  finish(t: Tick): void { this.counters.active_ticks = this.n * t; }
}

/** Factory for kind 'lia'. */
export function createLia(spec: ModelSpec): Model { return new Lia(spec); }
