// IR -> a runnable twin: one model per instance (or one fused PeMacroS1 for an
// io -> crossbar -> tia -> srm chain), wired as the IR's connections say.
// Input: a DesignIR (src/elaborate/ir.ts), an Engine, options (weights, fusion, a timescale
//   override for the time-scaling property).
// Output: the models in the engine, the map from instance paths to models and ports, the
//   design's input (where a stimulus goes) and a list of user errors (nothing is thrown for
//   a design the twin cannot run; an internal inconsistency still throws).
// Invariants: every property is read from InstanceIR.component.props by its registry name
//   (src/semantics/kinds) and converted to the model's hardware-time parameters: `scaled`
//   time constants are divided by the macro's timescale; the io spike width is a hardware
//   time at the declared timescale and, when the timescale is overridden, keeps its share of
//   the data time (width x declared / run timescale), so that a design and its retimed copy
//   are the same circuit at two speeds.
// Kinds: one builder per kind in BUILDERS (crossbar, tia, srm, lif, io here; the S2/S3/S4
//   kinds through S234_FACTORIES and modelValues). Couplings decided here:
//   - a crossbar whose columns drive ts_hybrid neurons outputs each column's open-circuit
//     voltage sum(G V) / sum(G) (S2's node 1 is a high-impedance node: grounded rows load it);
//     the neuron keeps its r_series (the stand-alone test resistor) between that voltage and
//     node 1, in place of the column's own 1 / sum(G) (both far below the OFF device);
//   - single-ended crossbars read their devices alone (no reference column): I = sum V G;
//   - tia `invert` does not flip the sign (see tiaValues);
//   - lia.out -> crossbar.gates: a low gate blocks that column's synapses (S2's WTA);
//   - hebbian/stdp update -> crossbar.learn (rows*cols channels, absolute conductances); the
//     rule starts from the crossbar's programmed device conductances (synced at init);
//   - network layers: `A -> B` wires the neurons that A's macro sends to its io receivers
//     into the io drivers of B's macro; the stimulus enters the layer fed by a network input;
//   - a tia's finite bandwidth is a pole that its consumer integrates (models/tia.ts): srm
//     and lif neurons get it as `tau_in`; a tia with a bandwidth that feeds anything else,
//     or a neuron fed through different poles, is an error (the twin refuses to run rather
//     than drop the bandwidth);
//   - fusion into PeMacroS1 is declined while s1FusionBlocker names a feature it lacks.
import type { DesignIR, InstanceIR } from '../elaborate/ir.js';
import type { Engine } from './engine/engine.js';
import { params, type RawValue } from './engine/params.js';
import type { Model, ModelSpec } from './model.js';
import { Crossbar } from './models/crossbar.js';
import { Tia } from './models/tia.js';
import { Srm } from './models/srm.js';
import { Lif } from './models/lif.js';
import { IoDriver } from './models/io.js';
import { modelValues, S234_FACTORIES } from './models/s234-ir.js';
import { PeMacroS1 } from './macro-s1.js';
import { SyncedHebbian, SyncedStdp } from './build-learn.js';
import { crossbarValues, lifValues, num, srmValues, tiaPole, tiaValues, timescaleOf, vddOf } from './build-values.js';
import { s1FusionBlocker } from './macro-s1-build.js';
import { formatQuantity } from '../units/quantity.js';
import { D } from '../units/dimension.js';

export interface BuildOptions {
  /** Weights per crossbar path (row-major rows x cols), overriding the `weights` file. */
  weights?: Record<string, ArrayLike<number>>;
  /** Folder the IR's relative file names are read from (default: the working directory). */
  baseDir?: string;
  /** Fuse io -> crossbar -> tia -> srm chains into PeMacroS1 (default true). */
  fuse?: boolean;
  /** Run at this timescale instead of the declared one (see the header). */
  timescale?: number;
}

export interface Built {
  /** Instance path -> the model standing for it. */
  models: Map<string, Model>;
  /**
   * Where stimulus channels go: a model, its in-port, its width, the pulse amplitude (V) and
   * the pulse width (hardware seconds) the driver gives each input spike.
   */
  input: { path: string; model: Model; port: string; width: number; amplitude: number; pulseWidth?: number } | null;
  /** Timescale of the run (hardware = data / timescale). */
  timescale: number;
  errors: string[];
}

/** What a kind's builder gets: the IR, the options and the design's graph. */
interface Ctx {
  ir: DesignIR;
  opts: BuildOptions;
  errors: string[];
  byPath: Map<string, InstanceIR>;
  into(p: string, port: string): DesignIR['connections'];
  outOf(p: string, port: string): DesignIR['connections'];
  /** The run's timescale for an instance. */
  k(p: string): number;
  /** Declared / run timescale: io widths keep their share of data time. */
  retime(p: string): number;
  /** Network layer weight files per crossbar path. */
  layerWeights: Map<string, string>;
  /** Models built so far (crossbars come first, so rules can refer to them). */
  models: Map<string, Model>;
}

function spec(inst: InstanceIR, kind: string, values: Record<string, RawValue>, k: number): ModelSpec {
  return { path: inst.path, kind, shape: inst.shape, params: params(values, 1, [], inst.path), timescale: k };
}

const ioShape = (cx: Ctx, io: InstanceIR): InstanceIR => ({ ...io, shape: [num(io.component.props, 'drivers') ?? cx.outOf(io.path, 'out')[0]?.from.width ?? 1] });
const ioFor = (cx: Ctx, xb: InstanceIR) => cx.into(xb.path, 'rows').map((c) => cx.byPath.get(c.from.instance)).find((i) => i?.kind === 'io');

function ioModel(cx: Ctx, io: InstanceIR, amplitude: number): IoDriver {
  const props = io.component.props, r = cx.retime(io.path);
  const rise = (num(props, 'rise_time') ?? 0) * r, fall = (num(props, 'fall_time') ?? 0) * r;
  // Edges only when there are any: rectangular pulses keep their parameter record (and twins).
  return new IoDriver(spec(ioShape(cx, io), 'io', { width: (num(props, 'spike_width') ?? 1e-9) * r, amplitude, ...(rise > 0 || fall > 0 ? { rise, fall } : {}) }, cx.k(io.path)));
}

/** Kinds whose models integrate ramped (trapezoid) inputs exactly (Model.inputEdges). */
const EDGE_CONSUMERS = new Set(['dpi_lif']);

/**
 * An io with rise/fall edges may reach (through crossbars and TIAs, which pass ramps on) only
 * models that integrate ramps; else an error naming the io and the consumer.
 */
function ioEdgesOk(cx: Ctx, io: InstanceIR): boolean {
  const rise = num(io.component.props, 'rise_time') ?? 0, fall = num(io.component.props, 'fall_time') ?? 0;
  if (rise <= 0 && fall <= 0) return true;
  const seen = new Set<string>();
  const reach = (path: string): InstanceIR | null => {
    for (const c of cx.outOf(path, 'out').concat(cx.outOf(path, 'columns'))) {
      const to = cx.byPath.get(c.to.instance);
      if (!to || seen.has(to.path)) continue;
      seen.add(to.path);
      if (to.kind === 'crossbar' || to.kind === 'tia') { const bad = reach(to.path); if (bad) return bad; }
      else if (!EDGE_CONSUMERS.has(to.kind)) return to;
    }
    return null;
  };
  const bad = reach(io.path);
  if (!bad) return true;
  cx.errors.push(`io '${io.path}' has pulse edges (rise_time/fall_time), which reach ${bad.kind} '${bad.path}': the twin integrates ramped inputs exactly only in dpi_lif neurons; set rise_time and fall_time to 0 (rectangular pulses) for this design`);
  return false;
}

function crossbarSetup(cx: Ctx, xb: InstanceIR, io: InstanceIR | undefined, errors: string[]) {
  return crossbarValues(xb, io, cx.opts.weights?.[xb.path], cx.layerWeights.get(xb.path), cx.opts.baseDir ?? process.cwd(), errors);
}

/** The crossbar a learning rule's update port drives, if any. */
function ruleTarget(cx: Ctx, rule: InstanceIR): InstanceIR | undefined {
  return cx.outOf(rule.path, 'update').map((c) => cx.byPath.get(c.to.instance)).find((i) => i?.kind === 'crossbar');
}

/** S2/S3/S4 kinds: registry values, plus what their models take from the design. */
function s234(cx: Ctx, inst: InstanceIR): Model | null {
  const k = cx.k(inst.path);
  const values = modelValues(inst.component, k);
  const vdd = vddOf(cx.ir, inst.path);
  if (vdd !== undefined && (inst.kind === 'adaptive_threshold' || inst.kind === 'clock') && values['vdd'] === undefined) values['vdd'] = vdd;
  if (inst.kind === 'hebbian' || inst.kind === 'stdp') {
    const xbI = ruleTarget(cx, inst);
    const xb = xbI ? cx.models.get(xbI.path) : undefined;
    if (xbI && xb instanceof Crossbar) {
      const [r, c] = [inst.shape[0] ?? 1, inst.shape[1] ?? 1];
      if (r !== xb.dev.rows || c !== xb.dev.cols) {
        cx.errors.push(`'${inst.path}' is ${r} x ${c} but the crossbar '${xbI.path}' it trains is ${xb.dev.rows} x ${xb.dev.cols}`);
        return null;
      }
      const d = xb.dev;
      values['device.g_min'] ??= d.gMin;
      values['device.g_max'] ??= d.gMax;
      const dev = xbI.component.props['device'];
      const nu = dev && 'component' in dev ? num(dev.component.props, 'nonlinearity') : undefined;
      if (nu !== undefined) values['device.nonlinearity'] ??= nu;
      const s = spec(inst, inst.kind, values, k);
      return inst.kind === 'hebbian' ? new SyncedHebbian(s, xb) : new SyncedStdp(s, xb);
    }
  }
  return S234_FACTORIES[inst.kind]!(spec(inst, inst.kind, values, k));
}

/** Neuron kinds that integrate a TIA's pole (`tau_in`). */
const POLE_CONSUMERS = new Set(['srm', 'lif']);

/**
 * The input pole (hardware s, 0: none) of a neuron: that of the TIAs feeding its `in` port,
 * or null (an error pushed) when its sources have different poles.
 */
function inputPole(cx: Ctx, inst: InstanceIR): number | null {
  const taus = cx.into(inst.path, 'in').map((c) => {
    const src = cx.byPath.get(c.from.instance);
    return src?.kind === 'tia' ? tiaPole(src.component.props) : 0;
  });
  if (taus.some((t) => t !== taus[0])) {
    cx.errors.push(`'${inst.path}' is fed through TIAs of different bandwidths (or with and without one): the twin models one input pole per neuron instance; give them the same bandwidth`);
    return null;
  }
  return taus[0] ?? 0;
}

/** A tia with a bandwidth may feed only neurons that integrate its pole; else an error. */
function tiaBandwidthOk(cx: Ctx, inst: InstanceIR): boolean {
  const bw = num(inst.component.props, 'bandwidth');
  if (bw === undefined) return true;
  for (const c of cx.outOf(inst.path, 'out')) {
    const to = cx.byPath.get(c.to.instance);
    if (to && !POLE_CONSUMERS.has(to.kind)) {
      cx.errors.push(`tia '${inst.path}' bandwidth = ${formatQuantity(bw, D.frequency)}: it feeds ${to.kind} '${to.path}', and the twin models a finite TIA bandwidth only into srm and lif neurons (elsewhere it models an ideal TIA); remove bandwidth or set it to null`);
      return false;
    }
  }
  return true;
}

type Builder = (cx: Ctx, inst: InstanceIR) => Model | null;

const BUILDERS: Record<string, Builder> = {
  crossbar: (cx, inst) => {
    const io = ioFor(cx, inst);
    const x = crossbarSetup(cx, inst, io, cx.errors);
    const width = io ? (num(io.component.props, 'spike_width') ?? 1e-9) * cx.retime(io.path) : 0;
    const targets = cx.outOf(inst.path, 'columns').map((c) => cx.byPath.get(c.to.instance)?.kind);
    const voltage = targets.includes('ts_hybrid');
    if (voltage && targets.some((t) => t !== 'ts_hybrid')) {
      cx.errors.push(`the twin cannot drive ts_hybrid neurons and other loads from the same crossbar '${inst.path}'`);
      return null;
    }
    if (voltage && x.values['differential'] === true) {
      cx.errors.push(`the crossbar '${inst.path}' drives ts_hybrid neurons (a column voltage): it must be single-ended`);
      return null;
    }
    const plastic = cx.into(inst.path, 'learn').length > 0;
    const xb = new Crossbar(spec(inst, 'crossbar', { ...x.values, spike_width: width, output: voltage ? 'voltage' : 'current', plastic }, cx.k(inst.path)));
    xb.setWeights(x.weights);
    return xb;
  },
  tia: (cx, inst) => (tiaBandwidthOk(cx, inst) ? new Tia(spec(inst, 'tia', tiaValues(inst.component.props), cx.k(inst.path))) : null),
  srm: (cx, inst) => {
    const pole = inputPole(cx, inst);
    return pole === null ? null : new Srm(spec(inst, 'srm', srmValues(inst.component.props, cx.k(inst.path), pole), cx.k(inst.path)));
  },
  lif: (cx, inst) => {
    const src = cx.into(inst.path, 'in').map((c) => cx.byPath.get(c.from.instance)?.kind);
    const pole = inputPole(cx, inst);
    return pole === null ? null : new Lif(spec(inst, 'lif', lifValues(inst.component.props, cx.k(inst.path), src.includes('tia'), pole), cx.k(inst.path)));
  },
  io: (cx, inst) => {
    const xb = cx.outOf(inst.path, 'out').map((c) => cx.byPath.get(c.to.instance)).find((i) => i?.kind === 'crossbar');
    const amp = xb ? crossbarSetup(cx, xb, inst, []).amplitude : num(inst.component.props, 'spike_amplitude') ?? 0.2;
    return ioEdgesOk(cx, inst) ? ioModel(cx, inst, amp) : null;
  },
  ...Object.fromEntries(Object.keys(S234_FACTORIES).map((kind) => [kind, s234] as const)),
};

/** Kinds the twin can build. */

/** IR port name -> the model's port name. */
const PORT_ALIAS: Record<string, Record<string, string>> = {
  crossbar: { rows: 'in', columns: 'out' },
};

/** The io drivers of a macro (instance paths under it) that feed something. */
function driversOf(ir: DesignIR, macro: string): InstanceIR[] {
  return ir.instances.filter((i) => i.kind === 'io' && i.path.startsWith(macro + '.') && ir.connections.some((c) => c.from.instance === i.path && c.from.port === 'out'));
}

// ---- the builder ----

export function buildTwin(ir: DesignIR, engine: Engine, opts: BuildOptions = {}): Built {
  const errors: string[] = [];
  const models = new Map<string, Model>();
  const byPath = new Map(ir.instances.map((i) => [i.path, i]));
  const layerWeights = new Map<string, string>();
  for (const l of ir.network?.layers ?? []) {
    if (!l.weights || !l.macro) continue;
    const xbs = ir.instances.filter((i) => i.kind === 'crossbar' && i.path.startsWith(l.macro + '.'));
    if (xbs.length === 1) layerWeights.set(xbs[0]!.path, l.weights.file);
    else errors.push(`layer '${l.name}' has weights but ${xbs.length} crossbars: the twin cannot tell which one they program`);
  }
  const cx: Ctx = {
    ir, opts, errors, byPath, layerWeights, models,
    into: (p, port) => ir.connections.filter((c) => c.to.instance === p && c.to.port === port),
    outOf: (p, port) => ir.connections.filter((c) => c.from.instance === p && c.from.port === port),
    k: (p) => opts.timescale ?? timescaleOf(ir, p),
    retime: (p) => timescaleOf(ir, p) / (opts.timescale ?? timescaleOf(ir, p)),
  };

  // Fusion: io.out -> xb.rows, xb.columns -> t.in, t.out -> n.in (srm), each the only link.
  const fused = new Set<string>();
  const inputs = new Map<string, NonNullable<Built['input']>>(); // io path -> where its stimulus goes
  if (opts.fuse ?? true) {
    for (const n of ir.instances.filter((i) => i.kind === 'srm')) {
      const c1 = cx.into(n.path, 'in');
      const t = c1.length === 1 ? byPath.get(c1[0]!.from.instance) : undefined;
      if (!t || t.kind !== 'tia' || cx.outOf(t.path, 'out').length !== 1 || cx.into(t.path, 'in').length !== 1) continue;
      const xb = byPath.get(cx.into(t.path, 'in')[0]!.from.instance);
      if (!xb || xb.kind !== 'crossbar' || cx.outOf(xb.path, 'columns').length !== 1) continue;
      if (ir.connections.some((c) => c.to.instance === xb.path && c.to.port !== 'rows')) continue; // gates, learning
      const rowsIn = cx.into(xb.path, 'rows');
      const io = rowsIn.length === 1 ? byPath.get(rowsIn[0]!.from.instance) : undefined;
      if (!io || io.kind !== 'io' || cx.outOf(io.path, 'out').length !== 1) continue;
      if ((num(io.component.props, 'rise_time') ?? 0) > 0 || (num(io.component.props, 'fall_time') ?? 0) > 0) continue; // edges: the chain (refused below)
      const xErrors: string[] = [];
      const x = crossbarSetup(cx, xb, io, xErrors);
      const ioM = ioModel(cx, io, x.amplitude);
      const xbM = new Crossbar(spec(xb, 'crossbar', { ...x.values, spike_width: ioM.pulseWidth }, cx.k(xb.path)));
      const tM = new Tia(spec(t, 'tia', tiaValues(t.component.props), cx.k(t.path)));
      const nM = new Srm(spec(n, 'srm', srmValues(n.component.props, cx.k(n.path)), cx.k(n.path)));
      if (s1FusionBlocker(xbM, tM, nM) !== null) continue; // built as the chain below
      errors.push(...xErrors);
      const m = engine.add(new PeMacroS1({ ...nM.spec, kind: 'pe_macro_s1' }, { io: ioM, crossbar: xbM, tia: tM, srm: nM, weights: x.weights }));
      for (const q of [io.path, xb.path, t.path, n.path]) { models.set(q, m); fused.add(q); }
      inputs.set(io.path, { path: io.path, model: m, port: 'in', width: ioM.width, amplitude: ioM.amplitude, pulseWidth: ioM.pulseWidth });
    }
  }

  // Crossbars first (learning rules read theirs), then the rest in IR order.
  const order = [...ir.instances.filter((i) => i.kind === 'crossbar'), ...ir.instances.filter((i) => i.kind !== 'crossbar')];
  for (const inst of order) {
    if (fused.has(inst.path)) continue;
    const b = BUILDERS[inst.kind];
    if (!b) { errors.push(`the twin has no model for '${inst.path}' (kind ${inst.kind}) yet`); continue; }
    let m: Model | null;
    try { m = b(cx, inst); } catch (e) {
      errors.push(`cannot build '${inst.path}' (${inst.kind}): ${e instanceof Error ? e.message.replace(/^twin: /, '') : String(e)}`);
      continue;
    }
    if (!m) continue;
    engine.add(m); models.set(inst.path, m);
    if (m instanceof IoDriver) inputs.set(inst.path, { path: inst.path, model: m, port: 'in', width: m.width, amplitude: m.amplitude, pulseWidth: m.pulseWidth });
  }

  const link = (a: Model, ap: string, b: Model, bp: string, what: string): void => {
    const op = a.ports.find((q) => q.name === ap && q.dir === 'out'), ip = b.ports.find((q) => q.name === bp && q.dir === 'in');
    if (!op || !ip) { errors.push(`the twin cannot connect ${what} yet`); return; }
    if (op.width !== ip.width) { errors.push(`${what}: ${op.width} channels into ${ip.width}`); return; }
    engine.connect(a, ap, b, bp);
  };

  // Wiring (connections inside a fused group are already inside its model).
  for (const c of ir.connections) {
    if (fused.has(c.from.instance) && fused.has(c.to.instance)) continue;
    const a = models.get(c.from.instance), b = models.get(c.to.instance);
    if (!a || !b) continue;
    const ak = byPath.get(c.from.instance)!.kind, bk = byPath.get(c.to.instance)!.kind;
    if (bk === 'io' && c.to.port === 'in') continue; // receivers: the spikes are recorded at the neurons
    const ap = a instanceof PeMacroS1 ? 'out' : PORT_ALIAS[ak]?.[c.from.port] ?? c.from.port;
    const bp = b instanceof PeMacroS1 ? 'in' : PORT_ALIAS[bk]?.[c.to.port] ?? c.to.port;
    link(a, ap, b, bp, `${c.from.instance}.${c.from.port} -> ${c.to.instance}.${c.to.port}`);
  }

  // Network layers: A -> B feeds what A's macro sends to its receivers into B's drivers.
  let entry: InstanceIR | undefined;
  for (const nc of ir.network?.connections ?? []) {
    const to = ir.network!.layers.find((l) => l.name === nc.to);
    if (!to) continue;
    if (to.software || !to.macro) { errors.push(`layer '${to.name}' runs in software: the twin simulates hardware layers only`); continue; }
    const drivers = driversOf(ir, to.macro);
    if (drivers.length !== 1) { errors.push(`layer '${to.name}' has ${drivers.length} io drivers: the twin needs one`); continue; }
    const from = ir.network!.layers.find((l) => l.name === nc.from);
    if (!from) { entry ??= drivers[0]; continue; } // a network input: the stimulus goes here
    if (from.software || !from.macro) { errors.push(`layer '${from.name}' runs in software: the twin simulates hardware layers only`); continue; }
    const sends = ir.connections.filter((c) => c.to.port === 'in' && byPath.get(c.to.instance)?.kind === 'io' && c.to.instance.startsWith(from.macro + '.'));
    const dst = models.get(drivers[0]!.path);
    for (const s of sends) {
      const src = models.get(s.from.instance);
      if (!src || !dst) continue;
      link(src, src instanceof PeMacroS1 ? 'out' : s.from.port, dst, 'in', `layer ${from.name} (${s.from.instance}.${s.from.port}) -> layer ${to.name} (${drivers[0]!.path}.in)`);
    }
  }

  // The stimulus: into the layer fed by a network input, else the first io of the design.
  const firstIo = ir.instances.find((i) => i.kind === 'io' && inputs.has(i.path));
  const input = (entry ? inputs.get(entry.path) : undefined) ?? (firstIo ? inputs.get(firstIo.path)! : null);
  const top = ir.macros.find((m) => m.path === '');
  return { models, input, timescale: opts.timescale ?? top?.timescale ?? 1, errors };
}
