// IR -> TwinPlan: everything a generated twin builds, as plain data. The plan is taken from
// buildTwin itself (record.ts), so that the generated module and simulate() make the same
// models with the same parameters in the same order.
// Input: a DesignIR and build options (weights, baseDir, fuse, timescale override).
// Output: a TwinPlan: the models to create (runtime class, path, kind, shape, parameter
//   record in hardware time with the unit of each quantity, weights, fused parts), the
//   engine.connect calls with explicit channel ranges, the instance -> model map in
//   buildTwin's order, the stimulus input, the design's defaults (timescale, resolution,
//   seed, duration, probes, neurons) and the errors of parts the twin cannot run yet.
// Invariants: pure apart from buildTwin reading weight files; models are listed in creation
//   order (a fused model's parts just before it), added ones in engine.add order; every model
//   rebuilt from the plan equals the one buildTwin made (verify.ts), else the plan carries
//   an error; planJson() is deterministic (the cache key of compiled.ts).
import type { DesignIR, InstanceIR, Value } from '../../elaborate/ir.js';
import type { BuildOptions } from '../build.js';
import { Engine } from '../engine/engine.js';
import type { RawValue } from '../engine/params.js';
import type { Model } from '../model.js';
import { RUNTIME_MODELS, probePatterns } from '../runtime.js';
import { introspectField, introspectParams, introspectWeights, recordBuild } from './record.js';
import { verifyPlan } from './verify.js';

export type RuntimeModel = keyof typeof RUNTIME_MODELS;

/** A parameter value: what build.ts puts in a model's record. */
export type PlanValue = number | string | boolean | null | undefined | readonly PlanValue[] | { readonly [k: string]: PlanValue };

export interface PlanParams {
  /** Model parameter record (hardware time, SI base units), in build.ts's key order. */
  values: Record<string, PlanValue>;
  /** Unit of each quantity ('' = dimensionless), where known. */
  units: Record<string, string>;
  /** The Params' own timescale and scaled names (1 and [] for build.ts: values are already scaled). */
  timescale: number;
  scaled: string[];
}

export interface PlanWeights {
  /** The crossbar instance path (the key of the `weights` override). */
  of: string;
  rows: number;
  cols: number;
  values: number[];
}

export interface PlanPart { role: string; model?: number; weights?: number }

/** A constructor argument after the spec: another model, or a record of parts (a fused model). */
export type PlanArg = { model: number } | { parts: PlanPart[] };

export interface PlanModel {
  ctor: RuntimeModel;
  path: string;
  kind: string;
  shape: number[];
  timescale: number;
  /** Declared type of the instance (for comments), null for inline ones. */
  type: string | null;
  params: number;             // index into TwinPlan.params
  added: boolean;             // engine.add()ed (parts of a fused model are not)
  weights: number | null;     // Crossbar.setWeights(TwinPlan.weights[i])
  args: PlanArg[];            // constructor arguments after the spec (CTOR_ARGS)
  /**
   * The model's own primitive fields after construction (numbers, booleans, strings, null):
   * what a specialised class may fold (specialise.ts folds the readonly ones).
   */
  constants: Record<string, PlanValue>;
}

/** A fused model: one standing for several instances, built from their models. */
export function isFused(m: PlanModel): boolean {
  return m.args.some((a) => 'parts' in a);
}

export interface PlanConnection {
  from: number; out: string | number; to: number; in: string | number;
  fromLo: number; toLo: number; count: number;
}

export interface TwinPlan {
  models: PlanModel[];
  params: PlanParams[];
  weights: PlanWeights[];
  connections: PlanConnection[];
  /** Instance path -> model index, in buildTwin's order (the order of the run summary). */
  instances: Array<[string, number]>;
  input: { path: string; model: number; port: string; width: number; amplitude: number; pulseWidth?: number } | null;
  timescale: number;
  resolution: number;
  seed: number;
  duration_s: number | null;
  probes: string[];
  neurons: string[];
  errors: string[];
}

export interface PlanOptions extends BuildOptions {
  /** Default seconds per tick of the generated twin (1e-15). */
  resolution?: number;
}

/** Model parameter names that build.ts renames from the registry's, with their units. */
const MODEL_UNITS: Readonly<Record<string, string>> = {
  v_th: 'V', v_th_sel: 'V', v_gate: 'V', v_gate_on: 'V', v_rest: 'V', v_reset: 'V', offset: 'V', amplitude: 'V', theta: 'V', clip: 'V',
  g_min: 'S', g_max: 'S', r_wire: 'Ohm', r_on: 'Ohm',
  tau_s: 's', tau_r: 's', tau_m: 's', t_ref: 's', t_dead: 's', tau_line: 's', spike_width: 's', width: 's',
  levels: '', w_max: '', program_sigma: '', read_sigma: '', stuck_on: '', stuck_off: '',
};

function unitOf(v: Value | undefined): string | undefined {
  return v && ('q' in v || 'interval' in v || 'list' in v) ? v.unit : undefined;
}

function unitsFor(inst: InstanceIR | undefined, values: Record<string, RawValue>): Record<string, string> {
  const props = inst?.component.props ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'string' || typeof v === 'boolean' || v === null || v === undefined) continue;
    const dot = k.indexOf('.');
    let u: string | undefined;
    if (dot > 0) {
      const c = props[k.slice(0, dot)];
      u = c && 'component' in c ? unitOf(c.component.props[k.slice(dot + 1)]) : undefined;
    } else {
      u = unitOf(props[k]);
      for (const sub of Object.values(props)) if (u === undefined && 'component' in sub) u = unitOf(sub.component.props[k]);
      u ??= MODEL_UNITS[k];
    }
    if (u !== undefined) out[k] = u;
  }
  return out;
}

function clone(v: RawValue | PlanValue): PlanValue {
  if (Array.isArray(v)) return (v as readonly PlanValue[]).map(clone);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x as PlanValue)]));
  return v as PlanValue;
}

/**
 * Constructor arguments after the spec, per runtime class, each read back from the model's
 * field of that name: a model, or a record of models and weight arrays.
 */
const CTOR_ARGS: Partial<Record<RuntimeModel, readonly string[]>> = { PeMacroS1: ['parts'], SyncedHebbian: ['source'], SyncedStdp: ['source'] };

function isModel(x: unknown): x is Model {
  return typeof x === 'object' && x !== null && 'spec' in x && 'ports' in x;
}

function runtimeName(m: Model): RuntimeModel | null {
  for (const [k, c] of Object.entries(RUNTIME_MODELS)) if (m.constructor === c) return k as RuntimeModel;
  return null;
}

function portName(m: Model, p: string | number, dir: 'in' | 'out'): string | number {
  if (typeof p === 'string') return p;
  const name = m.ports[p]?.name;
  return name !== undefined && Engine.port(m, name, dir) === p ? name : p;
}

/** A model's own primitive-valued fields, in declaration order. */
function primitiveFields(m: Model): Record<string, PlanValue> {
  const out: Record<string, PlanValue> = {};
  for (const [k, v] of Object.entries(m)) {
    if (v === null || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') out[k] = v;
  }
  return out;
}

/** The plan of a design (see the header). */
export function buildPlan(ir: DesignIR, opts: PlanOptions = {}): TwinPlan {
  const rec = recordBuild(ir, opts);
  const errors = [...rec.built.errors, ...rec.errors];
  const byPath = new Map(ir.instances.map((i) => [i.path, i]));
  const models: PlanModel[] = [], params: PlanParams[] = [], weights: PlanWeights[] = [];
  const made: Model[] = [];
  const index = new Map<Model, number>(), paramIndex = new Map<object, number>();

  const paramsOf = (m: Model): number => {
    const known = paramIndex.get(m.spec.params);
    if (known !== undefined) return known;
    const p = introspectParams(m.spec.params);
    if (!p) { errors.push(`codegen: the parameters of '${m.spec.path}' are not a params() record`); return -1; }
    const values = Object.fromEntries(Object.entries(p.values).map(([k, v]) => [k, clone(v)]));
    params.push({ values, units: unitsFor(byPath.get(m.spec.path), p.values), timescale: p.timescale, scaled: p.scaled });
    paramIndex.set(m.spec.params, params.length - 1);
    return params.length - 1;
  };
  const weightsOf = (of: string, w: ArrayLike<number>, shape: readonly number[]): number => {
    weights.push({ of, rows: shape[0] ?? 1, cols: shape[1] ?? 1, values: Array.from(w) });
    return weights.length - 1;
  };
  const add = (m: Model, added: boolean): number => {
    const ctor = runtimeName(m);
    if (!ctor) errors.push(`codegen: model ${m.constructor.name} of '${m.spec.path}' is not exported by src/twin/runtime.ts (RUNTIME_MODELS)`);
    const args: PlanArg[] = [];
    for (const field of (ctor ? CTOR_ARGS[ctor] : undefined) ?? []) {
      const x = introspectField(m, field);
      if (isModel(x)) { args.push({ model: index.get(x) ?? add(x, false) }); continue; }
      if (!x || typeof x !== 'object') { errors.push(`codegen: argument '${field}' of '${m.spec.path}' cannot be rebuilt`); continue; }
      const parts: PlanPart[] = [];
      const xb = Object.values(x).find((v): v is Model => isModel(v) && runtimeName(v) === 'Crossbar');
      for (const [role, v] of Object.entries(x)) {
        if (isModel(v)) parts.push({ role, model: index.get(v) ?? add(v, false) });
        else if (v && typeof v === 'object' && 'length' in v) parts.push({ role, weights: weightsOf(xb?.spec.path ?? m.spec.path, v as ArrayLike<number>, xb?.spec.shape ?? []) });
        else errors.push(`codegen: part '${role}' of '${m.spec.path}' cannot be rebuilt`);
      }
      args.push({ parts });
    }
    const w = ctor === 'Crossbar' ? introspectWeights(m) : null;
    const pm: PlanModel = {
      ctor: ctor ?? ('?' as RuntimeModel), path: m.spec.path, kind: m.spec.kind, shape: [...m.spec.shape], timescale: m.spec.timescale,
      type: byPath.get(m.spec.path)?.type ?? null, params: paramsOf(m), added,
      weights: w && w.length > 0 ? weightsOf(m.spec.path, w, m.spec.shape) : null, args, constants: primitiveFields(m),
    };
    models.push(pm); made.push(m);
    index.set(m, models.length - 1);
    return models.length - 1;
  };
  for (const m of rec.added) add(m, true);

  const connections: PlanConnection[] = rec.connections.map((c) => ({
    from: index.get(c.from)!, out: portName(c.from, c.out, 'out'), to: index.get(c.to)!, in: portName(c.to, c.inp, 'in'),
    fromLo: c.fromLo, toLo: c.toLo, count: c.count,
  }));
  const inp = rec.built.input;
  const plan: TwinPlan = {
    models, params, weights, connections,
    instances: [...rec.built.models].map(([p, m]) => [p, index.get(m)!]),
    input: inp ? { path: inp.path, model: index.get(inp.model)!, port: inp.port, width: inp.width, amplitude: inp.amplitude, ...(inp.pulseWidth !== undefined ? { pulseWidth: inp.pulseWidth } : {}) } : null,
    timescale: rec.built.timescale,
    resolution: opts.resolution ?? 1e-15,
    seed: ir.simulation?.seed ?? 1,
    duration_s: ir.simulation?.duration ?? null,
    probes: probePatterns(ir.simulation?.probes ?? []),
    neurons: ir.instances.filter((i) => i.category === 'neuron').map((i) => i.path),
    errors,
  };
  plan.errors.push(...verifyPlan(plan, made));
  return plan;
}

/** Deterministic JSON of a plan; non-finite numbers and -0 as {"$n": "..."}. */
export function planJson(plan: TwinPlan): string {
  return JSON.stringify(plan, (_k, v: unknown) => (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? { $n: Object.is(v, -0) ? '-0' : String(v) } : v));
}
