// IR -> a runnable twin: one model per instance (or one fused PeMacroS1 for an
// io -> crossbar -> tia -> srm chain), wired as the IR's connections say.
// Input: a DesignIR (src/elaborate/ir.ts), an Engine, options (weights, fusion, a timescale
//   override for the time-scaling property).
// Output: the models in the engine, the map from instance paths to models and ports, the
//   design's input (where a stimulus goes) and a list of user errors (nothing is thrown for
//   a design the twin cannot run; an internal inconsistency still throws).
// Invariants: every property is read from InstanceIR.component.props by its registry name
//   (src/semantics/kinds) and converted here to the model's hardware-time parameters:
//   `scaled` time constants are divided by the macro's timescale; the io spike width is a
//   hardware time at the declared timescale and, when the timescale is overridden, keeps its
//   share of the data time (width x declared / run timescale), so that a design and its
//   retimed copy are the same circuit at two speeds.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ComponentIR, DesignIR, InstanceIR, Value } from '../elaborate/ir.js';
import type { Engine } from './engine/engine.js';
import { params, type RawValue } from './engine/params.js';
import type { Model, ModelSpec } from './model.js';
import { Crossbar } from './models/crossbar.js';
import { Tia } from './models/tia.js';
import { Srm } from './models/srm.js';
import { Lif } from './models/lif.js';
import { IoDriver } from './models/io.js';
import { PeMacroS1 } from './macro-s1.js';
import { nmosOnResistance } from '../semantics/kinds/index.js';

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
  /** Where stimulus channels go: a model, its in-port, its width. */
  input: { path: string; model: Model; port: string; width: number; amplitude: number } | null;
  /** Timescale of the run (hardware = data / timescale). */
  timescale: number;
  errors: string[];
}

// ---- reading IR values ----

type Props = Record<string, Value>;
const num = (p: Props, k: string): number | undefined => { const v = p[k]; return v && 'q' in v ? v.q : undefined; };
const enm = (p: Props, k: string): string | undefined => { const v = p[k]; return v && 'enum' in v ? v.enum : v && 'str' in v ? v.str : undefined; };
const bool = (p: Props, k: string): boolean | undefined => { const v = p[k]; return v && 'bool' in v ? v.bool : undefined; };
const intv = (p: Props, k: string): [number, number] | undefined => { const v = p[k]; return v && 'interval' in v ? v.interval : undefined; };
const comp = (p: Props, k: string): ComponentIR | undefined => { const v = p[k]; return v && 'component' in v ? v.component : undefined; };
const str = (p: Props, k: string): string | undefined => { const v = p[k]; return v && 'str' in v ? v.str : undefined; };

function spec(inst: InstanceIR, kind: string, values: Record<string, RawValue>, k: number): ModelSpec {
  return { path: inst.path, kind, shape: inst.shape, params: params(values, 1, [], inst.path), timescale: k };
}

/** The timescale of the innermost macro containing an instance path. */
function timescaleOf(ir: DesignIR, p: string): number {
  let best = ir.macros.find((m) => m.path === '')?.timescale ?? 1, len = -1;
  for (const m of ir.macros) {
    if (m.path !== '' && (p === m.path || p.startsWith(m.path + '.')) && m.path.length > len) { best = m.timescale; len = m.path.length; }
  }
  return best;
}

function loadWeights(file: string, baseDir: string, rows: number, cols: number, errors: string[]): Float64Array | null {
  const full = path.resolve(baseDir, file);
  if (!full.endsWith('.json')) { errors.push(`weights '${file}': only JSON {"shape","weights"} is read by the twin`); return null; }
  try {
    const j = JSON.parse(fs.readFileSync(full, 'utf8')) as { shape?: number[]; weights?: unknown };
    const flat = (Array.isArray(j.weights) ? (j.weights as unknown[]).flat(Infinity) : []) as number[];
    if (flat.length !== rows * cols) { errors.push(`weights '${file}' have ${flat.length} values, the crossbar needs ${rows} x ${cols}`); return null; }
    return Float64Array.from(flat);
  } catch (e) {
    errors.push(`cannot read weights '${file}': ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}

// ---- per-kind parameter mapping (registry names -> model parameters, hardware time) ----

function crossbarValues(inst: InstanceIR, io: InstanceIR | undefined, opts: BuildOptions, errors: string[]): { values: Record<string, RawValue>; weights: ArrayLike<number>; amplitude: number } {
  const p = inst.component.props, dev = comp(p, 'device')?.props ?? {}, sel = comp(p, 'selector')?.props;
  const [rows, cols] = [inst.shape[0] ?? 1, inst.shape[1] ?? 1];
  const gMin = num(dev, 'g_min') ?? 1e-6, gMax = num(dev, 'g_max') ?? 1e-4;
  const bits = num(p, 'bits');
  const levels = bits !== undefined ? Math.min(2 ** bits, num(dev, 'levels') ?? Infinity) : num(dev, 'levels') ?? 0;
  let rOn = 0;
  if (enm(p, 'cell') !== '1R' && sel) {
    const wl = num(p, 'selector_wl') ?? num(sel, 'wl');
    rOn = num(sel, 'r_on') ?? (wl !== undefined ? nmosOnResistance(num(sel, 'k_prime')!, wl, num(sel, 'v_gate')!, num(sel, 'v_th')!) : 0);
  }
  const rLine = num(p, 'r_line') ?? num(dev, 'r_line') ?? 0;
  const cLine = num(p, 'c_line');
  const differential = bool(p, 'differential') ?? false;
  const physCols = differential ? 2 * cols : cols;
  // Row line as a distributed RC across the physical columns: tau ~ R_total C_total / 2.
  const tauLine = cLine !== undefined ? (rLine * physCols * cLine * physCols) / 2 : 0;
  const amplitude = num(p, 'read_voltage') ?? (io ? num(io.component.props, 'spike_amplitude') : undefined) ?? num(dev, 'read_voltage') ?? 0.2;
  let weights: ArrayLike<number> | null = opts.weights?.[inst.path] ?? null;
  const file = str(p, 'weights');
  if (!weights && file) weights = loadWeights(file, opts.baseDir ?? process.cwd(), rows, cols, errors);
  const gInit = num(p, 'g_init');
  if (!weights) weights = new Float64Array(rows * cols).fill(gInit !== undefined && !differential ? (gInit - gMin) / (gMax - gMin) : 0);
  return {
    amplitude, weights,
    values: {
      g_min: gMin, g_max: gMax, levels, w_max: 1, differential,
      program_sigma: num(p, 'program_sigma') ?? num(dev, 'program_sigma') ?? 0,
      program_dist: enm(dev, 'program_dist') ?? 'normal',
      read_sigma: num(p, 'read_noise') ?? num(dev, 'read_noise') ?? 0,
      stuck_on: num(dev, 'stuck_on') ?? 0, stuck_off: num(dev, 'stuck_off') ?? 0,
      r_wire: rLine, r_on: rOn, config: enm(p, 'config') ?? 'MOD',
      v_gate: sel ? num(sel, 'v_gate') ?? Infinity : Infinity, v_th_sel: sel ? num(sel, 'v_th') ?? 0 : 0,
      tau_line: tauLine,
    },
  };
}

function srmValues(p: Props, k: number): Record<string, RawValue> {
  return {
    tau_s: num(p, 'tau_s')! / k, tau_r: num(p, 'tau_r')! / k, theta: num(p, 'theta') ?? 1,
    v_th: (num(p, 'threshold') ?? 0.5) + (num(p, 'offset') ?? 0),
    clip: intv(p, 'clip') ?? null,
  };
}

function lifValues(p: Props, k: number, fromTia: boolean): Record<string, RawValue> {
  return {
    tau_m: num(p, 'tau_m')! / k, v_th: (num(p, 'threshold') ?? 0.5) + (num(p, 'offset') ?? 0),
    v_rest: num(p, 'v_rest') ?? 0, v_reset: num(p, 'v_reset') ?? 0, reset: enm(p, 'reset') ?? 'hard',
    t_ref: (num(p, 'refractory') ?? 0) / k, gain: fromTia ? 1 : num(p, 'r_m') ?? 1,
  };
}

function tiaValues(p: Props): Record<string, RawValue> {
  const g = num(p, 'gain') ?? 10e3;
  return { gain: bool(p, 'invert') ? -g : g, clip: intv(p, 'clip') ?? null, offset: num(p, 'offset') ?? 0 };
}

/** IR port name -> the model's port name. */
const PORT_ALIAS: Record<string, Record<string, string>> = {
  crossbar: { rows: 'in', columns: 'out' },
};

// ---- the builder ----

export function buildTwin(ir: DesignIR, engine: Engine, opts: BuildOptions = {}): Built {
  const errors: string[] = [];
  const models = new Map<string, Model>();
  const byPath = new Map(ir.instances.map((i) => [i.path, i]));
  const into = (p: string, port: string) => ir.connections.filter((c) => c.to.instance === p && c.to.port === port);
  const outOf = (p: string, port: string) => ir.connections.filter((c) => c.from.instance === p && c.from.port === port);
  const kOf = (p: string) => opts.timescale ?? timescaleOf(ir, p);
  const retime = (p: string) => timescaleOf(ir, p) / kOf(p); // io widths keep their share of data time
  const ioFor = (xb: InstanceIR) => into(xb.path, 'rows').map((c) => byPath.get(c.from.instance)).find((i) => i?.kind === 'io');

  const ioModel = (io: InstanceIR, amplitude: number) => new IoDriver(spec(io, 'io', {
    width: (num(io.component.props, 'spike_width') ?? 1e-9) * retime(io.path), amplitude,
  }, kOf(io.path)));
  const ioShape = (io: InstanceIR): InstanceIR => ({ ...io, shape: [num(io.component.props, 'drivers') ?? outOf(io.path, 'out')[0]?.from.width ?? 1] });

  // Fusion: io.out -> xb.rows, xb.columns -> t.in, t.out -> n.in (srm), each the only link.
  const fused = new Set<string>();
  let input: Built['input'] = null;
  if (opts.fuse ?? true) {
    for (const n of ir.instances.filter((i) => i.kind === 'srm')) {
      const c1 = into(n.path, 'in');
      const t = c1.length === 1 ? byPath.get(c1[0]!.from.instance) : undefined;
      if (!t || t.kind !== 'tia' || outOf(t.path, 'out').length !== 1 || into(t.path, 'in').length !== 1) continue;
      const xb = byPath.get(into(t.path, 'in')[0]!.from.instance);
      if (!xb || xb.kind !== 'crossbar' || outOf(xb.path, 'columns').length !== 1) continue;
      if (ir.connections.some((c) => c.to.instance === xb.path && c.to.port !== 'rows')) continue; // gates, learning
      const rowsIn = into(xb.path, 'rows');
      const io = rowsIn.length === 1 ? byPath.get(rowsIn[0]!.from.instance) : undefined;
      if (!io || io.kind !== 'io' || outOf(io.path, 'out').length !== 1) continue;
      const x = crossbarValues(xb, io, opts, errors);
      const ioM = ioModel(ioShape(io), x.amplitude);
      const xbM = new Crossbar(spec(xb, 'crossbar', { ...x.values, spike_width: ioM.pulseWidth }, kOf(xb.path)));
      const tM = new Tia(spec(t, 'tia', tiaValues(t.component.props), kOf(t.path)));
      const nM = new Srm(spec(n, 'srm', srmValues(n.component.props, kOf(n.path)), kOf(n.path)));
      const m = engine.add(new PeMacroS1({ ...nM.spec, kind: 'pe_macro_s1' }, { io: ioM, crossbar: xbM, tia: tM, srm: nM, weights: x.weights }));
      for (const q of [io.path, xb.path, t.path, n.path]) { models.set(q, m); fused.add(q); }
      input ??= { path: io.path, model: m, port: 'in', width: ioM.width, amplitude: ioM.amplitude };
    }
  }

  for (const inst of ir.instances) {
    if (fused.has(inst.path)) continue;
    const p = inst.component.props, k = kOf(inst.path);
    let m: Model | null = null;
    switch (inst.kind) {
      case 'crossbar': {
        const io = ioFor(inst);
        const x = crossbarValues(inst, io, opts, errors);
        const width = io ? (num(io.component.props, 'spike_width') ?? 1e-9) * retime(io.path) : 0;
        const xb = new Crossbar(spec(inst, 'crossbar', { ...x.values, spike_width: width }, k));
        xb.setWeights(x.weights);
        m = xb;
        break;
      }
      case 'tia': m = new Tia(spec(inst, 'tia', tiaValues(p), k)); break;
      case 'srm': m = new Srm(spec(inst, 'srm', srmValues(p, k), k)); break;
      case 'lif': {
        const src = into(inst.path, 'in').map((c) => byPath.get(c.from.instance)?.kind);
        m = new Lif(spec(inst, 'lif', lifValues(p, k, src.includes('tia')), k));
        break;
      }
      case 'io': {
        const xb = outOf(inst.path, 'out').map((c) => byPath.get(c.to.instance)).find((i) => i?.kind === 'crossbar');
        const amp = xb ? crossbarValues(xb, inst, opts, []).amplitude : num(p, 'spike_amplitude') ?? 0.2;
        m = ioModel(ioShape(inst), amp);
        break;
      }
      default:
        errors.push(`the twin has no model for '${inst.path}' (kind ${inst.kind}) yet`);
    }
    if (m) { engine.add(m); models.set(inst.path, m); }
  }

  // Wiring (connections inside a fused group are already inside its model).
  for (const c of ir.connections) {
    if (fused.has(c.from.instance) && fused.has(c.to.instance)) continue;
    const a = models.get(c.from.instance), b = models.get(c.to.instance);
    if (!a || !b) continue;
    const ak = byPath.get(c.from.instance)!.kind, bk = byPath.get(c.to.instance)!.kind;
    if (bk === 'io' && c.to.port === 'in') continue; // receivers: the spikes are recorded at the neurons
    const ap = a instanceof PeMacroS1 ? 'out' : PORT_ALIAS[ak]?.[c.from.port] ?? c.from.port;
    const bp = b instanceof PeMacroS1 ? 'in' : PORT_ALIAS[bk]?.[c.to.port] ?? c.to.port;
    if (!a.ports.some((q) => q.name === ap && q.dir === 'out') || !b.ports.some((q) => q.name === bp && q.dir === 'in')) {
      errors.push(`the twin cannot connect ${c.from.instance}.${c.from.port} -> ${c.to.instance}.${c.to.port} yet`);
      continue;
    }
    engine.connect(a, ap, b, bp);
  }

  if (!input) {
    const io = ir.instances.find((i) => i.kind === 'io' && models.has(i.path));
    if (io) { const m = models.get(io.path) as IoDriver; input = { path: io.path, model: m, port: 'in', width: m.width, amplitude: m.amplitude }; }
  }
  const top = ir.macros.find((m) => m.path === '');
  return { models, input, timescale: opts.timescale ?? top?.timescale ?? 1, errors };
}
