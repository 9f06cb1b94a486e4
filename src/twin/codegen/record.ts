// Runs buildTwin (src/twin/build.ts, the one mapping from IR instances to models) against a
// recording stand-in for the Engine, so that the generated twin is built by exactly the
// same decisions as simulate() without copying them.
// Input: a DesignIR and build options.
// Output: the Built result, the models in engine.add order, the engine.connect calls with
//   their channel ranges resolved, and anything buildTwin asked of the engine that a plan
//   cannot replay (as errors).
// Invariants: pure (buildTwin only reads weight files named by the IR); nothing is run.
//   Reading a model's parameter record and a fused model's parts goes through `introspect*`
//   below: the only places that look at fields build.ts does not expose (checked afterwards
//   by verify.ts, which rebuilds every model from the plan and compares it field by field).
import type { DesignIR } from '../../elaborate/ir.js';
import { buildTwin, type BuildOptions, type Built } from '../build.js';
import { Engine } from '../engine/engine.js';
import { RecordParams, type RawValue } from '../engine/params.js';
import type { Model, Params } from '../model.js';

export interface RecordedConnection {
  from: Model; out: string | number; to: Model; inp: string | number;
  fromLo: number; toLo: number; count: number;
}

export interface Recording {
  built: Built;
  added: Model[];
  connections: RecordedConnection[];
  errors: string[];
}

/** buildTwin against a stand-in Engine that records add() and connect(). */
export function recordBuild(ir: DesignIR, opts: BuildOptions): Recording {
  const added: Model[] = [], connections: RecordedConnection[] = [], errors: string[] = [];
  const recorder = {
    add<M extends Model>(m: M): M { added.push(m); return m; },
    connect(from: Model, out: string | number, to: Model, inp: string | number, o: { fromLo?: number; toLo?: number; count?: number } = {}): void {
      const sp = from.ports[Engine.port(from, out, 'out')]!, dp = to.ports[Engine.port(to, inp, 'in')]!;
      const fromLo = o.fromLo ?? 0, toLo = o.toLo ?? 0;
      const count = o.count ?? Math.min(sp.width - fromLo, dp.width - toLo);
      connections.push({ from, out, to, inp, fromLo, toLo, count });
    },
  };
  const engine = new Proxy(recorder, {
    get(target, prop, receiver) {
      if (prop in target) return Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop === 'string') errors.push(`codegen: build.ts used engine.${prop}, which a compiled twin cannot replay (src/twin/codegen/record.ts)`);
      return undefined;
    },
  }) as unknown as Engine;
  const built = buildTwin(ir, engine, opts);
  return { built, added, connections, errors };
}

/** The record, timescale and scaled names behind a model's Params (build.ts uses params()). */
export function introspectParams(p: Params): { values: Record<string, RawValue>; timescale: number; scaled: string[]; path: string } | null {
  if (!(p instanceof RecordParams)) return null;
  const f = p as unknown as { values: Record<string, RawValue>; timescale: number; scaled: ReadonlySet<string>; path: string };
  return { values: f.values, timescale: f.timescale, scaled: [...f.scaled].sort(), path: f.path };
}

/** A field a model keeps its constructor argument in (PeMacroS1: `parts` = {io, crossbar, tia, srm, weights}). */
export function introspectField(m: Model, field: string): unknown {
  return (m as unknown as Record<string, unknown>)[field];
}

/** The weights a Crossbar was given (its params' `weights` list, or setWeights()). */
export function introspectWeights(m: Model): readonly number[] | null {
  const w = (m as unknown as { weights?: unknown }).weights;
  return Array.isArray(w) ? (w as number[]) : null;
}
