// The S1 PE macro as one fused model: row drivers (io) -> crossbar -> TIA -> SRM neurons,
// the exact same equations as the chain of src/twin/models/{io,crossbar,tia,srm}.ts, in one
// tight loop over typed arrays (the chain is the reference; a test holds them equal).
// Input: in-port 'in' (spike, one per row; a spike is a pulse of the io width/amplitude),
//   preferably as a whole sorted stream (attachStream); the four parsed part models.
// Output: out-port 'out' (spike, one per column); per-part counters via `instances()`.
// Invariants:
// - every edge (pulse start or end) updates all columns with one shared decay factor
//   E = e^{-dt/tau_s}; the refractory state is kept against a common epoch
//   (h_j(t) = hs_j e^{-(t - tEp)/tau_r}) so it needs no per-edge work;
// - a column is examined for a crossing before the next edge only when the upper bound
//   max(x(t), x(next edge)) - theta h_j(next edge) reaches v_th (x is monotone between
//   edges, h decreasing); then firstCrossing finds the crossing exactly;
// - internal events are processed in (tick, crossing < pulse end < input) order, ahead of
//   the engine up to its horizon, so the engine sees one timer per burst of work;
// - pulse ends are a FIFO (all pulses have one width); no allocation per event.
import { Counters, type Model, type ModelContext, type ModelSpec, type PortDecl, type RandomSource, type Tick } from './model.js';
import { firstCrossing } from './engine/roots.js';
import { cellVoltage, chargeFactor, programDevices, type Crossbar, type DeviceParams } from './models/crossbar.js';
import type { Tia } from './models/tia.js';
import type { Srm } from './models/srm.js';
import type { IoDriver } from './models/io.js';

export interface S1Parts { io: IoDriver; crossbar: Crossbar; tia: Tia; srm: Srm; weights: ArrayLike<number> }

export class PeMacroS1 implements Model {
  readonly ports: readonly PortDecl[];
  readonly counters = new Counters();
  readonly ioCounters = new Counters();
  readonly xbCounters = new Counters();
  readonly tiaCounters = new Counters();
  readonly srmCounters = new Counters();
  readonly R: number; readonly C: number;
  private readonly dev: DeviceParams;
  private ctx!: ModelContext;
  // parameters in ticks / volts
  private width = 1; private amp: number; private invTs = 1; private invTr = 1; private dead = 1;
  private readonly theta: number; private readonly vth: number;
  private readonly gT: number; private readonly offT: number; private readonly loT: number; private readonly hiT: number;
  private readonly gN: number; private readonly loN: number; private readonly hiN: number;
  private ts = 1; private tr = 1;
  // weights: per row and column, the current a full-amplitude pulse adds (A)
  private wv!: Float64Array;
  private gp!: Float64Array; private gn!: Float64Array;
  private eta = 1; private vcell = 0;
  private readRng: RandomSource | null = null;
  private contrib: Float64Array | null = null;
  // column state at tLast
  private readonly x: Float64Array; private readonly u: Float64Array; private readonly cur: Float64Array;
  private readonly hs: Float64Array; private readonly lastFire: Float64Array; private readonly pred: Float64Array;
  private tLast = 0; private tEp = 0;
  private predMin = Infinity; private predArg = -1;
  // rows
  private readonly rowEnd: Float64Array; private readonly rowStart: Float64Array;
  private ringRow = new Int32Array(1024); private ringEnd = new Float64Array(1024);
  private rHead = 0; private rLen = 0;
  // input stream
  private sT: Float64Array = new Float64Array(0); private sCh: Int32Array = new Int32Array(0);
  private sV: Float64Array | null = null; private sI = 0;
  private events = 0;
  // tracing
  private trRow: Int32Array | null = null; private trV: Int32Array | null = null;

  constructor(readonly spec: ModelSpec, private readonly parts: S1Parts) {
    const { crossbar, tia, srm, io } = parts;
    this.dev = crossbar.dev;
    this.R = this.dev.rows; this.C = this.dev.cols;
    if (srm.n !== this.C || io.width !== this.R) throw new Error(`twin: ${spec.path}: part widths do not match the ${this.R}x${this.C} crossbar`);
    this.amp = io.amplitude;
    this.theta = srm.theta; this.vth = srm.vth;
    this.gT = tia.gain; this.offT = tia.offset; this.loT = tia.lo; this.hiT = tia.hi;
    this.gN = srm.gain; this.loN = srm.lo; this.hiN = srm.hi;
    this.ports = [
      { name: 'in', dir: 'in', width: this.R, signal: 'spike' },
      { name: 'out', dir: 'out', width: this.C, signal: 'spike' },
    ];
    const C = this.C;
    this.x = new Float64Array(C); this.u = new Float64Array(C); this.cur = new Float64Array(C);
    this.hs = new Float64Array(C); this.lastFire = new Float64Array(C).fill(-Infinity);
    this.pred = new Float64Array(C).fill(Infinity);
    this.rowEnd = new Float64Array(this.R).fill(-1); this.rowStart = new Float64Array(this.R);
  }

  /** The instances this model stands for, with their counters (for the run summary). */
  instances(): Array<{ path: string; kind: string; counters: Counters; spikes: boolean }> {
    const p = this.parts;
    return [
      { path: p.io.spec.path, kind: p.io.spec.kind, counters: this.ioCounters, spikes: false },
      { path: p.crossbar.spec.path, kind: p.crossbar.spec.kind, counters: this.xbCounters, spikes: false },
      { path: p.tia.spec.path, kind: p.tia.spec.kind, counters: this.tiaCounters, spikes: false },
      { path: p.srm.spec.path, kind: p.srm.spec.kind, counters: this.srmCounters, spikes: true },
    ];
  }

  attachStream(_port: number, times: Float64Array, chs: Int32Array, values: Float64Array | null): boolean {
    this.sT = times; this.sCh = chs; this.sV = values; this.sI = 0;
    return true;
  }

  init(ctx: ModelContext): void {
    this.ctx = ctx;
    const d = this.dev, xbPath = this.parts.crossbar.spec.path;
    this.width = Math.max(1, ctx.ticks(this.parts.io.pulseWidth));
    this.ts = this.parts.srm.tauS / ctx.resolution; this.tr = this.parts.srm.tauR / ctx.resolution;
    this.invTs = 1 / this.ts; this.invTr = 1 / this.tr;
    this.dead = Math.max(1, ctx.ticks(this.parts.srm.tDead));
    const dv = programDevices(d, this.parts.weights, ctx.rng(`@${xbPath}/stuck`), ctx.rng(`@${xbPath}/program`));
    this.gp = dv.gp; this.gn = dv.gn;
    this.eta = d.spikeWidth > 0 ? chargeFactor(d.spikeWidth, d.tauLine) : 1;
    const n = this.R * this.C;
    this.wv = new Float64Array(n);
    this.vcell = cellVoltage(d, this.amp);
    for (let k = 0; k < n; k++) this.wv[k] = this.vcell * ((dv.gp[k]! - dv.gn[k]!) * this.eta);
    if (d.readSigma > 0) { this.readRng = ctx.rng(`@${xbPath}/read`); this.contrib = new Float64Array(n); }
    // initial TIA/neuron drive with no current
    for (let j = 0; j < this.C; j++) this.u[j] = this.drive(0);
    const rows = new Int32Array(this.R), vs = new Int32Array(this.C);
    let anyR = false, anyV = false;
    for (let i = 0; i < this.R; i++) { rows[i] = ctx.declare('in', 'wire', { ch: i }); if (rows[i]! >= 0) anyR = true; }
    for (let j = 0; j < this.C; j++) { vs[j] = ctx.declare('v', 'real', { ch: j }); if (vs[j]! >= 0) anyV = true; }
    if (anyR) this.trRow = rows;
    if (anyV) this.trV = vs;
    if (this.sT.length > 0) ctx.setTimer(0, this.sT[0]!);
  }

  private drive(i: number): number {
    let v = this.offT + this.gT * i;
    v = v < this.loT ? this.loT : v > this.hiT ? this.hiT : v;
    const u = this.gN * v;
    return u < this.loN ? this.loN : u > this.hiN ? this.hiN : u;
  }

  /** The tick of the next edge (pulse end or stream input), Infinity if none. */
  private nextEdge(): number {
    const te = this.ringHead();
    const ts = this.sI < this.sT.length ? this.sT[this.sI]! : Infinity;
    return te < ts ? te : ts;
  }

  /** The next live pulse end (stale entries of re-triggered rows are dropped), or Infinity. */
  private ringHead(): number {
    const mask = this.ringRow.length - 1;
    while (this.rLen > 0) {
      const e = this.ringEnd[this.rHead]!;
      if (this.rowEnd[this.ringRow[this.rHead]!] === e) return e;
      this.rHead = (this.rHead + 1) & mask;
      this.rLen--;
    }
    return Infinity;
  }

  /** Earliest crossing of column j in [max(now, lastFire + dead), edge], or Infinity. */
  private cross(j: number, now: number, edge: number): number {
    const tmin = Math.max(now, this.lastFire[j]! + this.dead);
    if (tmin > edge) return Infinity;
    const u = this.u[j]!;
    const x = u + (this.x[j]! - u) * Math.exp((this.tLast - tmin) * this.invTs);
    const h = this.hs[j]! * Math.exp((this.tEp - tmin) * this.invTr);
    const s = firstCrossing(u, x - u, this.ts, -this.theta * h, this.tr, this.vth, edge + 0.5 - tmin, 1e-3);
    if (s === Infinity) return Infinity;
    const tc = Math.max(tmin, Math.round(tmin + s));
    return tc <= edge ? tc : Infinity;
  }

  /** Applies an edge of row `row` at tick t: sw = +1 rising, -1 falling, 0 none (re-predict). */
  private edge(row: number, sw: number, t: number): void {
    this.events++;
    const C = this.C, base = row * C;
    const dt = t - this.tLast;
    const E = dt > 0 ? Math.exp(-dt * this.invTs) : 1;
    this.tLast = t;
    if ((t - this.tEp) * this.invTr > 300) this.renormalise(t);
    const ne = this.nextEdge();
    // Bounds over [t, ne]: x moves monotonically from x toward u by the fraction G, and
    // theta h is smallest at ne, so v <= max(x, x + (u - x) G) - theta h(ne).
    const G = ne === Infinity ? 1 : -Math.expm1((t - ne) * this.invTs);
    const F = this.theta * Math.exp((this.tEp - (this.theta >= 0 ? ne : t)) * this.invTr);
    const x = this.x, u = this.u, cur = this.cur, hs = this.hs, pred = this.pred, wv = this.wv;
    const vth = this.vth;
    let pmin = Infinity, parg = -1;
    const noisy = this.contrib !== null;
    for (let j = 0; j < C; j++) {
      const uo = u[j]!;
      const xv = uo + (x[j]! - uo) * E;
      x[j] = xv;
      let I = cur[j]!;
      if (sw !== 0) {
        if (noisy) I = this.noisyCurrent(base + j, sw);
        else I = sw > 0 ? I + wv[base + j]! : I - wv[base + j]!;
      }
      cur[j] = I;
      // drive(I), inlined
      let vt = this.offT + this.gT * I;
      vt = vt < this.loT ? this.loT : vt > this.hiT ? this.hiT : vt;
      let un = this.gN * vt;
      un = un < this.loN ? this.loN : un > this.hiN ? this.hiN : un;
      u[j] = un;
      const xT = xv + (un - xv) * G;
      if ((xv > xT ? xv : xT) - hs[j]! * F >= vth) {
        const tc = this.cross(j, t, ne);
        pred[j] = tc;
        if (tc < pmin) { pmin = tc; parg = j; }
      } else pred[j] = Infinity;
    }
    this.predMin = pmin; this.predArg = parg;
    if (this.trV) this.traceV(t);
  }

  private noisyCurrent(k: number, sw: number): number {
    const j = k % this.C;
    const old = this.contrib![k]!;
    let add = 0;
    if (sw > 0) {
      const s = this.dev.readSigma, rng = this.readRng!;
      add = this.vcell * this.eta * (this.gp[k]! * (1 + s * rng.normal()) - this.gn[k]! * (this.dev.differential ? 1 + s * rng.normal() : 1));
    }
    this.contrib![k] = add;
    return this.cur[j]! - old + add;
  }

  private renormalise(t: number): void {
    const f = Math.exp((this.tEp - t) * this.invTr);
    for (let j = 0; j < this.C; j++) this.hs[j] = this.hs[j]! * f;
    this.tEp = t;
  }

  private traceV(t: number): void {
    for (let j = 0; j < this.C; j++) {
      const h = this.trV![j]!;
      if (h < 0) continue;
      const u = this.u[j]!, x = u + (this.x[j]! - u) * Math.exp((this.tLast - t) * this.invTs);
      this.ctx.real(h, x - this.theta * this.hs[j]! * Math.exp((this.tEp - t) * this.invTr));
    }
  }

  private fire(j: number, t: number): void {
    this.events++;
    this.ctx.emit(1, j, 1);
    this.srmCounters.output_spikes++;
    this.hs[j] = this.hs[j]! + Math.exp((t - this.tEp) * this.invTr);
    this.lastFire[j] = t;
    if (this.trV) this.traceV(t);
    this.pred[j] = this.cross(j, t, this.nextEdge());
    let pmin = Infinity, parg = -1;
    const pred = this.pred;
    for (let k = 0; k < this.C; k++) if (pred[k]! < pmin) { pmin = pred[k]!; parg = k; }
    this.predMin = pmin; this.predArg = parg;
  }

  /** Processes internal events in order, up to (not including) the engine's horizon. */
  private run(): void {
    const ctx = this.ctx;
    let limit = ctx.horizon();
    const sT = this.sT, sCh = this.sCh, ns = sT.length;
    for (;;) {
      const tc = this.predMin;
      const te = this.ringHead();
      const tsn = this.sI < ns ? sT[this.sI]! : Infinity;
      let t = tc < te ? tc : te;
      if (tsn < t) t = tsn;
      if (t >= limit || t === Infinity) {
        if (t !== Infinity) ctx.setTimer(0, t); else ctx.clearTimer(0);
        return;
      }
      if (t > ctx.now) ctx.advanceTo(t);
      if (tc === t) {
        this.fire(this.predArg, t);
        limit = ctx.horizon();
      } else if (te === t) {
        const row = this.ringRow[this.rHead]!;
        this.rHead = (this.rHead + 1) & (this.ringRow.length - 1);
        this.rLen--;
        this.xbCounters.active_ticks += t - this.rowStart[row]!;
        this.ioCounters.active_ticks += t - this.rowStart[row]!;
        this.edge(row, -1, t);
        if (this.trRow && this.trRow[row]! >= 0) ctx.bit(this.trRow[row]!, 0);
      } else {
        const row = sCh[this.sI]!;
        this.sI++;
        this.spike(row, t);
      }
    }
  }

  private spike(row: number, t: number): void {
    this.ioCounters.input_pulses++;
    const high = this.rowEnd[row]! > t;
    const end = t + this.width;
    this.rowEnd[row] = end;
    this.pushEnd(row, end);
    if (!high) { // a new read of the row (a spike on a high row only extends its pulse)
      this.xbCounters.input_pulses++;
      this.xbCounters.synaptic_ops += this.C;
      this.rowStart[row] = t;
      this.edge(row, 1, t);
      if (this.trRow && this.trRow[row]! >= 0) this.ctx.bit(this.trRow[row]!, 1);
    } else {
      // The pulse end the predictions were bounded by is gone: look again up to the next edge.
      this.edge(row, 0, t);
    }
  }

  private pushEnd(row: number, end: number): void {
    if (this.rLen === this.ringRow.length) {
      const n = this.ringRow.length * 2;
      const rr = new Int32Array(n), re = new Float64Array(n);
      for (let k = 0; k < this.rLen; k++) {
        const s = (this.rHead + k) & (this.ringRow.length - 1);
        rr[k] = this.ringRow[s]!; re[k] = this.ringEnd[s]!;
      }
      this.ringRow = rr; this.ringEnd = re; this.rHead = 0;
    }
    const s = (this.rHead + this.rLen) & (this.ringRow.length - 1);
    this.ringRow[s] = row; this.ringEnd[s] = end;
    this.rLen++;
  }

  input(_port: number, row: number, _value: number, t: Tick): void {
    // A message spike (no stream): everything internal before t is already done (our
    // timer held the next internal tick); crossings and pulse ends at t come first.
    this.runUntilIncl(t);
    this.spike(row, t);
    this.run();
  }

  private runUntilIncl(t: number): void {
    for (;;) {
      const tc = this.predMin;
      const te = this.ringHead();
      if (tc <= t && tc <= te) this.fire(this.predArg, tc);
      else if (te <= t) {
        const row = this.ringRow[this.rHead]!;
        this.rHead = (this.rHead + 1) & (this.ringRow.length - 1);
        this.rLen--;
        this.xbCounters.active_ticks += te - this.rowStart[row]!;
        this.ioCounters.active_ticks += te - this.rowStart[row]!;
        this.edge(row, -1, te);
      } else return;
    }
  }

  timer(_slot: number, _t: Tick): void { this.run(); }

  advance(_t: Tick): void {}

  read(name: string, j: number): number {
    const t = this.ctx.now, u = this.u[j]!;
    const x = u + (this.x[j]! - u) * Math.exp((this.tLast - t) * this.invTs);
    const h = this.hs[j]! * Math.exp((this.tEp - t) * this.invTr);
    switch (name) {
      case 'v': return x - this.theta * h;
      case 'x': return x;
      case 'h': return h;
      case 'u': return u;
      case 'i': return this.cur[j]!;
      default: return NaN;
    }
  }

  finish(t: Tick): void {
    for (let i = 0; i < this.R; i++) {
      if (this.rowEnd[i]! > t) { this.xbCounters.active_ticks += t - this.rowStart[i]!; this.ioCounters.active_ticks += t - this.rowStart[i]!; this.rowStart[i] = t; }
    }
    this.tiaCounters.active_ticks = t * this.C;
    this.srmCounters.active_ticks = t * this.C;
    this.xbCounters.extra['cell_reads'] = this.xbCounters.synaptic_ops * (this.dev.differential ? 2 : 1);
    this.counters.extra['events'] = this.events;
    this.counters.input_pulses = this.ioCounters.input_pulses;
    this.counters.synaptic_ops = this.xbCounters.synaptic_ops;
  }
}
