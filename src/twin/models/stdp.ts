// stdp: pair-based spike-timing-dependent plasticity with exponential traces (Song, Miller
// and Abbott 2000), all-to-all pairing, on a rows x cols array of device conductances.
// Input: in-port 'pre' (spike, one per row), 'post' (spike, one per column); params a_plus,
//   a_minus (fractions of the window g_max - g_min), tau_plus, tau_minus (s, hardware time:
//   already divided by the timescale), bound (hard | soft), g_min, g_max (null: the device's,
//   read as `device.g_min` / bare names, else the rram defaults), nonlinearity (null: the
//   device's, else 0), noise; optional g_init (see s2-learn.ts; default mid-window).
// Output: 'update' (level, rows*cols: new conductances, see s2-learn.ts).
// Invariants and model: pre trace x_i and post trace y_j jump by 1 at each spike and decay
//   as exp(-dt / tau_plus) and exp(-dt / tau_minus), evaluated lazily (exact, no step). At a
//   post spike of j every cell (i, j) is potentiated by a_plus x_i(t); at a pre spike of i
//   every cell (i, j) is depressed by a_minus y_j(t) (each trace read before its own jump),
//   so one pair at distance dt = t_post - t_pre changes g by
//     +a_plus exp(-dt / tau_plus) W (dt >= 0),   -a_minus exp(dt / tau_minus) W (dt < 0)
//   with W = g_max - g_min (hard bounds; spikes of the same tick pair in arrival order).
//   Step of size A (A = a trace):  hard: A W, clipped to [g_min, g_max];
//   soft: A (g_max - g) up, A (g - g_min) down; nonlinearity nu shrinks a step by
//   exp(-nu (g - g_min) / W) up and exp(-nu (g_max - g) / W) down (the device's rule);
//   programming noise multiplies a step by (1 + noise N(0, 1)). Traces below 1e-12 (after
//   about 28 time constants) are treated as 0. No allocation per event.
//   Level sources work too: only positive messages count (a rising level is a spike).
// Counters: input_pulses (pre spikes), programming_pulses (one per programmed cell),
//   extra.potentiations, extra.depressions.
import { Counters, type Model, type ModelContext, type ModelSpec, type PortDecl, type RandomSource, type Tick } from '../model.js';
import { ConductanceMirror } from './s2-learn.js';
import { refNum } from './ts-device.js';

const PRE = 0, POST = 1, UPDATE = 2;
const TRACE_EPS = 1e-12;

export class Stdp implements Model {
  readonly ports: readonly PortDecl[];
  readonly counters = new Counters();
  readonly rows: number; readonly cols: number;
  readonly aPlus: number; readonly aMinus: number; readonly tauPlus: number; readonly tauMinus: number;
  readonly soft: boolean; readonly gMin: number; readonly gMax: number; readonly nu: number; readonly noise: number;
  readonly mirror: ConductanceMirror;
  private ctx!: ModelContext;
  private rng: RandomSource | null = null;
  private readonly x: Float64Array; private readonly tx: Float64Array;
  private readonly y: Float64Array; private readonly ty: Float64Array;
  private nPot = 0; private nDep = 0;

  constructor(readonly spec: ModelSpec) {
    const p = spec.params;
    const rows = spec.shape[0] ?? 1, cols = spec.shape[1] ?? 1;
    this.rows = rows; this.cols = cols;
    this.aPlus = p.num('a_plus', 0.005);
    this.aMinus = p.num('a_minus', 0.00525);
    this.tauPlus = p.num('tau_plus', 20e-3);
    this.tauMinus = p.num('tau_minus', 20e-3);
    this.soft = p.enumv('bound', 'hard') === 'soft';
    this.gMin = refNum(p, 'device', 'rram', 'g_min');
    this.gMax = refNum(p, 'device', 'rram', 'g_max');
    this.nu = refNum(p, 'device', 'rram', 'nonlinearity');
    this.noise = p.num('noise', 0);
    if (!(this.gMax > this.gMin)) throw new Error(`twin: ${spec.path}: g_max must exceed g_min`);
    this.mirror = new ConductanceMirror(rows, cols, p, 0.5 * (this.gMin + this.gMax));
    this.ports = [
      { name: 'pre', dir: 'in', width: rows, signal: 'spike' },
      { name: 'post', dir: 'in', width: cols, signal: 'spike' },
      { name: 'update', dir: 'out', width: rows * cols, signal: 'level' },
    ];
    this.x = new Float64Array(rows); this.tx = new Float64Array(rows);
    this.y = new Float64Array(cols); this.ty = new Float64Array(cols);
  }

  /** Set the starting conductances (row-major) before the run, e.g. from the crossbar. */
  setConductances(g: ArrayLike<number>): void { this.mirror.set(g); }

  init(ctx: ModelContext): void {
    this.ctx = ctx;
    this.mirror.declare(ctx);
    if (this.noise > 0) this.rng = ctx.rng('program');
  }

  /** New conductance after a step of relative amplitude A (up or down) from g. */
  step(g: number, A: number, up: boolean): number {
    const W = this.gMax - this.gMin;
    let d = this.soft ? A * (up ? this.gMax - g : g - this.gMin) : A * W;
    if (this.nu > 0) d *= Math.exp(-this.nu * (up ? g - this.gMin : this.gMax - g) / W);
    if (this.rng) d *= 1 + this.noise * this.rng.normal();
    let g1 = up ? g + d : g - d;
    if (g1 > this.gMax) g1 = this.gMax; else if (g1 < this.gMin) g1 = this.gMin;
    return g1;
  }

  input(port: number, ch: number, value: number, t: Tick): void {
    if (!(value > 0)) return;
    const g = this.mirror.g, cols = this.cols;
    if (port === PRE) {
      this.counters.input_pulses++;
      const base = ch * cols;
      for (let j = 0; j < cols; j++) {
        const yj = this.y[j]!;
        if (yj === 0) continue;
        const tr = yj * Math.exp(-this.ctx.seconds(t - this.ty[j]!) / this.tauMinus);
        if (tr < TRACE_EPS) continue;
        this.program(base + j, g[base + j]!, this.aMinus * tr, false);
      }
      this.x[ch] = this.x[ch]! * Math.exp(-this.ctx.seconds(t - this.tx[ch]!) / this.tauPlus) + 1;
      this.tx[ch] = t;
    } else if (port === POST) {
      for (let i = 0; i < this.rows; i++) {
        const xi = this.x[i]!;
        if (xi === 0) continue;
        const tr = xi * Math.exp(-this.ctx.seconds(t - this.tx[i]!) / this.tauPlus);
        if (tr < TRACE_EPS) continue;
        this.program(i * cols + ch, g[i * cols + ch]!, this.aPlus * tr, true);
      }
      this.y[ch] = this.y[ch]! * Math.exp(-this.ctx.seconds(t - this.ty[ch]!) / this.tauMinus) + 1;
      this.ty[ch] = t;
    }
  }

  private program(k: number, g0: number, A: number, up: boolean): void {
    const g1 = this.step(g0, A, up);
    this.counters.programming_pulses++;
    if (up) this.counters.extra['potentiations'] = ++this.nPot;
    else this.counters.extra['depressions'] = ++this.nDep;
    if (g1 !== g0) this.mirror.send(this.ctx, UPDATE, k, g1);
  }

  timer(): void {}
  advance(): void {}

  read(name: string, ch: number): number {
    const t = this.ctx.now;
    if (name === 'g') return this.mirror.g[ch]!;
    if (name === 'x') return this.x[ch]! * Math.exp(-this.ctx.seconds(t - this.tx[ch]!) / this.tauPlus);
    if (name === 'y') return this.y[ch]! * Math.exp(-this.ctx.seconds(t - this.ty[ch]!) / this.tauMinus);
    return NaN;
  }

  finish(): void {}
}

/** Factory for kind 'stdp'. */
export function createStdp(spec: ModelSpec): Model { return new Stdp(spec); }
