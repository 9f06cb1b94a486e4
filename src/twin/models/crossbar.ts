// crossbar: a memristive (1T1R) array read by voltage pulses on its rows; each column
// delivers the current sum_i V_i * G_ij into a virtual ground (the TIA).
// Input: in-port 'in' (level, one per row: the row voltage), params (below), weights.
// Output: out-port 'out' (level, one per logical column: the net column current in A;
//   with differential pairs I = sum_i V_i (G+_ij - G-_ij)).
// Invariants: all static non-idealities are baked into one effective conductance table at
//   init (the same function serves the fused S1 macro, so both see identical devices); read
//   noise is drawn once per pulse and cell and the same sample is removed at the pulse's end.
//
// The device model, first order, each part switchable:
// - weights w in [-w_max, w_max] map to (G+, G-) = (g_min + |w|/w_max (g_max - g_min), g_min)
//   (swapped for w < 0); single-ended arrays use one device per weight against an ideal
//   reference column at (g_min + g_max)/2;
// - `levels` >= 2 quantises each device to evenly spaced levels in [g_min, g_max];
// - stuck cells: a fraction `stuck_on` at g_max and `stuck_off` at g_min (drawn first);
// - programming error: G * exp(sigma N) (`program_dist = lognormal`) or G (1 + sigma N)
//   (`normal`), clamped to [g_min, g_max];
// - series resistance: selector on-resistance `r_on` (MOD and MOS) plus the wire segments
//   `r_wire` from the row driver (column 0 side) and to the TIA (last row side):
//   G_eff = G / (1 + G R_series) (IR drop without sneak paths);
// - MOS (memristor on the source): the cell cannot see more than v_gate - v_th_sel
//   (the source follows the gate minus a threshold), so V_cell = min(V, v_gate - v_th_sel);
// - read noise: each read multiplies each device by (1 + read_sigma N);
// - spike-width attenuation (S1, Fig. S11): the row line is a first-order RC (tau_line)
//   driven by a pulse of width Tw; the selector conducts only inside the pulse window and at
//   its end the driver discharges the line (whose resistance is far below the cells'), so
//   the charge a cell passes is G V [Tw - tau (1 - e^{-Tw/tau})] = G V Tw * chargeFactor.
//   The twin keeps the pulse rectangular with its amplitude scaled by chargeFactor(Tw, tau)
//   (exact charge; the shape error is O(tau_line / tau_kernel)). The peak of the column
//   voltage falls as peakFactor = 1 - e^{-Tw/tau}, the attenuation S1 plots for Vin.
import { Counters, type Model, type ModelContext, type ModelSpec, type Params, type PortDecl, type RandomSource, type Tick } from '../model.js';

/** Fraction of the ideal charge G V Tw a gated RC row line passes (see above). */
export function chargeFactor(tw: number, tau: number): number {
  if (!(tau > 0)) return 1;
  const r = tw / tau;
  // 1 - (1 - e^{-r}) / r, written to stay accurate for small r.
  if (r < 1e-4) return r / 2 - (r * r) / 6;
  return 1 + Math.expm1(-r) / r;
}

/** Peak of a first-order RC driven by a pulse of width tw, relative to the pulse amplitude. */
export function peakFactor(tw: number, tau: number): number {
  return tau > 0 ? -Math.expm1(-tw / tau) : 1;
}

export interface DeviceParams {
  rows: number; cols: number;
  differential: boolean;
  gMin: number; gMax: number; levels: number; wMax: number;
  programSigma: number; programDist: string;
  stuckOn: number; stuckOff: number;
  rWire: number; rOn: number;
  config: string; vGate: number; vThSel: number;
  readSigma: number;
  tauLine: number; spikeWidth: number;
}

export function deviceParams(p: Params, shape: readonly number[]): DeviceParams {
  const rows = shape[0] ?? p.num('rows'), cols = shape[1] ?? p.num('cols');
  const weights = p.has('weights') ? p.list('weights') : [];
  let wmax = 0;
  for (const w of weights) wmax = Math.max(wmax, Math.abs(w));
  return {
    rows, cols,
    differential: p.bool('differential', true),
    gMin: p.num('g_min'), gMax: p.num('g_max'),
    levels: p.num('levels', 0),
    wMax: p.num('w_max', wmax > 0 ? wmax : 1),
    programSigma: p.num('program_sigma', 0), programDist: p.enumv('program_dist', 'lognormal'),
    stuckOn: p.num('stuck_on', 0), stuckOff: p.num('stuck_off', 0),
    rWire: p.num('r_wire', 0), rOn: p.num('r_on', 0),
    config: p.enumv('config', 'MOD'), vGate: p.num('v_gate', Infinity), vThSel: p.num('v_th_sel', 0),
    readSigma: p.num('read_sigma', 0),
    tauLine: p.num('tau_line', 0), spikeWidth: p.num('spike_width', 0),
  };
}

/** Programmed device conductances: gp (and gn for differential arrays), effective (series R applied). */
export interface Devices { gp: Float64Array; gn: Float64Array; gRef: number }

function program(d: DeviceParams, target: number, stuck: RandomSource, prog: RandomSource): number {
  const u = stuck.uniform();
  if (u < d.stuckOn) return d.gMax;
  if (u < d.stuckOn + d.stuckOff) return d.gMin;
  let g = target;
  if (d.levels >= 2) {
    const step = (d.gMax - d.gMin) / (d.levels - 1);
    g = d.gMin + Math.round((g - d.gMin) / step) * step;
  }
  if (d.programSigma > 0) {
    const n = prog.normal();
    g = d.programDist === 'normal' ? g * (1 + d.programSigma * n) : g * Math.exp(d.programSigma * n);
    g = Math.min(d.gMax, Math.max(d.gMin, g));
  }
  return g;
}

function series(d: DeviceParams, g: number, row: number, physCol: number): number {
  const r = d.rOn + d.rWire * (physCol + 1 + (d.rows - row));
  return r > 0 ? g / (1 + g * r) : g;
}

/** Programs every device of a weight matrix (row-major rows x cols) with the given streams. */
export function programDevices(d: DeviceParams, weights: ArrayLike<number>, stuck: RandomSource, prog: RandomSource): Devices {
  const n = d.rows * d.cols, span = d.gMax - d.gMin;
  const gp = new Float64Array(n), gn = new Float64Array(n);
  const gRef = (d.gMin + d.gMax) / 2;
  for (let i = 0; i < d.rows; i++) {
    for (let j = 0; j < d.cols; j++) {
      const k = i * d.cols + j;
      const w = Math.max(-d.wMax, Math.min(d.wMax, weights[k] ?? 0));
      if (d.differential) {
        const hi = d.gMin + (Math.abs(w) / d.wMax) * span;
        const tp = w >= 0 ? hi : d.gMin, tn = w >= 0 ? d.gMin : hi;
        gp[k] = series(d, program(d, tp, stuck, prog), i, 2 * j);
        gn[k] = series(d, program(d, tn, stuck, prog), i, 2 * j + 1);
      } else {
        gp[k] = series(d, program(d, d.gMin + ((w + d.wMax) / (2 * d.wMax)) * span, stuck, prog), i, j);
        gn[k] = gRef;
      }
    }
  }
  return { gp, gn, gRef };
}

/** The voltage a cell sees for a row voltage v (MOS clamps at v_gate - v_th_sel). */
export function cellVoltage(d: DeviceParams, v: number): number {
  if (d.config === 'MOS') { const m = d.vGate - d.vThSel; return v > m ? m : v < -m ? -m : v; }
  return v;
}

export class Crossbar implements Model {
  readonly ports: readonly PortDecl[];
  readonly counters = new Counters();
  readonly dev: DeviceParams;
  devices!: Devices;
  /** Net effective conductance per logical cell, row-major (gp - gn), with spike-width factor. */
  wnet!: Float64Array;
  private weights: readonly number[];
  private ctx!: ModelContext;
  private readRng: RandomSource | null = null;
  private readonly current: Float64Array;
  private readonly rowV: Float64Array;
  private readonly rowStart: Float64Array;
  private readonly contrib: Float64Array; // per row and column: what the active pulse added
  private eta = 1;
  private trace: Int32Array | null = null;

  constructor(readonly spec: ModelSpec) {
    this.dev = deviceParams(spec.params, spec.shape);
    const { rows, cols } = this.dev;
    this.weights = spec.params.has('weights') ? spec.params.list('weights') : [];
    this.ports = [
      { name: 'in', dir: 'in', width: rows, signal: 'level' },
      { name: 'out', dir: 'out', width: cols, signal: 'level' },
    ];
    this.current = new Float64Array(cols);
    this.rowV = new Float64Array(rows);
    this.rowStart = new Float64Array(rows);
    this.contrib = new Float64Array(rows * cols);
  }

  /** Replace the weights before init (tests, weight import). */
  setWeights(w: ArrayLike<number>): void { this.weights = Array.from(w); }

  init(ctx: ModelContext): void {
    this.ctx = ctx;
    const d = this.dev;
    this.devices = programDevices(d, this.weights, ctx.rng('stuck'), ctx.rng('program'));
    this.eta = d.spikeWidth > 0 ? chargeFactor(d.spikeWidth, d.tauLine) : 1;
    const n = d.rows * d.cols;
    this.wnet = new Float64Array(n);
    for (let k = 0; k < n; k++) this.wnet[k] = (this.devices.gp[k]! - this.devices.gn[k]!) * this.eta;
    if (d.readSigma > 0) this.readRng = ctx.rng('read');
    const hs = new Int32Array(d.cols);
    let any = false;
    for (let j = 0; j < d.cols; j++) { hs[j] = ctx.declare('i', 'real', { ch: j }); if (hs[j]! >= 0) any = true; }
    this.trace = any ? hs : null;
  }

  input(_port: number, row: number, v: number, t: Tick): void {
    const d = this.dev, cols = d.cols, base = row * cols;
    const old = this.rowV[row]!;
    if (v === old) return;
    const vc = cellVoltage(d, v);
    this.rowV[row] = v;
    const cur = this.current, contrib = this.contrib;
    if (old !== 0) this.counters.active_ticks += t - this.rowStart[row]!;
    if (v !== 0) {
      this.rowStart[row] = t;
      this.counters.input_pulses++;
      this.counters.synaptic_ops += cols;
      this.counters.extra['cell_reads'] = (this.counters.extra['cell_reads'] ?? 0) + cols * (d.differential ? 2 : 1);
    }
    const rng = this.readRng, gp = this.devices.gp, gn = this.devices.gn, wnet = this.wnet;
    for (let j = 0; j < cols; j++) {
      const k = base + j;
      let add: number;
      if (v === 0) add = 0;
      else if (rng) {
        const s = d.readSigma;
        add = vc * this.eta * (gp[k]! * (1 + s * rng.normal()) - gn[k]! * (d.differential ? 1 + s * rng.normal() : 1));
      } else add = vc * wnet[k]!;
      cur[j] = cur[j]! - contrib[k]! + add;
      contrib[k] = add;
      this.ctx.emit(1, j, cur[j]!);
      if (this.trace && this.trace[j]! >= 0) this.ctx.real(this.trace[j]!, cur[j]!);
    }
  }

  timer(): void {}
  advance(): void {}

  read(name: string, ch: number): number {
    if (name === 'i' || name === 'current') return this.current[ch]!;
    if (name === 'g+' || name === 'gp') return this.devices.gp[ch]!;
    if (name === 'g-' || name === 'gn') return this.devices.gn[ch]!;
    return NaN;
  }

  finish(t: Tick): void {
    for (let i = 0; i < this.dev.rows; i++) {
      if (this.rowV[i] !== 0) { this.counters.active_ticks += t - this.rowStart[i]!; this.rowStart[i] = t; }
    }
  }
}
