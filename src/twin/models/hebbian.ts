// hebbian: S2's in-situ Hebbian rule through the hybrid neuron. When post neuron j fires,
// every synapse (i, j) whose input i is active is potentiated toward g_high (node 1
// grounded by L2/T1: the input pulse lies across the cell) and every synapse whose input is
// zero is depressed toward g_low (node 1 lifted by L1/T3, the grounded input below it).
// Input: in-port 'pre' (level, V, one per row: the input pulses), 'post' (spike, one per
//   column: the neuron's fire events, e.g. ts_hybrid.out); params g_high, g_low,
//   rate_potentiate, rate_depress, noise, pulse_width, v_potentiate, v_depress, supervised;
//   optional g_init (see s2-learn.ts).
// Output: 'update' (level, rows*cols: new conductances, see s2-learn.ts).
// Invariants and model: per fire event and cell, soft-bounded exponential approach
//   g <- g + r (target - g) (1 + noise N(0,1)), r = rate_potentiate or rate_depress, never
//   overshooting the target; after k events from g0, g = target - (target - g0)(1 - r)^k
//   (noise = 0), e.g. 400 uS -> 980 uS / 42 uS. Input i counts as active when its level is
//   above 0 at the event or fell less than one input period (2 x pulse_width, S2's 50 %
//   duty) before it: S2's output spike comes on the clock phase after the fire, when the
//   firing pulse has just ended. Post events are applied at LEARN priority (a timer at the
//   same tick), after every input level of that tick is known. `supervised` changes nothing
//   here: S2's supervision acts through the gates (lia / crossbar), the rule is the same.
//   v_potentiate, v_depress and pulse_width describe the programming pulses for the cost
//   model; they do not enter the update. No allocation per event.
// Counters: input_pulses (rising pre levels), programming_pulses (one per programmed cell),
//   extra.potentiations, extra.depressions.
import { Counters, Prio, type Model, type ModelContext, type ModelSpec, type PortDecl, type RandomSource, type Tick } from '../model.js';
import { ConductanceMirror } from './s2-learn.js';

const PRE = 0, POST = 1, UPDATE = 2;

export class Hebbian implements Model {
  readonly ports: readonly PortDecl[];
  readonly counters = new Counters();
  readonly rows: number; readonly cols: number;
  readonly gHigh: number; readonly gLow: number; readonly rateP: number; readonly rateD: number;
  readonly noise: number; readonly pulseWidth: number; readonly supervised: boolean;
  readonly mirror: ConductanceMirror;
  private ctx!: ModelContext;
  private rng: RandomSource | null = null;
  private window = 0;
  private readonly level: Float64Array;
  private readonly lastFall: Float64Array;
  private readonly pending: Uint8Array;
  private nPending = 0;
  private nPot = 0; private nDep = 0;

  constructor(readonly spec: ModelSpec) {
    const p = spec.params;
    const rows = spec.shape[0] ?? 1, cols = spec.shape[1] ?? 1;
    this.rows = rows; this.cols = cols;
    this.gHigh = p.num('g_high', 980e-6);
    this.gLow = p.num('g_low', 42e-6);
    this.rateP = p.num('rate_potentiate', 0.3);
    this.rateD = p.num('rate_depress', 0.3);
    this.noise = p.num('noise', 0);
    this.pulseWidth = p.num('pulse_width', 250e-6);
    this.supervised = p.bool('supervised', false);
    this.mirror = new ConductanceMirror(rows, cols, p, 0.5 * (this.gLow + this.gHigh));
    this.ports = [
      { name: 'pre', dir: 'in', width: rows, signal: 'level' },
      { name: 'post', dir: 'in', width: cols, signal: 'spike' },
      { name: 'update', dir: 'out', width: rows * cols, signal: 'level' },
    ];
    this.level = new Float64Array(rows);
    this.lastFall = new Float64Array(rows).fill(-Infinity);
    this.pending = new Uint8Array(cols);
  }

  /** Set the starting conductances (row-major) before the run, e.g. from the crossbar. */
  setConductances(g: ArrayLike<number>): void { this.mirror.set(g); }

  init(ctx: ModelContext): void {
    this.ctx = ctx;
    this.mirror.declare(ctx);
    this.window = ctx.ticks(2 * this.pulseWidth);
    if (this.noise > 0) this.rng = ctx.rng('program');
  }

  input(port: number, ch: number, value: number, t: Tick): void {
    if (port === PRE) {
      const old = this.level[ch]!;
      if (value > 0 && !(old > 0)) this.counters.input_pulses++;
      if (!(value > 0) && old > 0) this.lastFall[ch] = t;
      this.level[ch] = value;
      return;
    }
    if (port !== POST || !(value > 0)) return;
    if (this.pending[ch] === 0) { this.pending[ch] = 1; this.nPending++; }
    this.ctx.setTimer(0, t, Prio.LEARN);
  }

  /** Is input row i active at tick t? */
  active(i: number, t: Tick): boolean {
    return this.level[i]! > 0 || t - this.lastFall[i]! <= this.window;
  }

  timer(_slot: number, t: Tick): void {
    if (this.nPending === 0) return;
    for (let j = 0; j < this.cols; j++) {
      if (this.pending[j] === 0) continue;
      this.pending[j] = 0;
      this.fire(j, t);
    }
    this.nPending = 0;
    this.counters.extra['potentiations'] = this.nPot;
    this.counters.extra['depressions'] = this.nDep;
  }

  /** Apply one fire event of post neuron j. */
  private fire(j: number, t: Tick): void {
    const g = this.mirror.g, cols = this.cols;
    for (let i = 0; i < this.rows; i++) {
      const k = i * cols + j;
      const act = this.active(i, t);
      const target = act ? this.gHigh : this.gLow;
      const r = act ? this.rateP : this.rateD;
      const g0 = g[k]!;
      let step = r * (target - g0);
      if (this.rng) step *= 1 + this.noise * this.rng.normal();
      let g1 = g0 + step;
      if ((target - g1) * (target - g0) < 0) g1 = target; // no overshoot
      if (g1 > this.gHigh && g0 <= this.gHigh) g1 = this.gHigh; // noise: stay in the window
      else if (g1 < this.gLow && g0 >= this.gLow) g1 = this.gLow;
      this.counters.programming_pulses++;
      if (act) this.nPot++; else this.nDep++;
      if (g1 !== g0) this.mirror.send(this.ctx, UPDATE, k, g1);
    }
  }

  advance(): void {}

  read(name: string, ch: number): number {
    if (name === 'g') return this.mirror.g[ch]!;
    if (name === 'pre') return this.level[ch]!;
    return NaN;
  }

  finish(): void {}
}

/** Factory for kind 'hebbian'. */
export function createHebbian(spec: ModelSpec): Model { return new Hebbian(spec); }
