// The check that a plan captures everything buildTwin did: rebuild every model from the plan
// the way the generated create() does (same constructors, same spec helper, same weights) and
// compare it with the model buildTwin made, field by field, before either has run.
// Input: a TwinPlan and the models buildTwin made, in plan order.
// Output: errors naming the instance and the first differing field (empty when equal).
// Invariants: pure; functions are compared by identity of their source text only (closures
//   made per instance are fine); numeric sequences compare by value whatever their array type
//   (the generated module passes Float64Array weights where build.ts may pass number[]).
import type { Model } from '../model.js';
import { RUNTIME_MODELS, modelSpec } from '../runtime.js';
import type { PlanModel, TwinPlan } from './plan.js';

type Ctor = new (...args: unknown[]) => Model;

/** Builds the plan's models as the generated create() does (without an engine). */
export function instantiate(plan: TwinPlan): Array<Model | null> {
  const out: Array<Model | null> = [];
  const weights = plan.weights.map((w) => Float64Array.from(w.values));
  for (const pm of plan.models) out.push(make(plan, pm, out, weights));
  return out;
}

function make(plan: TwinPlan, pm: PlanModel, made: Array<Model | null>, weights: Float64Array[]): Model | null {
  const C = (RUNTIME_MODELS as Record<string, unknown>)[pm.ctor] as Ctor | undefined;
  const p = plan.params[pm.params];
  if (!C || !p) return null;
  const spec = modelSpec(pm.path, pm.kind, pm.shape, p.values as never, pm.timescale, { timescale: p.timescale, scaled: p.scaled });
  const args = pm.args.map((a) => {
    if ('model' in a) return made[a.model];
    const rec: Record<string, unknown> = {};
    for (const part of a.parts) rec[part.role] = part.model !== undefined ? made[part.model] : weights[part.weights!];
    return rec;
  });
  const m = new C(spec, ...args);
  if (pm.weights !== null) (m as unknown as { setWeights(w: ArrayLike<number>): void }).setWeights(weights[pm.weights]!);
  return m;
}

function isNumSeq(x: unknown): x is ArrayLike<number> {
  return ArrayBuffer.isView(x) || (Array.isArray(x) && x.every((v) => typeof v === 'number'));
}

/** The path of the first difference between a and b, or null when equal. */
export function firstDifference(a: unknown, b: unknown, at = '', seen = new Map<object, object>()): string | null {
  if (Object.is(a, b)) return null;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b) ? null : at || '(value)';
  if (typeof a === 'function' && typeof b === 'function') return String(a) === String(b) ? null : at;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return at || '(value)';
  if (seen.get(a) === b) return null;
  seen.set(a, b);
  if (isNumSeq(a) && isNumSeq(b)) {
    if (a.length !== b.length) return `${at}.length`;
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i]) && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return `${at}[${i}]`;
    return null;
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${at} (class)`;
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return `${at}.size`;
    for (const [k, v] of a) { const d = firstDifference(v, b.get(k), `${at}.get(${String(k)})`, seen); if (d) return d; }
    return null;
  }
  if (a instanceof Set && b instanceof Set) {
    if (a.size !== b.size) return `${at}.size`;
    for (const v of a) if (!b.has(v)) return `${at}.has(${String(v)})`;
    return null;
  }
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return `${at} (fields)`;
  for (const k of ka) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`, seen);
    if (d) return d;
  }
  return null;
}

/** Errors for every model that the plan does not rebuild exactly. */
export function verifyPlan(plan: TwinPlan, built: readonly Model[]): string[] {
  const errors: string[] = [];
  let rebuilt: Array<Model | null>;
  try { rebuilt = instantiate(plan); } catch (e) {
    return [`codegen: rebuilding the twin from its plan failed: ${e instanceof Error ? e.message : String(e)}`];
  }
  plan.models.forEach((pm, i) => {
    const r = rebuilt[i];
    if (!r) return; // reported when the plan was made
    const d = firstDifference(built[i], r);
    if (d) errors.push(`codegen: '${pm.path}' (${pm.ctor}) rebuilt from the plan differs from build.ts's model at ${d}; the plan misses something build.ts sets (src/twin/codegen/plan.ts)`);
  });
  return errors;
}
