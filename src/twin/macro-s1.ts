// The S1 PE macro as one fused model: row drivers (io) -> crossbar -> TIA -> SRM neurons,
// the same equations as the chain src/twin/models/{io,crossbar,tia,srm}.ts (the reference;
// a test holds the two equal), computed with one pass over the columns per input pulse.
// Input: in-port 'in' (spike, one per row; a spike is a pulse of the io width/amplitude),
//   as a whole sorted stream (attachStream) or as messages; the four parsed part models.
// Output: out-port 'out' (spike, one per column); per-part counters via `instances()`.
//
// Method. The response kernel tau_s x' = -x + u(t) is linear while the drive u = drive(I)
// stays inside the TIA/neuron rails, u = u0 + sum_p a_p over the active pulses p. Then
//   x(t) = S(t) + sum_{active p} a_p (1 - e^{-(t - start_p)/tau_s})
// where S relaxes to u0 and jumps by a_p (1 - e^{-(end_p - start_p)/tau_s}) when pulse p
// ends. So the columns are touched once per pulse, at its end (one shared decay factor).
// Between two pulse ends [tA, tB] a column can only cross if the bound
//   max(S(tA), u0) + K (1 - e^{-Dmax/tau_s}) max_i a_ij - theta h_j(tB) >= v_th
// holds (K pulses overlap the interval, none lasts more than Dmax, h decreases); only then
// is the interval walked exactly, segment by segment between pulse starts, with
// firstCrossing (no sampling). When K pulses could drive the TIA or neuron into a rail
// ("clipping possible"), the interval is walked exactly for every column with the clip,
// and S is rebuilt from the exact x at its end. The refractory state is kept against an
// epoch, h_j(t) = hs_j e^{-(t - tEp)/tau_r}, so a spike is one add.
// Speed (the same arithmetic, so the same results): the bound above is evaluated only for
// the columns whose S passes a per-column pre-test S_j - u0 >= dLow_j, a lower bound of the
// S the bound can pass with, kept for a while (setLow); S, dLow and the weights sit in one
// typed array (stage1); the decay factor of the next pulse end is computed ahead, where its
// latency overlaps stage 1; doubles travel between methods through typed arrays (sc).
// Invariants: pulse ends are FIFO (one width; a spike on a high row extends its pulse and
// leaves a stale entry); internal events run in (tick, crossing < pulse end < trace of a
// pulse start) order ahead of the engine up to its horizon; no allocation per event.
import { Counters, type Model, type ModelContext, type ModelSpec, type PortDecl, type RandomSource, type Tick } from './model.js';
import { firstCrossing } from './engine/roots.js';
import { cellVoltage, chargeFactor, programDevices, type Crossbar, type DeviceParams } from './models/crossbar.js';
import type { Tia } from './models/tia.js';
import type { Srm } from './models/srm.js';
import type { IoDriver } from './models/io.js';
import { S1Ring } from './macro-s1-ring.js';

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
  // parameters (ticks, volts)
  private width = 1; private invTs = 1; private invTr = 1; private ts = 1; private tr = 1; private dead = 1;
  private readonly theta: number; private readonly vth: number;
  private readonly offT: number; private readonly gT: number; private readonly loT: number; private readonly hiT: number;
  private readonly gN: number; private readonly loN: number; private readonly hiN: number;
  private readonly slope: number; private readonly u0: number;
  private fW = -0; // 1 - e^{-width/tau_s}
  // weights: current (A) and drive step (V) per row and column for a full-amplitude pulse
  private wv!: Float64Array; private a!: Float64Array; // (a: a view of X)
  private maxPosA!: Float64Array; private maxPosWv = 0; private maxNegWv = 0;
  private linK = new Int8Array(0);
  private gp!: Float64Array; private gn!: Float64Array; private eta = 1; private vcell = 0;
  private readRng: RandomSource | null = null;
  // column state at tLast
  /** D = S - u0: the superposition state relative to the rest drive (X[0, C)). */
  private readonly D: Float64Array; private readonly hs: Float64Array;
  /** Columns with a crossing prediction in the current interval (pred valid only for these). */
  private readonly fl: Int32Array; private nfl = 0;
  private readonly cand: Int32Array;
  /** The stage-2 upper bound of x - u0 over the current interval, for the columns it ran on. */
  private readonly ub: Float64Array;
  /**
   * Stage 1's pre-test: the test max(D, 0) + mk mpa_j - hs_j F >= vth - u0 can pass only if
   * D_j >= dLow_j = vth - u0 - mkCap mpa_j + hs_j fLow (less a rounding margin; -Infinity
   * when that is not positive), which holds while mk <= mkCap and F >= fLow; recomputed when
   * F leaves [fLow, fHigh] or mk exceeds mkCap, and after a renormalisation (lowDirty). X[C, 2C).
   */
  private readonly dLow: Float64Array;
  /** setLow's constants c0, c1, c2 (see there). */
  private readonly lowC = new Float64Array(3);
  /**
   * [D | dLow | a | endA]: what stage 1 reads and writes, in one typed array (V8 then checks
   * and addresses one array per step, not three); D, dLow, a and endA are views of it.
   */
  private readonly X: Float64Array;
  private fLow = Infinity; private fHigh = -Infinity; private mkCap = -0.5; private lowDirty = true;
  private readonly lastFire: Float64Array; private readonly pred: Float64Array;
  // -0 and 1.5: double fields from the start (no map change when ticks arrive)
  /** tB: the end of the current interval, the next pulse end (the ring's head end: a search follows every change of the ring). */
  private tLast = -0; private tEp = -0; private tB = Infinity; private clip = false;
  private predMin = Infinity; private predArg = -1;
  private readonly ring: S1Ring;
  private maxDur = -0;
  // input stream
  private sT: Float64Array = new Float64Array(0); private sCh: Int32Array = new Int32Array(0); private sI = 0; private streamed = false;
  private events = 0;
  /**
   * Activity, kept here and written to the part counters by finish(): pulses pushed, pulses
   * that were not an extension (each reads its row: C synaptic operations), and the io and
   * crossbar active ticks of ended pulses (a typed array: a double that is not boxed).
   */
  private nPush = 0; private nNew = 0; private readonly act = new Float64Array(1);
  // scratch for exact walks
  private readonly bp: Float64Array; private walkX = -0;
  private readonly lRow: Int32Array; private readonly lA: Float64Array; private readonly lB: Float64Array; private eB = -0;
  private readonly lS: Float64Array; private readonly xEnd: Float64Array; private readonly curI: Float64Array; private readonly mark: Uint8Array;
  private mkDur = -1.5; private mkF = -0;
  /** [lower bound of e^{-(t - tEp)/tau_r}, its t] (a typed array: no boxed doubles) */
  private readonly g = Float64Array.of(1, 0); private gSteps = 0;
  /**
   * Scratch for doubles passed between hot methods: [t, E, f, next pulse end, stage-1 E f mk
   * F vthD, interval [a, b] of walk/listLive/clipStep, the next pulse end's decay factor E
   * computed ahead by search with the (end, tLast) it is for, the tick of a spike to push].
   */
  private readonly sc = new Float64Array(15);
  private readonly endA: Float64Array;
  // tracing
  private trRow: Int32Array | null = null; private trV: Int32Array | null = null;
  private riseRow = new Int32Array(256); private riseT = new Float64Array(256); private riseHead = 0; private riseLen = 0;

  constructor(readonly spec: ModelSpec, private readonly parts: S1Parts) {
    const { crossbar, tia, srm, io } = parts;
    this.dev = crossbar.dev;
    this.R = this.dev.rows; this.C = this.dev.cols;
    if (srm.n !== this.C || io.width !== this.R) throw new Error(`twin: ${spec.path}: part widths do not match the ${this.R}x${this.C} crossbar`);
    this.theta = srm.theta; this.vth = srm.vth;
    this.gT = tia.gain; this.offT = tia.offset; this.loT = tia.lo; this.hiT = tia.hi;
    this.gN = srm.gain; this.loN = srm.lo; this.hiN = srm.hi;
    this.slope = this.gN * this.gT;
    this.u0 = this.drive(0);
    this.ports = [
      { name: 'in', dir: 'in', width: this.R, signal: 'spike' },
      { name: 'out', dir: 'out', width: this.C, signal: 'spike' },
    ];
    const C = this.C;
    this.X = new Float64Array(3 * C + this.R * C); this.D = this.X.subarray(0, C); this.dLow = this.X.subarray(C, 2 * C);
    this.hs = new Float64Array(C); this.fl = new Int32Array(C); this.cand = new Int32Array(C); this.ub = new Float64Array(C);
    this.lastFire = new Float64Array(C).fill(-Infinity); this.pred = new Float64Array(C).fill(Infinity);
    this.ring = new S1Ring(this.R, C);
    this.bp = new Float64Array(this.R + 2);
    this.endA = this.X.subarray(2 * C + this.R * C, 3 * C + this.R * C);
    this.lS = new Float64Array(this.R + 2); this.xEnd = new Float64Array(C); this.curI = new Float64Array(C); this.mark = new Uint8Array(C);
    this.lRow = new Int32Array(this.R + 2); this.lA = new Float64Array(this.R + 2); this.lB = new Float64Array(this.R + 2);
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
    if (values) for (let i = 0; i < values.length; i++) if (values[i] !== 1) return false;
    this.sT = times; this.sCh = chs; this.sI = 0; this.streamed = true;
    return true;
  }

  private drive(i: number): number {
    let v = this.offT + this.gT * i;
    v = v < this.loT ? this.loT : v > this.hiT ? this.hiT : v;
    const u = this.gN * v;
    return u < this.loN ? this.loN : u > this.hiN ? this.hiN : u;
  }

  init(ctx: ModelContext): void {
    this.ctx = ctx;
    const d = this.dev, xbPath = this.parts.crossbar.spec.path, R = this.R, C = this.C;
    this.width = Math.max(1, ctx.ticks(this.parts.io.pulseWidth));
    this.ts = this.parts.srm.tauS / ctx.resolution; this.tr = this.parts.srm.tauR / ctx.resolution;
    this.invTs = 1 / this.ts; this.invTr = 1 / this.tr;
    this.dead = Math.max(1, ctx.ticks(this.parts.srm.tDead));
    this.fW = -Math.expm1(-this.width * this.invTs);
    const dv = programDevices(d, this.parts.weights, ctx.rng(`@${xbPath}/stuck`), ctx.rng(`@${xbPath}/program`));
    this.gp = dv.gp; this.gn = dv.gn;
    this.eta = d.spikeWidth > 0 ? chargeFactor(d.spikeWidth, d.tauLine) : 1;
    this.vcell = cellVoltage(d, this.parts.io.amplitude);
    const n = R * C;
    this.wv = new Float64Array(n); this.a = this.X.subarray(2 * C, 2 * C + n);
    for (let k = 0; k < n; k++) { this.wv[k] = this.vcell * ((dv.gp[k]! - dv.gn[k]!) * this.eta); this.a[k] = this.slope * this.wv[k]!; }
    // Bounds for the crossing test and the clipping test (read noise: up to 10 sigma).
    const nf = d.readSigma > 0 ? 1 + 10 * d.readSigma : 1;
    let gmax = 0;
    for (let k = 0; k < n; k++) gmax = Math.max(gmax, this.vcell * this.eta * (dv.gp[k]! + dv.gn[k]!));
    this.maxPosA = new Float64Array(C);
    for (let k = 0; k < n; k++) {
      const w = this.wv[k]!;
      const pos = d.readSigma > 0 ? w + 10 * d.readSigma * gmax : w * nf, neg = d.readSigma > 0 ? -w + 10 * d.readSigma * gmax : -w * nf;
      if (pos > this.maxPosWv) this.maxPosWv = pos;
      if (neg > this.maxNegWv) this.maxNegWv = neg;
      const ap = this.slope >= 0 ? this.slope * pos : -this.slope * neg;
      if (ap > this.maxPosA[k % C]!) this.maxPosA[k % C] = ap;
    }
    this.linK = new Int8Array(R + 2).fill(-1);
    if (d.readSigma > 0) { this.readRng = ctx.rng(`@${xbPath}/read`); this.ring.noisy(); }
    const rows = new Int32Array(R), vs = new Int32Array(C);
    let anyR = false, anyV = false;
    for (let i = 0; i < R; i++) { rows[i] = ctx.declare('in', 'wire', { ch: i }); if (rows[i]! >= 0) anyR = true; }
    for (let j = 0; j < C; j++) { vs[j] = ctx.declare('v', 'real', { ch: j }); if (vs[j]! >= 0) anyV = true; }
    if (anyR) this.trRow = rows;
    if (anyV) this.trV = vs;
    this.sc[0] = 0;
    this.search();
    this.schedule();
  }

  // ---- pulses ----

  /** Whether K overlapping pulses keep the TIA and neuron inside their rails. */
  private linear(K: number): boolean {
    const c = this.linK[K];
    if (c !== undefined && c >= 0) return c === 1;
    // (no closure here: one capturing `this` would allocate a context on every call)
    const r = this.inRails(-K * this.maxNegWv) && this.inRails(K * this.maxPosWv) && this.inRails(0);
    if (K < this.linK.length) this.linK[K] = r ? 1 : 0;
    return r;
  }

  /** Whether the current i keeps the TIA and the neuron inside their rails. */
  private inRails(i: number): boolean {
    const v = this.offT + this.gT * i;
    if (v < this.loT || v > this.hiT) return false;
    const u = this.gN * v;
    return u >= this.loN && u <= this.hiN;
  }

  /** Registers a spike on `row` at tick s = sc[14] (in time order; a double through sc: not boxed). */
  private push(row: number): void {
    const s = this.sc[14]!;
    this.events++;
    this.nPush++;
    const ring = this.ring;
    const ext = ring.rowEnd[row]! > s;
    if (!ext) {
      this.nNew++;
      if (this.readRng) this.drawRead(row);
      if (this.trRow) this.queueRise(row);
    }
    const end = s + this.width, start = ext ? ring.rowStart[row]! : s;
    ring.io[0] = s; ring.io[1] = end;
    ring.pushIo(row, ext);
    const dur = end - start;
    if (dur > this.maxDur) this.maxDur = dur;
  }

  /** Read noise: one draw per device of the row for this pulse (order as the Crossbar's). */
  private drawRead(row: number): void {
    const C = this.C, s = this.dev.readSigma, rng = this.readRng!, base = row * C;
    for (let j = 0; j < C; j++) {
      const k = base + j;
      const w = this.vcell * this.eta * (this.gp[k]! * (1 + s * rng.normal()) - this.gn[k]! * (this.dev.differential ? 1 + s * rng.normal() : 1));
      this.ring.rowWv[k] = w; this.ring.rowA[k] = this.slope * w;
    }
  }

  /** Pushes stream spikes that start before the next pulse end; leaves that end in sc[3]. */
  private fill(): void {
    const sT = this.sT, sCh = this.sCh, n = sT.length, ring = this.ring;
    // (headSlot, not head: the double a call returns would be boxed when it is not inlined)
    let q = ring.headSlot(), ne = q < 0 ? Infinity : ring.end[q]!, hr = q < 0 ? -1 : ring.row[q]!, i = this.sI;
    while (i < n && sT[i]! < ne) {
      this.sc[14] = sT[i]!;
      this.push(sCh[i]!);
      i++;
      // Ends come in push order, so the next end changes only when the ring was empty or
      // the push extended the head's own pulse (the head row's end moved; slots may move).
      if (hr < 0 || ring.rowEnd[hr] !== ne) {
        q = ring.headSlot(); ne = q < 0 ? Infinity : ring.end[q]!; hr = q < 0 ? -1 : ring.row[q]!;
      }
    }
    this.sI = i;
    this.sc[3] = ne;
  }

  // ---- columns ----

  /**
   * Bounds the interval from t = sc[0] to the next pulse end and walks the columns that may
   * cross. With upd, first brings S to t (it was at tLast): S = u0 + (S - u0) E + f A[base + j]
   * (relaxation and the jump of the pulse that just ended), fused into the same loop.
   */
  private search(upd = false, base = 0, A: Float64Array = this.a): void {
    // Doubles travel through the scratch array sc (arguments and results of calls that are
    // not inlined would be boxed: one allocation each, per pulse); t always comes from sc[0]
    // (a phi of sc[0] and a tagged argument would box it).
    const sc = this.sc;
    const t = sc[0]!, E = upd ? sc[1]! : 1, f = upd ? sc[2]! : 0;
    this.fill();
    const ne = sc[3]!;
    this.tB = ne;
    const K = this.ring.live;
    this.clip = !this.linear(K);
    if (this.clip) this.searchClip(upd, base, A);
    else {
      this.tLast = t;
      const C = this.C, D = this.D, hs = this.hs, mpa = this.maxPosA, vthD = this.vth - this.u0, th = this.theta;
      let F: number;
      if (th < 0) F = th * Math.exp((this.tEp - t) * this.invTr);
      else if (ne === Infinity) F = 0;
      else {
        // theta times a lower bound of e^{-(ne - tEp)/tau_r} (the refractory decay at the
        // interval's end), without an exp per pass: g(t) = e^{-(t - tEp)/tau_r} is carried
        // forward with e^{-y} >= 1 - y for small steps and recomputed exactly every 1024
        // passes or after a long step; then e^{-y} >= 1 - y again up to ne. Only for bounds.
        const g = this.g, dt = t - g[1]!;
        if (dt !== 0) {
          const y = dt * this.invTr;
          if (y < 0.01 && ++this.gSteps < 1024) g[0] = g[0]! * (1 - y);
          else { g[0] = Math.exp((this.tEp - t) * this.invTr); this.gSteps = 0; }
          g[1] = t;
        }
        const r = 1 - (ne - t) * this.invTr;
        F = r > 0 ? th * g[0]! * r : 0;
      }
      // Partials are at most 1 - e^{-duration/tau_s}: one width unless an extended pulse is on.
      if (this.maxDur !== this.mkDur) { this.mkDur = this.maxDur; this.mkF = -Math.expm1(-this.maxDur * this.invTs); }
      const mk = K * (this.ring.liveExt > 0 ? this.mkF : this.fW);
      // The decay factor of the next pulse end (ne, from tLast = t), ahead of its use by
      // pulseEnd: here its latency overlaps stage 1 (decayE written out: a call's double
      // result would be boxed if the call is not inlined).
      const yn = (ne - t) * this.invTs;
      sc[11] = yn < 1e-3 ? 1 - yn * (1 - (yn * 0.5) * (1 - (yn / 3) * (1 - (yn * 0.25) * (1 - yn / 5)))) : Math.exp(-yn);
      sc[12] = ne; sc[13] = t;
      // Stage 1 (hot): update D and keep the columns the cheap bound cannot clear.
      sc[4] = E; sc[5] = f; sc[6] = mk; sc[7] = F; sc[8] = vthD;
      let nc: number;
      if (upd) {
        if (F < this.fLow || F > this.fHigh || mk > this.mkCap || this.lowDirty) this.setLow();
        nc = stage1(C, this.X, sc, 2 * C + (A === this.a ? base : this.R * C), mpa, hs, this.cand);
      } else nc = stage1Test(C, D, sc, mpa, hs, this.cand);
      if (nc > 0) { sc[9] = t; sc[10] = ne; this.stage2(nc); } else { this.nfl = 0; this.predMin = Infinity; this.predArg = -1; }
    }
    this.tLast = t;
    if (this.trV) this.traceV(t);
  }

  /**
   * Stage 2 for the nc0 columns stage 1 kept (in cand), over [t, ne] = sc[9..10] with F = sc[7]
   * and vthD = sc[8]: x <= max(S(t), S(ne)) + sum_p max(c_p(t), c_p(ne)) with the actual
   * pulses; walks the columns that bound does not clear and sets the predictions.
   */
  private stage2(nc0: number): void {
    const sc = this.sc, F = sc[7]!, vthD = sc[8]!, D = this.D, hs = this.hs, pred = this.pred, fl = this.fl, cand = this.cand;
    const ring = this.ring, C = this.C, AA = ring.noisyOn ? ring.rowA : this.a, lr = this.lRow;
    // First, without exponentials: the bound below is at most max(D, 0) + fP sum_p max(a_pj, 0)
    // (each partial is at most fP, the factor of mk; eB <= 1). The candidates this clears,
    // with a margin far above rounding, cannot pass: they leave cand (the others keep their order).
    let nr = 0;
    for (let q = ring.first(); q >= 0; q = ring.next(q)) lr[nr++] = ring.row[q]! * C;
    const fP = ring.liveExt > 0 ? this.mkF : this.fW;
    let nc = 0;
    for (let c = 0; c < nc0; c++) {
      const j = cand[c]!, d = D[j]!;
      let sp = 0, sn = 0;
      for (let k = 0; k < nr; k++) { const w = AA[lr[k]! + j]!; if (w > 0) sp += w; else sn -= w; }
      const hF = hs[j]! * F;
      if ((d > 0 ? d : 0) + fP * sp - hF + 1e-9 * (Math.abs(d) + fP * (sp + sn) + Math.abs(hF) + Math.abs(vthD)) >= vthD) cand[nc++] = j;
    }
    let pmin = Infinity, parg = -1, nf = 0;
    if (nc === 0) { this.nfl = 0; this.predMin = pmin; this.predArg = parg; return; }
    const nl = this.listLive();
    const la = this.lA, lb = this.lB, eB = this.eB;
    for (let c = 0; c < nc; c++) {
      const j = this.cand[c]!;
      const d = D[j]!, dB = d * eB;
      let ub = d > dB ? d : dB;
      for (let k = 0; k < nl; k++) {
        const w = AA[lr[k]! + j]!;
        const ca = w * la[k]!, cb = w * lb[k]!;
        ub += ca > cb ? ca : cb;
      }
      this.ub[j] = ub;
      if (ub - hs[j]! * F >= vthD) {
        const tc = this.walk(j, true);
        pred[j] = tc; fl[nf++] = j;
        if (tc < pmin) { pmin = tc; parg = j; }
      }
    }
    this.nfl = nf;
    this.predMin = pmin; this.predArg = parg;
  }

  /**
   * The interval [t, ne] = sc[0], sc[3] when clipping is possible: with upd, first brings S
   * to t (S = u0 + (S - u0) E + f A[base + j], E and f in sc[1..2]); then steps every column
   * exactly (clipStep) and walks the candidates; sets the predictions.
   */
  private searchClip(upd: boolean, base: number, A: Float64Array): void {
    const sc = this.sc, t = sc[0]!, ne = sc[3]!, C = this.C, D = this.D, pred = this.pred, fl = this.fl;
    if (upd) { const E = sc[1]!, f = sc[2]!; for (let j = 0; j < C; j++) D[j] = D[j]! * E + f * A[base + j]!; }
    this.tLast = t;
    sc[9] = t; sc[10] = ne;
    let pmin = Infinity, parg = -1, nf = 0;
    const nc = this.clipStep();
    for (let c = 0; c < nc; c++) {
      const j = this.cand[c]!;
      const tc = this.walk(j, true);
      pred[j] = tc; fl[nf++] = j;
      if (tc < pmin) { pmin = tc; parg = j; }
    }
    this.nfl = nf;
    this.predMin = pmin; this.predArg = parg;
  }

  /**
   * Stage 1's pre-test bounds (dLow) for mk = sc[6], F = sc[7], vthD = sc[8]: valid for
   * mk <= mkCap = mk + 6 pulses' partials and F >= fLow = F (1 - LOW_SLACK); used while F
   * <= fHigh too, so the margin 1e-12 (|vthD| + 2 mkCap mpa_j + 2 hs_j fHigh) exceeds the
   * rounding of the test itself and a column the pre-test skips fails the test as evaluated.
   * A column's hs only grows (fire), which keeps its bound valid: it is refreshed alone
   * (setLowOf). theta < 0 (F < 0): no bound, every column is tested.
   */
  private setLow(): void {
    const sc = this.sc, mk = sc[6]!, F = sc[7]!, vthD = sc[8]!, th = this.theta, X = this.X, mpa = this.maxPosA, hs = this.hs, C = this.C;
    this.lowDirty = false;
    if (th < 0) { this.dLow.fill(-Infinity); this.fLow = -Infinity; this.fHigh = Infinity; this.mkCap = Infinity; return; }
    const fLow = F * (1 - LOW_SLACK), fHigh = F * (1 + 4 * LOW_SLACK), cap = mk + 6 * (this.ring.liveExt > 0 ? this.mkF : this.fW);
    this.fLow = fLow; this.fHigh = fHigh; this.mkCap = cap;
    // dLow_j = c0 - c1 mpa_j + hs_j c2: the bound above with its margin distributed
    const c0 = vthD - 1e-12 * Math.abs(vthD), c1 = cap * (1 + 2e-12), c2 = fLow - 2e-12 * fHigh;
    const lc = this.lowC;
    lc[0] = c0; lc[1] = c1; lc[2] = c2;
    for (let j = 0; j < C; j++) {
      const l = c0 - c1 * mpa[j]! + hs[j]! * c2;
      X[C + j] = l > 0 ? l : -Infinity;
    }
  }

  /** setLow for column j alone (its hs just grew), with the constants of the last setLow. */
  private setLowOf(j: number): void {
    if (this.theta < 0) return;
    const lc = this.lowC, l = lc[0]! - lc[1]! * this.maxPosA[j]! + this.hs[j]! * lc[2]!;
    this.X[this.C + j] = l > 0 ? l : -Infinity;
  }

  /**
   * Lists the live pulses for the second bound: row offsets and their kernel factors
   * 1 - e^{-(t - start)/tau_s} at the interval's ends [t, ne] = sc[9..10] (0 before the
   * start); sets eB.
   */
  private listLive(): number {
    const ring = this.ring, C = this.C, t = this.sc[9]!, ne = this.sc[10]!;
    let n = 0;
    for (let q = ring.first(); q >= 0; q = ring.next(q)) {
      const st = ring.start[q]!;
      this.lRow[n] = ring.row[q]! * C;
      this.lS[n] = st;
      this.lA[n] = st < t ? oneMinusExpNeg((t - st) * this.invTs) : 0;
      this.lB[n] = st < ne ? oneMinusExpNeg((ne - st) * this.invTs) : 0;
      n++;
    }
    this.eB = Math.exp((t - ne) * this.invTs);
    return n;
  }

  /**
   * "Clipping possible" interval [t, ne]: steps every column exactly through the segments
   * between pulse starts (shared decay per segment, the drive through the rails), leaves
   * x(ne) in xEnd for the next pulse end, and returns the columns whose bound
   * max(x(a), x(b)) - theta h(b) reaches v_th on some segment [a, b] (in cand).
   * [t, ne] = sc[9..10].
   */
  private clipStep(): number {
    const C = this.C, ring = this.ring, x = this.xEnd, I = this.curI, D = this.D, t = this.sc[9]!, ne = this.sc[10]!;
    const A = ring.noisyOn ? ring.rowA : this.a, WV = ring.noisyOn ? ring.rowWv : this.wv;
    const nl = this.listLive();
    const lr = this.lRow, la = this.lA, ls = this.lS;
    for (let j = 0; j < C; j++) {
      let xs = this.u0 + D[j]!, cur = 0;
      for (let k = 0; k < nl; k++) {
        xs += A[lr[k]! + j]! * la[k]!;
        if (ls[k]! <= t) cur += WV[lr[k]! + j]!;
      }
      x[j] = xs; I[j] = cur;
    }
    // segment ends: pulse starts inside (t, ne), ascending, then ne
    const bp = this.bp;
    let nb = 0;
    for (let k = 0; k < nl; k++) {
      const st = ls[k]!;
      if (st > t && st < ne) {
        let dup = false;
        for (let q = 0; q < nb; q++) if (bp[q] === st) { dup = true; break; }
        if (dup) continue; // pulses starting together: one segment end
        let q = nb++;
        while (q > 0 && bp[q - 1]! > st) { bp[q] = bp[q - 1]!; q--; }
        bp[q] = st;
      }
    }
    const mark = this.mark;
    mark.fill(0);
    let a = t;
    for (let b = 0; b <= nb; b++) {
      const e = b < nb ? bp[b]! : ne;
      if (e > a || e === Infinity) {
        const E = e === Infinity ? 0 : Math.exp((a - e) * this.invTs);
        const hf = this.theta * (e === Infinity ? 0 : Math.exp((this.tEp - e) * this.invTr));
        const vth = this.vth;
        for (let j = 0; j < C; j++) {
          const u = this.drive(I[j]!), x0 = x[j]!, x1 = u + (x0 - u) * E;
          if ((x0 > x1 ? x0 : x1) - this.hs[j]! * hf >= vth) mark[j] = 1;
          x[j] = x1;
        }
        a = e;
      }
      if (b < nb) for (let k = 0; k < nl; k++) if (ls[k] === e) for (let j = 0; j < C; j++) I[j] = I[j]! + WV[lr[k]! + j]!;
    }
    let n = 0;
    for (let j = 0; j < C; j++) if (mark[j] === 1 || this.theta < 0) this.cand[n++] = j;
    return n;
  }

  /** The pulse at the ring's head ends at te. */
  private pulseEnd(): void {
    const te = this.sc[0]!;
    this.events++;
    const ring = this.ring, C = this.C, D = this.D, u0 = this.u0;
    const row = ring.headRow(), start = ring.headStart();
    if (this.clip) {
      // x(te) was stepped exactly by clipStep; S = x - partials of the pulses still on
      this.popHead(te - start);
      this.sc[9] = te; this.sc[10] = te;
      const nl = this.listLive(), A = ring.noisyOn ? ring.rowA : this.a, lr = this.lRow, la = this.lA, xe = this.xEnd;
      for (let j = 0; j < C; j++) {
        let s = xe[j]! - u0;
        for (let k = 0; k < nl; k++) s -= A[lr[k]! + j]! * la[k]!;
        D[j] = s;
      }
    } else {
      let A = this.a, base = row * C;
      if (this.ring.noisyOn) { // fill() may draw the row's next pulse: keep this one's weights
        this.endA.set(this.ring.rowA.subarray(base, base + C));
        A = this.endA; base = 0;
      }
      this.popHead(te - start);
      // e^{-y}: usually computed ahead by the last search (sc[11], for the end sc[12] and
      // tLast sc[13]), where its chain of divisions overlaps stage 1; else the same series
      let E = this.sc[11]!;
      if (te !== this.sc[12] || this.tLast !== this.sc[13]) { this.sc[11] = decayE((te - this.tLast) * this.invTs); E = this.sc[11]!; }
      // oneMinusExpNeg inlined: a call's (boxed) result in the phi would box fW on every pulse
      let f = this.fW;
      if (te - start !== this.width) {
        const yd = (te - start) * this.invTs;
        f = yd < 1e-3 ? yd * (1 - (yd * 0.5) * (1 - (yd / 3) * (1 - (yd * 0.25) * (1 - yd / 5)))) : -Math.expm1(-yd);
      }
      if ((te - this.tEp) * this.invTr > 300) this.renormalise(te);
      if (this.trRow && this.trRow[row]! >= 0) this.ctx.bit(this.trRow[row]!, 0);
      this.sc[1] = E; this.sc[2] = f;
      this.search(true, base, A);
      return;
    }
    this.tLast = te;
    if ((te - this.tEp) * this.invTr > 300) this.renormalise(te);
    if (this.trRow && this.trRow[row]! >= 0) this.ctx.bit(this.trRow[row]!, 0);
    this.search();
  }

  /** Pops the head pulse, which was high for dur ticks (an integer: a Smi argument, not boxed). */
  private popHead(dur: number): void {
    this.ring.pop();
    this.act[0] += dur;
  }

  /** sum over started live pulses of a_pj (1 - e^{-(t - start_p)/tau_s}). */
  private partials(j: number, t: number): number {
    const ring = this.ring, A = ring.noisyOn ? ring.rowA : this.a, C = this.C;
    let sum = 0;
    for (let q = ring.first(); q >= 0; q = ring.next(q)) {
      const st = ring.start[q]!;
      if (st < t) sum += A[ring.row[q]! * C + j]! * oneMinusExpNeg((t - st) * this.invTs);
    }
    return sum;
  }

  /**
   * Walks column j exactly from tLast over the segments between pulse starts up to tEnd.
   * search: returns the first crossing tick in [tFrom, tEnd] (or Infinity);
   * otherwise sets walkX to x(tEnd) and returns Infinity. [tFrom, tEnd] = sc[9..10].
   */
  private walk(j: number, search: boolean): number {
    const ring = this.ring, C = this.C, WV = ring.noisyOn ? ring.rowWv : this.wv, tFrom = this.sc[9]!, tEnd = this.sc[10]!;
    const t0 = this.tLast;
    let x = this.u0 + this.D[j]! + this.partials(j, t0);
    // breakpoints: starts of live pulses in (t0, tEnd), ascending
    const bp = this.bp;
    let nb = 0;
    for (let q = ring.first(); q >= 0; q = ring.next(q)) {
      const st = ring.start[q]!;
      if (st > t0 && st < tEnd) {
        let k = nb++;
        while (k > 0 && bp[k - 1]! > st) { bp[k] = bp[k - 1]!; k--; }
        bp[k] = st;
      }
    }
    let a = t0;
    const lf = this.lastFire[j]! + this.dead;
    for (let b = 0; b <= nb; b++) {
      const e = b < nb ? bp[b]! : tEnd;
      if (e < a) continue;
      let I = 0;
      for (let q = ring.first(); q >= 0; q = ring.next(q)) if (ring.start[q]! <= a) I += WV[ring.row[q]! * C + j]!;
      const u = this.drive(I);
      if (search && e >= tFrom) {
        const s0 = Math.max(a, tFrom, lf);
        if (s0 <= e) {
          const x0 = u + (x - u) * Math.exp((a - s0) * this.invTs);
          const h0 = this.hs[j]! * Math.exp((this.tEp - s0) * this.invTr);
          const s = firstCrossing(u, x0 - u, this.ts, -this.theta * h0, this.tr, this.vth, e - s0, 1e-3);
          if (s !== Infinity) {
            const tc = Math.max(s0, Math.round(s0 + s));
            if (tc <= tEnd) return tc;
          }
        }
      }
      if (e === Infinity) break;
      x = u + (x - u) * Math.exp((a - e) * this.invTs);
      a = e;
    }
    this.walkX = x;
    return Infinity;
  }

  private renormalise(t: number): void {
    const f = Math.exp((this.tEp - t) * this.invTr);
    for (let j = 0; j < this.C; j++) this.hs[j] = this.hs[j]! * f;
    this.tEp = t;
    this.g[0] = 1; this.g[1] = t; this.gSteps = 0;
    this.lowDirty = true;
  }

  private fire(j: number, t: number): void {
    this.events++;
    this.ctx.emit(1, j, 1);
    this.srmCounters.output_spikes++;
    this.hs[j] = this.hs[j]! + Math.exp((t - this.tEp) * this.invTr);
    this.lastFire[j] = t;
    if (!this.lowDirty) this.setLowOf(j);
    // The stage-2 bound of this interval still holds on [t, tB]; h is now one higher.
    const tB = this.tB, th = this.theta;
    const hB = tB === Infinity ? 0 : this.hs[j]! * Math.exp((this.tEp - tB) * this.invTr);
    const cleared = !this.clip && th >= 0 && this.ub[j]! - th * hB < this.vth - this.u0;
    if (cleared) this.pred[j] = Infinity;
    else { this.sc[9] = t; this.sc[10] = tB; this.pred[j] = this.walk(j, true); }
    let pmin = Infinity, parg = -1;
    const pred = this.pred, fl = this.fl;
    for (let k = 0; k < this.nfl; k++) { const c = fl[k]!; if (pred[c]! < pmin) { pmin = pred[c]!; parg = c; } }
    this.predMin = pmin; this.predArg = parg;
    if (this.trV) this.traceV(t);
  }

  // ---- event loop ----

  /** Processes internal events below `limit` (or up to it, inclusive). */
  private run(limit: number, inclusive: boolean): void {
    const ctx = this.ctx;
    for (;;) {
      const tc = this.predMin, te = this.tB; // tB is the ring's head end: every ring change is followed by a search
      const tr = this.riseLen > 0 ? this.riseT[this.riseHead]! : Infinity;
      let t = tc < te ? tc : te;
      if (tr < t) t = tr;
      if (t === Infinity || t > limit || (t === limit && !inclusive)) return;
      // The engine's clock matters only for emits and traces: move it only then.
      if (t > ctx.now && (tc === t || this.trRow !== null || this.trV !== null)) ctx.advanceTo(t);
      if (tc === t) { this.fire(this.predArg, t); if (!inclusive) limit = ctx.horizon(); }
      else if (te === t) { this.sc[0] = t; this.pulseEnd(); }
      else {
        // the traces of the pulse starts before the next crossing or pulse end (which they do
        // not move), in one go
        const stop = tc < te ? tc : te;
        let s = t;
        do {
          if (s > ctx.now) ctx.advanceTo(s);
          this.traceRise();
          s = this.riseLen > 0 ? this.riseT[this.riseHead]! : Infinity;
        } while (s < stop && (s < limit || (s === limit && inclusive)));
      }
    }
  }

  private schedule(): void {
    const tr = this.riseLen > 0 ? this.riseT[this.riseHead]! : Infinity;
    const t = Math.min(this.predMin, this.tB, tr);
    if (t === Infinity) this.ctx.clearTimer(0); else this.ctx.setTimer(0, t);
  }

  timer(_slot: number, _t: Tick): void {
    this.run(this.ctx.horizon(), false);
    this.schedule();
  }

  input(_port: number, row: number, _value: number, t: Tick): void {
    if (this.streamed) throw new Error(`twin: ${this.spec.path}: spikes both as a stream and as messages`);
    this.run(t, true); // crossings and pulse ends at t come first
    this.relaxTo(t);
    this.sc[14] = t;
    this.push(row);
    this.sc[0] = t;
    this.search();
    this.run(this.ctx.horizon(), false);
    this.schedule();
  }

  /** Brings S to tick t (>= tLast) without a pulse end. */
  private relaxTo(t: number): void {
    if (t === this.tLast) return;
    const C = this.C, D = this.D;
    if (this.clip) {
      this.sc[9] = t; this.sc[10] = t;
      for (let j = 0; j < C; j++) { this.walk(j, false); this.pred[j] = this.walkX; }
      for (let j = 0; j < C; j++) D[j] = this.pred[j]! - this.partials(j, t) - this.u0;
    } else {
      const E = Math.exp((this.tLast - t) * this.invTs);
      for (let j = 0; j < C; j++) D[j] = D[j]! * E;
    }
    this.tLast = t;
  }

  // ---- tracing ----

  /** Queues the trace of a pulse start (a ring whose length is a power of two). */
  private queueRise(row: number): void {
    const s = this.sc[14]!;
    if (this.riseLen === this.riseRow.length) {
      const n = this.riseLen * 2, rr = new Int32Array(n), rt = new Float64Array(n);
      for (let k = 0; k < this.riseLen; k++) {
        const q = (this.riseHead + k) & (this.riseRow.length - 1);
        rr[k] = this.riseRow[q]!; rt[k] = this.riseT[q]!;
      }
      this.riseRow = rr; this.riseT = rt; this.riseHead = 0;
    }
    const q = (this.riseHead + this.riseLen) & (this.riseRow.length - 1);
    this.riseRow[q] = row; this.riseT[q] = s; this.riseLen++;
  }

  private traceRise(): void {
    const row = this.riseRow[this.riseHead]!;
    this.riseHead = (this.riseHead + 1) & (this.riseRow.length - 1); this.riseLen--;
    const h = this.trRow![row]!;
    if (h >= 0) this.ctx.bit(h, 1);
  }

  private traceV(t: number): void {
    for (let j = 0; j < this.C; j++) {
      const h = this.trV![j]!;
      if (h >= 0) this.ctx.real(h, this.read('v', j, t));
    }
  }

  advance(_t: Tick): void {}

  read(name: string, j: number, at?: number): number {
    const t = Math.max(at ?? this.ctx.now, this.tLast);
    this.sc[9] = t; this.sc[10] = t;
    this.walk(j, false);
    const x = this.walkX, h = this.hs[j]! * Math.exp((this.tEp - t) * this.invTr);
    switch (name) {
      case 'v': return x - this.theta * h;
      case 'x': return x;
      case 'h': return h;
      default: return NaN;
    }
  }

  finish(t: Tick): void {
    // Pulses pushed ahead of the end of the run are not counted; running pulses count to t.
    const ring = this.ring;
    let pushed = this.nPush, fresh = this.nNew, act = this.act[0]!;
    for (let q = ring.firstAny(); q >= 0; q = ring.nextAny(q)) {
      if (ring.pushT[q]! > t) {
        pushed--;
        if (!ring.ext[q]) fresh--;
      } else if (ring.isLive(q) && ring.start[q]! < t) act += t - ring.start[q]!;
    }
    this.ioCounters.input_pulses = pushed; this.ioCounters.active_ticks = act;
    this.xbCounters.input_pulses = fresh; this.xbCounters.synaptic_ops = fresh * this.C; this.xbCounters.active_ticks = act;
    this.tiaCounters.active_ticks = t * this.C;
    this.srmCounters.active_ticks = t * this.C;
    this.xbCounters.extra['cell_reads'] = this.xbCounters.synaptic_ops * (this.dev.differential ? 2 : 1);
    this.counters.extra['events'] = this.events;
    this.counters.input_pulses = this.ioCounters.input_pulses;
    this.counters.synaptic_ops = this.xbCounters.synaptic_ops;
  }
}

/** Slack of stage 1's pre-test bound on F (PeMacroS1.setLow): a smaller one is tighter but is recomputed more often. */
const LOW_SLACK = 0.05;

/**
 * Stage 1 of the crossing test (the hot loop, kept small so that it compiles tight):
 * D = D E + f A_j first; keeps j when max(D, 0) + mk mpa_j - hs_j F >= vthD, which is
 * evaluated only when D_j >= lo_j (PeMacroS1.setLow: the test cannot pass otherwise).
 * X holds D in [0, C), lo in [C, 2C) and the row A from ab on. Four columns per step (the
 * pre-test of a step is one branch, almost never taken); int32 index arithmetic (`| 0`: no
 * overflow checks); the doubles come in sc[4..8] (arguments would be boxed).
 */
function stage1(C: number, X: Float64Array, sc: Float64Array, ab: number, mpa: Float64Array, hs: Float64Array, out: Int32Array): number {
  const E = sc[4]!, f = sc[5]!;
  let n = 0, j = 0;
  for (; ((j + 3) | 0) < C; j = (j + 4) | 0) {
    const j1 = (j + 1) | 0, j2 = (j + 2) | 0, j3 = (j + 3) | 0, b = (ab + j) | 0, l = (C + j) | 0;
    const d0 = X[j]! * E + f * X[b]!, d1 = X[j1]! * E + f * X[(b + 1) | 0]!;
    const d2 = X[j2]! * E + f * X[(b + 2) | 0]!, d3 = X[j3]! * E + f * X[(b + 3) | 0]!;
    X[j] = d0; X[j1] = d1; X[j2] = d2; X[j3] = d3;
    if (d0 >= X[l]! || d1 >= X[(l + 1) | 0]! || d2 >= X[(l + 2) | 0]! || d3 >= X[(l + 3) | 0]!) {
      for (let k = j; k < j + 4; k++) if (X[k]! >= X[C + k]! && passes(X, k, sc, mpa, hs)) out[n++] = k;
    }
  }
  for (; j < C; j = (j + 1) | 0) {
    const d = X[j]! * E + f * X[(ab + j) | 0]!;
    X[j] = d;
    if (d >= X[(C + j) | 0]! && passes(X, j, sc, mpa, hs)) out[n++] = j;
  }
  return n;
}

/** Stage 1's test of column j: max(D_j, 0) + mk mpa_j - hs_j F >= vthD (sc[6..8]; no double argument: it would be boxed). */
function passes(D: Float64Array, j: number, sc: Float64Array, mpa: Float64Array, hs: Float64Array): boolean {
  const d = D[j]!;
  return (d > 0 ? d : 0) + sc[6]! * mpa[j]! - hs[j]! * sc[7]! >= sc[8]!;
}

/** Stage 1 without the update of D (a search that starts no interval: init, message input). */
function stage1Test(C: number, D: Float64Array, sc: Float64Array, mpa: Float64Array, hs: Float64Array, out: Int32Array): number {
  const mk = sc[6]!, F = sc[7]!, vthD = sc[8]!;
  let n = 0;
  for (let j = 0; j < C; j++) {
    const d = D[j]!;
    if ((d > 0 ? d : 0) + mk * mpa[j]! - hs[j]! * F >= vthD) out[n++] = j;
  }
  return n;
}

/**
 * e^{-y} for y >= 0: a series below 1e-3 (truncation < y^6/720; y * 0.5 and y * 0.25 are
 * y / 2 and y / 4 exactly, without a division), else Math.exp. Small: callers inline it
 * (a double result of a call that is not inlined is boxed).
 */
function decayE(y: number): number {
  return y < 1e-3 ? 1 - y * (1 - (y * 0.5) * (1 - (y / 3) * (1 - (y * 0.25) * (1 - y / 5)))) : Math.exp(-y);
}

/** 1 - e^{-y} for y >= 0, with the same small-argument series (truncation < y^6/720). */
function oneMinusExpNeg(y: number): number {
  if (y < 1e-3) return y * (1 - (y * 0.5) * (1 - (y / 3) * (1 - (y * 0.25) * (1 - y / 5))));
  return -Math.expm1(-y);
}
