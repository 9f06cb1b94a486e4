// The discrete-event engine: owns time, the event queue, the wiring between models, the
// run's random streams, tracing and the spike record.
// Input: models (src/twin/model.ts), connections between their ports, stimulus streams,
//   a resolution (seconds per tick), a seed, an optional TraceSink and probe patterns.
// Output: a run to a given tick; per-model spike records, counters and event counts.
// Invariants: before init, the pulse edges of level out-ports reach the models they feed
//   (edges.ts, Model.inputEdges); events are dispatched in (tick, Prio, insertion) order; a message's fields
//   are read before it is released and before the handler runs (handlers may push);
//   the engine allocates nothing per event (typed-array queue; spike records grow by
//   doubling); nothing runs between events (idle time is free).
import { EventQueue } from './queue.js';
import { Prio, type Model, type ModelContext, type RandomSource, type Tick } from '../model.js';
import type { TraceSink } from '../../trace/sink.js';
import { createRng, type Rng } from '../rng.js';
import { SpikeSource } from './source.js';
import { inputEdges, type Link } from './edges.js';

export interface EngineOptions {
  /** Seconds per tick (default 1e-15). */
  resolution?: number;
  seed?: number;
  sink?: TraceSink | null;
  /**
   * Which signals to trace, as patterns over "path.signal" ('*' matches any run of
   * characters; a bare instance path selects all its signals). Default: all, when a sink is set.
   */
  probes?: readonly string[] | null;
  /** Width of a traced spike wire in seconds (default 1 ns, at least one tick). */
  spikeTraceWidth?: number;
}

interface Conn { target: number; inPort: number; fromLo: number; count: number; toLo: number; prio: number }

/** A growable record of (tick, channel) spikes for one model. */
export class SpikeRecord {
  t = new Float64Array(16);
  ch = new Int32Array(16);
  n = 0;
  push(t: number, ch: number): void {
    if (this.n === this.t.length) {
      const nt = new Float64Array(this.n * 2); nt.set(this.t); this.t = nt;
      const nc = new Int32Array(this.n * 2); nc.set(this.ch); this.ch = nc;
    }
    this.t[this.n] = t; this.ch[this.n] = ch; this.n++;
  }
}

function globToRegExp(p: string): RegExp {
  const esc = p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${esc}$`);
}

export class Engine {
  readonly resolution: number;
  readonly seed: number;
  now: Tick = 0;
  /** Events dispatched by the engine (models add their internal ones in counters.extra.events). */
  events = 0;
  readonly models: Model[] = [];
  readonly spikes: SpikeRecord[] = [];
  private readonly q = new EventQueue();
  private readonly index = new Map<Model, number>();
  private readonly fanout: Conn[][][] = [];
  private readonly spikePort: Uint8Array[] = [];
  private readonly timers: number[][] = [];
  private readonly ctxs: EngineContext[] = [];
  private readonly spikeWires: Int32Array[][] = [];
  private readonly rng: Rng;
  private readonly sink: TraceSink | null;
  private readonly probeRes: RegExp[] | null;
  private readonly spikeTraceTicks: number;
  private started = false;
  private until = Infinity;
  private traceTime = -1;

  constructor(opts: EngineOptions = {}) {
    this.resolution = opts.resolution ?? 1e-15;
    this.seed = opts.seed ?? 1;
    this.rng = createRng(this.seed);
    this.sink = opts.sink ?? null;
    this.probeRes = opts.probes ? opts.probes.map(globToRegExp) : null;
    this.spikeTraceTicks = Math.max(1, Math.round((opts.spikeTraceWidth ?? 1e-9) / this.resolution));
  }

  ticks(seconds: number): Tick { return Math.round(seconds / this.resolution); }
  seconds(t: Tick): number { return t * this.resolution; }

  /** Adds a model; returns its index. */
  add<M extends Model>(m: M): M {
    if (this.started) throw new Error('twin: add() after the run started');
    const i = this.models.length;
    this.models.push(m);
    this.index.set(m, i);
    this.fanout.push(m.ports.map(() => []));
    this.spikePort.push(Uint8Array.from(m.ports.map((p) => (p.dir === 'out' && p.signal === 'spike' ? 1 : 0))));
    this.timers.push([]);
    this.spikes.push(new SpikeRecord());
    this.spikeWires.push([]);
    this.ctxs.push(new EngineContext(this, i));
    return m;
  }

  private idx(m: Model): number {
    const i = this.index.get(m);
    if (i === undefined) throw new Error(`twin: model '${m.spec.path}' was not added`);
    return i;
  }

  static port(m: Model, name: string | number, dir: 'in' | 'out'): number {
    if (typeof name === 'number') return name;
    const i = m.ports.findIndex((p) => p.name === name && p.dir === dir);
    if (i < 0) throw new Error(`twin: ${m.spec.kind} '${m.spec.path}' has no ${dir}-port '${name}'`);
    return i;
  }

  /** Wires channels [fromLo, fromLo+count) of an out-port to an in-port starting at toLo. */
  connect(from: Model, out: string | number, to: Model, inp: string | number, o: { fromLo?: number; toLo?: number; count?: number } = {}): void {
    const fi = this.idx(from), ti = this.idx(to);
    const op = Engine.port(from, out, 'out'), ip = Engine.port(to, inp, 'in');
    const sp = from.ports[op]!, dp = to.ports[ip]!;
    const fromLo = o.fromLo ?? 0, toLo = o.toLo ?? 0;
    const count = o.count ?? Math.min(sp.width - fromLo, dp.width - toLo);
    if (fromLo + count > sp.width || toLo + count > dp.width || count < 0) {
      throw new Error(`twin: connection ${from.spec.path}.${sp.name} -> ${to.spec.path}.${dp.name}: channel range out of bounds`);
    }
    const prio = sp.signal === 'spike' ? Prio.SPIKE : sp.signal === 'clock' ? Prio.CLOCK : Prio.LEVEL;
    this.fanout[fi]![op]!.push({ target: ti, inPort: ip, fromLo, count, toLo, prio });
  }

  /**
   * Feeds a sorted stimulus (ticks, channels, optional values; default value 1) into an
   * in-port. A model that accepts the whole stream (attachStream) consumes it itself;
   * otherwise a SpikeSource model delivers it as STIMULUS-priority messages.
   */
  stimulus(to: Model, inp: string | number, times: Float64Array, chs: Int32Array, values: Float64Array | null = null, path = 'stimulus'): void {
    const ip = Engine.port(to, inp, 'in');
    for (let i = 1; i < times.length; i++) {
      if (!(times[i]! >= times[i - 1]!)) throw new Error('twin: stimulus times must be nondecreasing');
    }
    if (to.attachStream && to.attachStream(ip, times, chs, values)) return;
    const src = this.add(new SpikeSource(path, to.ports[ip]!.width, times, chs, values));
    this.connect(src, 'out', to, ip);
  }

  /**
   * Inits every model at tick 0 (once). A VCD declares every signal before the first value,
   * so the spike wires are declared first, and trace values written by a model's init are
   * held back until every model has declared its signals.
   */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (let i = 0; i < this.models.length; i++) {
      const m = this.models[i]!;
      const wires: Int32Array[] = [];
      m.ports.forEach((p, pi) => {
        if (p.dir !== 'out' || p.signal !== 'spike' || !this.probed(m.spec.path, p.name)) { wires[pi] = new Int32Array(0); return; }
        const hs = new Int32Array(p.width);
        for (let c = 0; c < p.width; c++) {
          hs[c] = this.sink!.declare({ scope: m.spec.path.split('.'), name: p.width > 1 ? `${p.name}[${c}]` : p.name, kind: 'wire' });
        }
        wires[pi] = hs;
      });
      this.spikeWires[i] = wires;
    }
    this.tellEdges();
    this.initWrites = [];
    for (let i = 0; i < this.models.length; i++) this.models[i]!.init(this.ctxs[i]!);
    const held = this.initWrites;
    this.initWrites = null;
    for (const w of held) this.writeTrace(w.kind, w.h, w.v);
  }

  /**
   * Pulse edges (PortDecl rise/fall): tells each model with `inputEdges` the edges reaching
   * its level in-ports (src/twin/engine/edges.ts). Nothing to do when no port declares any.
   */
  private tellEdges(): void {
    if (!this.models.some((m) => m.ports.some((p) => (p.rise ?? 0) > 0 || (p.fall ?? 0) > 0))) return;
    const links: Link[] = [];
    this.fanout.forEach((ports, from) => ports.forEach((conns, out) => { for (const c of conns) links.push({ from, out, to: c.target, inp: c.inPort }); }));
    const edges = inputEdges(this.models, links);
    this.models.forEach((m, mi) => edges[mi]!.forEach((e, ip) => { if (e && m.inputEdges) m.inputEdges(ip, e.rise, e.fall); }));
  }

  /** Trace writes made during init, replayed once every signal is declared (null after init). */
  private initWrites: Array<{ kind: 'bit' | 'vec' | 'real'; h: number; v: number }> | null = null;

  writeTrace(kind: 'bit' | 'vec' | 'real', h: number, v: number): void {
    if (this.initWrites) { this.initWrites.push({ kind, h, v }); return; }
    this.traceAt(this.now);
    const sink = this.sink!;
    if (kind === 'bit') sink.bit(h, v as 0 | 1); else if (kind === 'vec') sink.vec(h, v); else sink.real(h, v);
  }

  probed(path: string, name: string): boolean {
    if (!this.sink) return false;
    if (!this.probeRes) return true;
    const full = `${path}.${name}`;
    return this.probeRes.some((r) => r.test(full) || r.test(path));
  }

  /**
   * Runs every event with tick <= until. `onProgress` (optional) is told the fraction of
   * [0, until] done every 2^16 events; it observes only, so results do not depend on it.
   */
  run(until: Tick, onProgress?: (fraction: number) => void): void {
    this.start();
    this.until = until;
    const q = this.q, models = this.models;
    let countdown = onProgress ? 65536 : Infinity;
    while (q.size > 0) {
      const e = q.top();
      const t = q.time[e]!;
      if (t > until) break;
      q.pop();
      this.now = t;
      this.events++;
      if (--countdown === 0) { countdown = 65536; onProgress!(t / until); }
      const target = q.target[e]!, code = q.code[e]!;
      if (target < 0) { // engine-internal: end of a traced spike wire
        q.release(e);
        this.traceAt(t); this.sink!.bit(code, 0);
      } else if (code >= 0) {
        const ch = q.ch[e]!, v = q.value[e]!;
        q.release(e);
        models[target]!.input(code, ch, v, t);
      } else {
        models[target]!.timer(-code - 1, t);
      }
    }
    if (until !== Infinity && until > this.now) this.now = until;
  }

  /** Advances every model to the current tick and closes its activity intervals. */
  finish(): void {
    for (const m of this.models) { m.advance(this.now); m.finish(this.now); }
  }

  /** Events dispatched plus the models' internal events. */
  totalEvents(): number {
    let n = this.events;
    for (const m of this.models) n += m.counters.extra['events'] ?? 0;
    return n;
  }

  // ---- services for EngineContext ----

  horizon(): Tick { return Math.min(this.q.topTime(), this.until + 1); }

  emit(mi: number, port: number, ch: number, value: number, t: Tick, prio: number): void {
    if (this.spikePort[mi]![port] === 1) {
      this.models[mi]!.counters.output_spikes++;
      this.spikes[mi]!.push(t, ch);
      const w = this.spikeWires[mi]![port];
      if (w !== undefined && w.length > 0) {
        this.traceAt(t); this.sink!.bit(w[ch]!, 1);
        this.q.push(t + this.spikeTraceTicks, Prio.PROBE, -1, w[ch]!, 0, 0);
      }
    }
    const conns = this.fanout[mi]![port]!;
    for (let k = 0; k < conns.length; k++) {
      const c = conns[k]!;
      const d = ch - c.fromLo;
      if (d < 0 || d >= c.count) continue;
      this.q.push(t, prio < 0 ? c.prio : prio, c.target, c.inPort, c.toLo + d, value);
    }
  }

  setTimer(mi: number, slot: number, t: Tick, prio: number): void {
    const ts = this.timers[mi]!;
    let e = ts[slot];
    if (e === undefined) { e = this.q.alloc(mi, -slot - 1, 0, 0); ts[slot] = e; }
    this.q.schedule(e, t, prio);
  }

  clearTimer(mi: number, slot: number): void {
    const e = this.timers[mi]![slot];
    if (e !== undefined) this.q.remove(e);
  }

  stream(path: string, key: string): RandomSource {
    return this.rng.stream(key.startsWith('@') ? key.slice(1) : `${path}/${key}`);
  }

  declare(mi: number, name: string, kind: 'wire' | 'vector' | 'real', opts: { width?: number; ch?: number; init?: number } = {}): number {
    const m = this.models[mi]!;
    if (!this.probed(m.spec.path, name)) return -1;
    const full = opts.ch === undefined ? name : `${name}[${opts.ch}]`;
    const spec = { scope: m.spec.path.split('.'), name: full, kind, ...(opts.width !== undefined ? { width: opts.width } : {}), ...(opts.init !== undefined ? { init: opts.init } : {}) };
    this.ctxs[mi]!.tracing = true;
    return this.sink!.declare(spec);
  }

  traceAt(t: Tick): void {
    if (t !== this.traceTime) { this.sink!.time(t); this.traceTime = t; }
  }

  get traceSink(): TraceSink | null { return this.sink; }
}

/** The per-model view of the engine (src/twin/model.ts ModelContext). */
class EngineContext implements ModelContext {
  tracing = false;
  constructor(private readonly e: Engine, private readonly mi: number) {}
  get resolution(): number { return this.e.resolution; }
  get now(): Tick { return this.e.now; }
  ticks(seconds: number): Tick { return this.e.ticks(seconds); }
  seconds(t: Tick): number { return this.e.seconds(t); }
  emit(port: number, ch: number, value: number): void { this.e.emit(this.mi, port, ch, value, this.e.now, -1); }
  emitAt(port: number, ch: number, value: number, t: Tick, prio?: Prio): void {
    if (t < this.e.now) throw new Error(`twin: emitAt in the past (${t} < ${this.e.now})`);
    this.e.emit(this.mi, port, ch, value, t, prio ?? -1);
  }
  setTimer(slot: number, t: Tick, prio: Prio = Prio.TIMER): void {
    if (t < this.e.now) throw new Error(`twin: setTimer in the past (${t} < ${this.e.now})`);
    this.e.setTimer(this.mi, slot, t, prio);
  }
  clearTimer(slot: number): void { this.e.clearTimer(this.mi, slot); }
  horizon(): Tick { return this.e.horizon(); }
  advanceTo(t: Tick): void {
    if (t < this.e.now || t >= this.e.horizon()) throw new Error(`twin: advanceTo(${t}) outside [now, horizon)`);
    this.e.now = t;
  }
  rng(key: string): RandomSource { return this.e.stream(this.e.models[this.mi]!.spec.path, key); }
  declare(name: string, kind: 'wire' | 'vector' | 'real', opts?: { width?: number; ch?: number; init?: number }): number {
    return this.e.declare(this.mi, name, kind, opts);
  }
  bit(h: number, v: 0 | 1): void { this.e.writeTrace('bit', h, v); }
  vec(h: number, v: number): void { this.e.writeTrace('vec', h, v); }
  real(h: number, x: number): void { this.e.writeTrace('real', h, x); }
}
