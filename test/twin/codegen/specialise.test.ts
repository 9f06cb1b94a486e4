// Specialised model classes (src/twin/codegen/specialise.ts): every model class the engine
// runs can be copied from its runtime source; a copy folds its instance's readonly constants
// (and only plain-word strings), and refuses to run, naming the fix, when the parameters it
// is given compute other constants than those it was generated for.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { RUNTIME_MODELS } from '../../../src/twin/runtime.js';
import { foldable, specialisable, specialiseClass } from '../../../src/twin/codegen/specialise.js';
import { buildPlan } from '../../../src/twin/codegen/plan.js';
import { generateTwin } from '../../../src/twin/codegen/generate.js';
import { runtimeUrl, type TwinModule } from '../../../src/twin/compiled.js';
import { EXAMPLES, exampleIr } from './util.js';

describe('specialised classes', () => {
  it('every runtime model class can be specialised, but for the learning rules that extend another class', () => {
    const not = Object.keys(RUNTIME_MODELS).filter((c) => specialisable(c) === null).sort();
    expect(not).toEqual(['SyncedHebbian', 'SyncedStdp']);
  });

  it('folds readonly primitive fields into the handlers and leaves the constructor generic', () => {
    const s = specialiseClass('Srm', 'Srm_x', { n: 3, tauS: 1e-6, tauR: 1e-7, theta: 1, vth: 0.5, lo: -Infinity, hi: Infinity, gain: 1, tDead: 0, notAField: 99 }, 'test');
    expect(s).not.toBeNull();
    const folded = Object.fromEntries(s!.folded);
    expect(folded['n']).toBe(3);
    expect(folded['vth']).toBe(0.5);
    expect(folded).not.toHaveProperty('notAField'); // only the class's readonly fields
    expect(s!.text).toContain('export class Srm_x implements Model');
    expect(s!.text).toMatch(/this\.n = /); // the constructor still computes n
    expect(s!.text).toMatch(/checkFolded\(this, "Srm_x", \{[^}]*n: 3/);
  });

  it('folds strings only when they are plain words', () => {
    for (const ok of ['MOD', 'normal', 'hard_reset', '1T1R', '']) expect(foldable(ok)).toBe(true);
    for (const bad of ['a"b', 'x\ny', '*/', '${process.exit()}', 'a b', 'x'.repeat(41)]) expect(foldable(bad)).toBe(false);
    for (const v of [1, -0, NaN, Infinity, true, null]) expect(foldable(v)).toBe(true);
    for (const v of [undefined, [1], {}, () => 1]) expect(foldable(v)).toBe(false);
  });

  it('a twin generated for other constants refuses to run and says to regenerate', async () => {
    const ir = exampleIr('s3_adaptive_threshold');
    const plan = buildPlan(ir, { baseDir: EXAMPLES });
    const i = plan.models.findIndex((m) => m.ctor === 'AdaptiveThreshold');
    const key = Object.keys(plan.models[i]!.constants).find((k) => typeof plan.models[i]!.constants[k] === 'number' && k !== 'n')!;
    expect(key).toBeDefined();
    const stale = structuredClone(plan);
    stale.models[i]!.constants[key] = (plan.models[i]!.constants[key] as number) * 2 + 1;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snn-stale-'));
    const load = async (p: typeof plan, name: string): Promise<TwinModule> => {
      const text = generateTwin(ir, p, { source: 'examples/s3.snn', run: null, runtime: runtimeUrl(), version: '0.0.0', output: null });
      const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText;
      fs.writeFileSync(path.join(dir, name), js);
      return (await import(pathToFileURL(path.join(dir, name)).href)) as TwinModule;
    };
    const good = await load(plan, 'good.mjs'), bad = await load(stale, 'bad.mjs');
    expect(() => good.create()).not.toThrow();
    expect(() => bad.create()).toThrow(new RegExp(`AdaptiveThreshold_n was generated for ${key} = .*regenerate the twin \\(snn compile\\)`));
  });
});
