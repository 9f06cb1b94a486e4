// The plan: plain, deterministic data taken from buildTwin, and the check that every model
// rebuilt from it equals the one buildTwin made (so a twin that would differ is refused).
import { describe, expect, it } from 'vitest';
import { buildPlan, planJson } from '../../../src/twin/codegen/plan.js';
import { firstDifference, instantiate, verifyPlan } from '../../../src/twin/codegen/verify.js';
import type { Model } from '../../../src/twin/model.js';
import { Crossbar } from '../../../src/twin/models/crossbar.js';
import { EXAMPLES, exampleIr } from './util.js';

describe('buildPlan', () => {
  it('S1: the fused macro and its parts, the input, the defaults; JSON-able and deterministic', () => {
    const ir = exampleIr('s1_pe_macro');
    const plan = buildPlan(ir, { baseDir: EXAMPLES });
    expect(plan.errors).toEqual([]);
    expect(plan.models.map((m) => [m.ctor, m.path, m.added])).toEqual([
      ['IoDriver', 'io', false], ['Crossbar', 'xb', false], ['Tia', 't', false], ['Srm', 'n', false], ['PeMacroS1', 'n', true],
    ]);
    expect(plan.models[4]!.params).toBe(plan.models[3]!.params); // the macro's spec is the neurons'
    expect(plan.instances.map(([p]) => p)).toEqual(['io', 'xb', 't', 'n']);
    expect(plan.input).toMatchObject({ path: 'io', model: 4, port: 'in', width: 128 });
    expect(plan).toMatchObject({ timescale: 50000, resolution: 1e-15, seed: 1, duration_s: 1.5, neurons: ['n'] });
    expect(plan.params[plan.models[3]!.params]!.values['tau_s']).toBeCloseTo(50e-3 / 50000, 18); // hardware time
    expect(plan.params[plan.models[3]!.params]!.units['tau_s']).toBe('s');
    const j = planJson(plan);
    expect(planJson(buildPlan(exampleIr('s1_pe_macro'), { baseDir: EXAMPLES }))).toBe(j);
    expect(j).toContain('{"$n":"Infinity"}'); // v_gate of a 1T1R cell without a gate limit
    expect(() => JSON.parse(j) as unknown).not.toThrow();
  });

  it('unfused: one added model per instance and a connection per link, with explicit channel ranges', () => {
    const plan = buildPlan(exampleIr('s1_pe_macro'), { baseDir: EXAMPLES, fuse: false });
    expect(plan.models.every((m) => m.added && m.args.length === 0)).toBe(true);
    const at = (i: number) => plan.models[i]!.path;
    expect(plan.connections.map((c) => [at(c.from), c.out, at(c.to), c.in, c.fromLo, c.toLo, c.count])).toEqual([
      ['io', 'out', 'xb', 'in', 0, 0, 128], ['xb', 'out', 't', 'in', 0, 0, 12], ['t', 'out', 'n', 'in', 0, 0, 12],
    ]);
  });
});

describe('verifyPlan', () => {
  it('accepts the models rebuilt from the plan and names the first field that differs', () => {
    const plan = buildPlan(exampleIr('s1_pe_macro'), { baseDir: EXAMPLES, fuse: false });
    const models = instantiate(plan) as Model[];
    expect(verifyPlan(plan, models)).toEqual([]);
    const xb = models.find((m) => m instanceof Crossbar)!;
    xb.setWeights(new Float64Array(128 * 12).fill(0.5));
    const errs = verifyPlan(plan, models);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/'xb' \(Crossbar\).*at \.weights\[0\]/);
  });

  it('firstDifference: numeric sequences by value, classes, maps and sets', () => {
    expect(firstDifference({ a: [1, 2] }, { a: Float64Array.of(1, 2) })).toBeNull();
    expect(firstDifference({ a: NaN }, { a: NaN })).toBeNull();
    expect(firstDifference({ a: 1 }, { a: 2 })).toBe('.a');
    expect(firstDifference(new Set(['x']), new Set(['y']))).toBe('.has(x)');
    expect(firstDifference(new Map([['k', 1]]), new Map([['k', 2]]))).toBe('.get(k)');
    class A { x = 1; }
    class B { x = 1; }
    expect(firstDifference(new A(), new B())).toBe(' (class)');
  });
});
