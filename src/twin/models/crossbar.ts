// crossbar: a memristive (1T1R) array read by voltage pulses on its rows; each column
// delivers the current sum_i V_i * G_ij into a virtual ground (the TIA), or, in voltage
// mode, its open-circuit voltage into a high-impedance node (S2's neuron node 1).
// Input: in-port 'in' (level, one per row: the row voltage); 'gates' (level, one per logical
//   column: the shared selector gate, S2: an lia output; a column whose gate is below
//   `v_gate_on` passes nothing; open until a message arrives); 'learn' (level, rows*cols:
//   channel k = row * cols + col, value = the cell's new conductance in S, absolute, from a
//   hebbian/stdp rule, applied verbatim to G+ (stuck cells ignore it; the static series
//   resistance still applies)); params (below, and: `output` current | voltage, `v_gate_on`
//   (default 0.7 V), `plastic` (declare the conductance traces g[k]), `reference`), weights.
// Output: out-port 'out' (level, one per logical column): `output = current` (default): the
//   net column current in A, with differential pairs I = sum_i V_i (G+_ij - G-_ij);
//   `output = voltage` (single-ended only): the column's open-circuit (Thevenin) voltage
//   V_oc = sum_i G_ij V_i / sum_i G_ij over every row (grounded rows load the column), 0
//   while the column's gate is closed. Emitted when it changes. read(): 'i' / 'v' (column),
//   'g+' / 'g-' (cell k, effective), 'gate', 'read_sigma+' / 'read_sigma-' (cell k's
//   relative read noise; 0 without read noise).
// Invariants: all static non-idealities are baked into one effective conductance table at
//   init (the same function serves the fused S1 macro, so both see identical devices); read
//   noise is drawn once per pulse and cell and the same sample is removed at the pulse's end
//   (a learning update during a pulse keeps the pulse's sample; the cell's new noise level
//   applies from its next pulse); no allocation per event.
//
// The device model, first order, each part switchable:
// - weights w in [-w_max, w_max] map to (G+, G-) = (g_min + |w|/w_max (g_max - g_min), g_min)
//   (swapped for w < 0); single-ended arrays use one device per weight against an ideal
//   reference column at (g_min + g_max)/2 (`reference = true`, default), or with
//   `reference = false` read it alone (I = sum_i V_i G_ij: S2, S3, S4), w in [0, w_max]
//   mapping to g_min + w/w_max (g_max - g_min) (negative weights clip to g_min);
// - `levels` >= 2 quantises each device to evenly spaced levels in [g_min, g_max];
// - stuck cells: a fraction `stuck_on` at g_max and `stuck_off` at g_min (drawn first);
// - programming error: G * exp(sigma N) (`program_dist = lognormal`) or G (1 + sigma N)
//   (`normal`), clamped to [g_min, g_max];
// - series resistance: selector on-resistance `r_on` (MOD and MOS) plus the wire segments
//   `r_wire` from the row driver (column 0 side) and to the TIA (last row side):
//   G_eff = G / (1 + G R_series) (IR drop without sneak paths);
// - MOS (memristor on the source): the cell cannot see more than v_gate - v_th_sel
//   (the source follows the gate minus a threshold), so V_cell = min(V, v_gate - v_th_sel);
// - read noise: each read multiplies each device by (1 + sigma_g N), with
//   sigma_g = read_sigma (g_max / g)^read_noise_exp (S4 Fig. 2D: the relative noise rises
//   toward low conductance; read_noise_exp = 0 keeps it flat), g the device's programmed
//   conductance without the series resistance, clamped to [g_min, g_max] (the window the
//   law describes); sigma_g is computed per device at init and after a learning update, so
//   a read costs one normal draw and one multiply-add as with flat noise;
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
  /** Exponent of the read-noise rise toward low conductance (0: flat). */
  readNoiseExp: number;
  tauLine: number; spikeWidth: number;
  /** Single-ended arrays: subtract an ideal reference column at (g_min + g_max) / 2. */
  reference: boolean;
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
    readSigma: p.num('read_sigma', 0), readNoiseExp: p.num('read_noise_exp', 0),
    tauLine: p.num('tau_line', 0), spikeWidth: p.num('spike_width', 0),
    reference: p.bool('reference', true),
  };
}

/**
 * Programmed device conductances: gp (and gn for differential arrays; the reference column
 * or 0 for single-ended ones), effective (series R applied); `stuck` marks stuck cells
 * (1 where G+ or G- is stuck).
 */
export interface Devices { gp: Float64Array; gn: Float64Array; gRef: number; stuck?: Uint8Array }

/** Programs one device toward `target`; u is its stuck draw (stuck when u < stuck_on + stuck_off). */
function program(d: DeviceParams, target: number, u: number, prog: RandomSource): number {
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

/** Resistance in series with the device at (row, physical column): selector and wires. */
function seriesR(d: DeviceParams, row: number, physCol: number): number {
  return d.rOn + d.rWire * (physCol + 1 + (d.rows - row));
}

/** Effective conductance of a device g at (row, physical column): selector and wires in series. */
export function series(d: DeviceParams, g: number, row: number, physCol: number): number {
  const r = seriesR(d, row, physCol);
  return r > 0 ? g / (1 + g * r) : g;
}

/** The device conductance behind an effective one (the inverse of `series`). */
function unseries(d: DeviceParams, ge: number, row: number, physCol: number): number {
  const r = seriesR(d, row, physCol);
  return r > 0 ? ge / (1 - ge * r) : ge;
}

/**
 * Relative read noise of a device of conductance g (without series resistance):
 * read_sigma (g_max / g)^read_noise_exp, g clamped to [g_min, g_max]; read_sigma itself
 * when the exponent is 0.
 */
export function readSigmaAt(d: DeviceParams, g: number): number {
  if (d.readNoiseExp === 0) return d.readSigma;
  const gc = g < d.gMin ? d.gMin : g > d.gMax ? d.gMax : g;
  return d.readSigma * Math.pow(d.gMax / gc, d.readNoiseExp);
}

/** Programs every device of a weight matrix (row-major rows x cols) with the given streams. */
export function programDevices(d: DeviceParams, weights: ArrayLike<number>, stuck: RandomSource, prog: RandomSource): Devices {
  const n = d.rows * d.cols, span = d.gMax - d.gMin;
  const gp = new Float64Array(n), gn = new Float64Array(n), st = new Uint8Array(n);
  const gRef = d.differential || d.reference ? (d.gMin + d.gMax) / 2 : 0;
  for (let i = 0; i < d.rows; i++) {
    for (let j = 0; j < d.cols; j++) {
      const k = i * d.cols + j;
      const w = Math.max(-d.wMax, Math.min(d.wMax, weights[k] ?? 0));
      if (d.differential) {
        const hi = d.gMin + (Math.abs(w) / d.wMax) * span;
        const tp = w >= 0 ? hi : d.gMin, tn = w >= 0 ? d.gMin : hi;
        const up = stuck.uniform();
        gp[k] = series(d, program(d, tp, up, prog), i, 2 * j);
        const un = stuck.uniform();
        gn[k] = series(d, program(d, tn, un, prog), i, 2 * j + 1);
        st[k] = up < d.stuckOn + d.stuckOff || un < d.stuckOn + d.stuckOff ? 1 : 0;
      } else {
        const target = d.reference ? d.gMin + ((w + d.wMax) / (2 * d.wMax)) * span : d.gMin + (Math.max(0, w) / d.wMax) * span;
        const u = stuck.uniform();
        gp[k] = series(d, program(d, target, u, prog), i, j);
        st[k] = u < d.stuckOn + d.stuckOff ? 1 : 0;
        gn[k] = gRef;
      }
    }
  }
  return { gp, gn, gRef, stuck: st };
}

/** The voltage a cell sees for a row voltage v (MOS clamps at v_gate - v_th_sel). */
export function cellVoltage(d: DeviceParams, v: number): number {
  if (d.config === 'MOS') { const m = d.vGate - d.vThSel; return v > m ? m : v < -m ? -m : v; }
  return v;
}

const IN = 0, OUT = 1, GATES = 2, LEARN = 3;

export class Crossbar implements Model {
  readonly ports: readonly PortDecl[];
  readonly counters = new Counters();
  readonly dev: DeviceParams;
  /** Output mode: the column's open-circuit voltage instead of its current. */
  readonly voltage: boolean;
  /** Gate level that turns a column's selectors on. */
  readonly vGateOn: number;
  /** Something drives the learn port: trace the conductances `g[k]`. */
  readonly plastic: boolean;
  devices!: Devices;
  /** Net effective conductance per logical cell, row-major (gp - gn), with spike-width factor. */
  wnet!: Float64Array;
  private weights: readonly number[];
  private ctx!: ModelContext;
  private readRng: RandomSource | null = null;
  private readonly current: Float64Array;  // per column: the ungated output (current or V_oc)
  private readonly rowV: Float64Array;
  private readonly rowStart: Float64Array;
  private readonly contrib: Float64Array; // per row and column: what the active pulse added
  private readonly gateOpen: Uint8Array;
  private nfp: Float64Array | null = null; // read-noise factors of the active pulse per cell (G+)
  private nfn: Float64Array | null = null; // (G-, differential arrays)
  private sp: Float64Array | null = null;  // read-noise sigma per cell (G+), readSigmaAt
  private sn: Float64Array | null = null;  // (G-, differential arrays)
  private eta = 1;
  private trace: Int32Array | null = null;
  private gTrace: Int32Array | null = null;

  constructor(readonly spec: ModelSpec) {
    const p = spec.params;
    this.dev = deviceParams(p, spec.shape);
    const { rows, cols } = this.dev;
    this.weights = p.has('weights') ? p.list('weights') : [];
    const mode = p.str('output', 'current');
    if (mode !== 'current' && mode !== 'voltage') throw new Error(`twin: ${spec.path}: output must be current or voltage`);
    this.voltage = mode === 'voltage';
    if (this.voltage && this.dev.differential) throw new Error(`twin: ${spec.path}: voltage output needs a single-ended array`);
    this.vGateOn = p.num('v_gate_on', 0.7);
    this.plastic = p.bool('plastic', false);
    this.ports = [
      { name: 'in', dir: 'in', width: rows, signal: 'level' },
      { name: 'out', dir: 'out', width: cols, signal: 'level' },
      { name: 'gates', dir: 'in', width: cols, signal: 'level' },
      { name: 'learn', dir: 'in', width: rows * cols, signal: 'level' },
    ];
    this.current = new Float64Array(cols);
    this.rowV = new Float64Array(rows);
    this.rowStart = new Float64Array(rows);
    this.contrib = new Float64Array(rows * cols);
    this.gateOpen = new Uint8Array(cols).fill(1);
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
    if (d.readSigma > 0) {
      this.readRng = ctx.rng('read');
      this.nfp = new Float64Array(n).fill(1);
      this.nfn = new Float64Array(n).fill(1);
      this.sp = new Float64Array(n);
      this.sn = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        const i = Math.floor(k / d.cols), j = k - i * d.cols;
        this.sp[k] = readSigmaAt(d, unseries(d, this.devices.gp[k]!, i, d.differential ? 2 * j : j));
        this.sn[k] = d.differential ? readSigmaAt(d, unseries(d, this.devices.gn[k]!, i, 2 * j + 1)) : 0;
      }
    }
    const hs = new Int32Array(d.cols);
    let any = false;
    for (let j = 0; j < d.cols; j++) { hs[j] = ctx.declare(this.voltage ? 'v' : 'i', 'real', { ch: j }); if (hs[j]! >= 0) any = true; }
    this.trace = any ? hs : null;
    if (this.plastic) {
      const gs = new Int32Array(n);
      let anyG = false;
      for (let k = 0; k < n; k++) { gs[k] = ctx.declare('g', 'real', { ch: k, init: this.devices.gp[k]! }); if (gs[k]! >= 0) anyG = true; }
      this.gTrace = anyG ? gs : null;
    }
  }

  input(port: number, ch: number, v: number, t: Tick): void {
    if (port === IN) this.row(ch, v, t);
    else if (port === GATES) this.gate(ch, v);
    else if (port === LEARN) this.learn(ch, v);
  }

  private row(row: number, v: number, t: Tick): void {
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
      let open = cols;
      for (let j = 0; j < cols; j++) if (this.gateOpen[j] === 0) open--;
      this.counters.synaptic_ops += open;
      this.counters.extra['cell_reads'] = (this.counters.extra['cell_reads'] ?? 0) + open * (d.differential ? 2 : 1);
    }
    const rng = this.readRng, gp = this.devices.gp, gn = this.devices.gn, wnet = this.wnet;
    if (this.voltage) {
      if (rng) {
        const nf = this.nfp!, sp = this.sp!;
        for (let j = 0; j < cols; j++) nf[base + j] = v === 0 ? 1 : 1 + sp[base + j]! * rng.normal();
      }
      for (let k = base; k < base + cols; k++) contrib[k] = v === 0 ? 0 : vc * this.eta;
      for (let j = 0; j < cols; j++) this.column(j);
      return;
    }
    for (let j = 0; j < cols; j++) {
      const k = base + j;
      let add: number;
      if (v === 0) {
        add = 0;
        if (rng) { this.nfp![k] = 1; this.nfn![k] = 1; }
      } else if (rng) {
        const fp = 1 + this.sp![k]! * rng.normal(), fn = d.differential ? 1 + this.sn![k]! * rng.normal() : 1;
        this.nfp![k] = fp; this.nfn![k] = fn;
        add = vc * this.eta * (gp[k]! * fp - gn[k]! * fn);
      } else add = vc * wnet[k]!;
      cur[j] = cur[j]! - contrib[k]! + add;
      contrib[k] = add;
      this.out(j);
    }
  }

  /** Voltage mode: recompute column j's open-circuit voltage (contrib holds each row's drive). */
  private column(j: number): void {
    const d = this.dev, cols = d.cols, gp = this.devices.gp, nf = this.nfp, contrib = this.contrib;
    let num = 0, den = 0;
    for (let k = j; k < d.rows * cols; k += cols) {
      const g = nf ? gp[k]! * nf[k]! : gp[k]!;
      num += g * contrib[k]!;
      den += g;
    }
    const vOc = den > 0 ? num / den : 0;
    if (vOc === this.current[j]) return;
    this.current[j] = vOc;
    if (this.gateOpen[j] === 1) this.out(j);
  }

  /** Emit column j's output (0 while its gate is closed). */
  private out(j: number): void {
    const y = this.gateOpen[j] === 1 ? this.current[j]! : 0;
    this.ctx.emit(OUT, j, y);
    if (this.trace && this.trace[j]! >= 0) this.ctx.real(this.trace[j]!, y);
  }

  private gate(j: number, v: number): void {
    const open = v >= this.vGateOn ? 1 : 0;
    if (open === this.gateOpen[j]) return;
    this.gateOpen[j] = open;
    this.counters.extra['gate_changes'] = (this.counters.extra['gate_changes'] ?? 0) + 1;
    this.out(j);
  }

  /** A learning rule sets cell k's device (G+) to conductance g (S). */
  private learn(k: number, g: number): void {
    const d = this.dev, dv = this.devices;
    if (dv.stuck && dv.stuck[k] === 1) return;
    const i = Math.floor(k / d.cols), j = k - i * d.cols;
    dv.gp[k] = series(d, g, i, d.differential ? 2 * j : j);
    this.wnet[k] = (dv.gp[k]! - dv.gn[k]!) * this.eta;
    if (this.sp) this.sp[k] = readSigmaAt(d, g);
    this.counters.extra['cell_updates'] = (this.counters.extra['cell_updates'] ?? 0) + 1;
    if (this.gTrace && this.gTrace[k]! >= 0) this.ctx.real(this.gTrace[k]!, dv.gp[k]!);
    if (this.voltage) { this.column(j); return; }
    const v = this.rowV[i]!;
    if (v === 0) return;
    const vc = cellVoltage(d, v);
    const add = this.nfp ? vc * this.eta * (dv.gp[k]! * this.nfp[k]! - dv.gn[k]! * this.nfn![k]!) : vc * this.wnet[k]!;
    this.current[j] = this.current[j]! - this.contrib[k]! + add;
    this.contrib[k] = add;
    this.out(j);
  }

  /**
   * The programmed device conductances G+ (row-major), without the series resistance: what a
   * learning rule's copy starts from (after init).
   */
  deviceConductances(): Float64Array {
    const d = this.dev, gp = this.devices.gp, out = new Float64Array(gp.length);
    for (let k = 0; k < gp.length; k++) {
      const i = Math.floor(k / d.cols), j = k - i * d.cols;
      out[k] = unseries(d, gp[k]!, i, d.differential ? 2 * j : j);
    }
    return out;
  }

  timer(): void {}
  advance(): void {}

  read(name: string, ch: number): number {
    if (name === 'i' || name === 'current' || name === 'v') return this.gateOpen[ch] === 1 ? this.current[ch]! : 0;
    if (name === 'g+' || name === 'gp' || name === 'g') return this.devices.gp[ch]!;
    if (name === 'g-' || name === 'gn') return this.devices.gn[ch]!;
    if (name === 'gate') return this.gateOpen[ch]!;
    if (name === 'read_sigma' || name === 'read_sigma+') return this.sp ? this.sp[ch]! : 0;
    if (name === 'read_sigma-') return this.sn ? this.sn[ch]! : 0;
    return NaN;
  }

  finish(t: Tick): void {
    for (let i = 0; i < this.dev.rows; i++) {
      if (this.rowV[i] !== 0) { this.counters.active_ticks += t - this.rowStart[i]!; this.rowStart[i] = t; }
    }
  }
}
