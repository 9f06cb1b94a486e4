// Names from the user's file cannot break a generated module. The IR's name rules forbid most
// of these, so the IR here is made by hand from the S1 example with its instances, types and
// run renamed: JS specials (__proto__, constructor), names of the module's own identifiers
// (engine, DESIGN, opts, Srm), comment closers, line separators, quotes and backslashes.
// The module must parse with no error, declare only what the generator declares, and run
// exactly as simulate() runs the same hand-made IR.
import * as os from 'node:os';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import type { DesignIR } from '../../../src/elaborate/ir.js';
import { buildPlan } from '../../../src/twin/codegen/plan.js';
import { generateTwin } from '../../../src/twin/codegen/generate.js';
import { Identifiers, commentText, isSafeIdentifier, str } from '../../../src/twin/codegen/names.js';
import { compileTwin } from '../../../src/twin/compiled.js';
import { simulate } from '../../../src/twin/simulate.js';
import type { SpikeList } from '../../../src/data/spikes.js';
import { mulberry32, poissonSpikes } from '../helpers.js';
import { EXAMPLES, exampleIr } from './util.js';

function renamed(ir: DesignIR, names: Record<string, string>, type: string, top: string): DesignIR {
  const to = (p: string) => names[p] ?? p;
  return {
    ...ir,
    top: { ...ir.top, name: top },
    instances: ir.instances.map((i) => ({ ...i, path: to(i.path), type: i.kind === 'srm' ? type : i.type })),
    connections: ir.connections.map((c) => ({ ...c, from: { ...c.from, instance: to(c.from.instance) }, to: { ...c.to, instance: to(c.to.instance) } })),
    simulation: ir.simulation ? { ...ir.simulation, probes: [] } : null,
  };
}

const EVIL = '*/ throw new Error("pwned"); /*';
const CASES: Array<[string, Record<string, string>]> = [
  ['JS specials and comment closers', { io: '__proto__', xb: 'constructor', t: 'a*/b\u2028c"\\', n: 'x.y-z/*' }],
  ['the module\'s own names', { io: 'engine', xb: 'DESIGN', t: 'opts', n: 'Srm' }],
  ['digits, spaces, empty-ish', { io: '0', xb: ' ', t: '_', n: '\n});process.exit(3);({' }],
];


/** Top-level statements of a module: their kinds and declared names. */
function declarations(text: string): { kinds: string[]; names: string[]; errors: number; injected: string[] } {
  const out = ts.transpileModule(text, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } });
  const sf = ts.createSourceFile('m.ts', text, ts.ScriptTarget.ES2022, true);
  const kinds: string[] = [], names: string[] = [];
  for (const s of sf.statements) {
    kinds.push(ts.isImportDeclaration(s) ? 'import' : ts.isExportDeclaration(s) ? 'export' : ts.isVariableStatement(s) ? 'const'
      : ts.isFunctionDeclaration(s) ? 'function' : ts.isClassDeclaration(s) ? 'class' : ts.isInterfaceDeclaration(s) ? 'interface' : `other ${s.getText()}`);
    if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) names.push(d.name.getText());
    if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isInterfaceDeclaration(s)) && s.name) names.push(s.name.getText());
  }
  // Code the generator never writes: the identifiers the hostile names carry anywhere, or a
  // throw outside the model classes copied from the runtime (whose own checks throw).
  const injected: string[] = [];
  const walk = (n: ts.Node, inClass: boolean): void => {
    if ((ts.isThrowStatement(n) && !inClass) || (ts.isIdentifier(n) && ['process', 'exit', 'pwned'].includes(n.text))) injected.push(n.getText());
    ts.forEachChild(n, (c) => walk(c, inClass || ts.isClassDeclaration(n) || ts.isFunctionDeclaration(n) && n.name?.text !== 'create'));
  };
  walk(sf, false);
  return { kinds, names, errors: out.diagnostics?.length ?? 0, injected };
}

describe('hostile names', () => {
  const base = exampleIr('s1_pe_macro');
  for (const [what, names] of CASES) {
    for (const fuse of [true, false]) {
      it(`${what} (${fuse ? 'fused' : 'unfused'}): the module parses, declares only its own names, and runs like simulate()`, async () => {
        const ir = renamed(base, names, EVIL, `run${EVIL}\u2029`);
        const plan = buildPlan(ir, { fuse, baseDir: EXAMPLES });
        expect(plan.errors).toEqual([]);
        const text = generateTwin(ir, plan, { source: `dir/${EVIL}.snn`, run: `r${EVIL}\n`, runtime: '../src/twin/runtime.js', version: '0.0.0', output: null });
        const d = declarations(text);
        expect(d.errors).toBe(0);
        expect(new Set(d.kinds)).toEqual(new Set(['import', 'export', 'const', 'function', 'class']));
        expect(d.names.slice(0, 1)).toEqual(['DESIGN']);
        expect(d.names.slice(-5)).toEqual(['create', 'run', 'probe', 'counters', 'summary']);
        for (const n of d.names) expect(isSafeIdentifier(n), n).toBe(true);
        expect(d.injected).toEqual([]);
        for (const line of text.split('\n')) expect(line).not.toMatch(/[\u2028\u2029]/);

        const L = await compileTwin(ir, { fuse, baseDir: EXAMPLES, cacheDir: fs.mkdtempSync(path.join(os.tmpdir(), 'snn-hostile-')) });
        const stim = poissonSpikes(500, 128, 0.05, 9);
        const twin = L.module.create({ weights: { [names['xb']!]: Float64Array.from({ length: 128 * 12 }, (_, k) => ((k % 12) - 4) / 8) } });
        expect([...twin.models.keys()].sort()).toEqual(Object.values(names).sort());
        expect(L.module.run(twin, stim, 0.05)).toEqual([]);
        const want = simulate(ir, stim, { fuse, baseDir: EXAMPLES, duration: 0.05, weights: { [names['xb']!]: Float64Array.from({ length: 128 * 12 }, (_, k) => ((k % 12) - 4) / 8) } });
        expect(JSON.stringify({ ...L.module.summary(twin), wall_s: 0 })).toBe(JSON.stringify({ ...want, wall_s: 0 }));
        expect(Object.keys(want.spikes).every((k) => k.startsWith(names['n']!))).toBe(true);
      });
    }
  }
});

describe('names.ts', () => {
  it('takes safe, unique identifiers', () => {
    const ids = new Identifiers(['engine']);
    expect(ids.take('xb')).toBe('xb');
    expect(ids.take('xb')).toBe('xb_2');
    expect(ids.take('engine')).toBe('engine_2');
    expect(ids.take('class')).toBe('class_');
    expect(ids.take('__proto__')).toBe('proto');
    expect(ids.take('3d')).toBe('_3d');
    expect(ids.take('a.b[2]')).toBe('a_b_2');
    expect(ids.take('*/')).toBe('_');
    for (const id of ['constructor_', 'let_', 'x']) expect(isSafeIdentifier(id)).toBe(true);
    for (const id of ['constructor', 'let', '1x', 'a-b', '']) expect(isSafeIdentifier(id)).toBe(false);
  });
  it('quotes and comments', () => {
    expect(str('a\u2028"b')).toBe('"a\\u2028\\"b"');
    expect(commentText('x */ y\nz\u2029')).toBe('x *\\/ y\\u000az\\u2029');
  });
});
