// TwinPlan -> the TypeScript module of one design's twin, built with ts-morph.
// Input: the DesignIR (names, types, top), its TwinPlan (plan.ts) and text options: the
//   source file as the user named it, the run (simulate) name if one was asked for, the
//   runtime module specifier, the snn version, and the output path for the regenerate line.
// Output: the module text: a DO NOT EDIT header, the runtime import, DESIGN (defaults),
//   one typed `as const` parameter record per model with the unit of each number, the
//   weights, create() instantiating each model and wiring each connection explicitly, and the
//   documented API run/probe/counters/summary over src/twin/runtime.ts.
// Invariants: pure (a ts-morph Project on an in-memory file system, nothing written);
//   byte-reproducible (numbers in shortest round-trip form, fixed formatting settings);
//   names from the user's file become identifiers only through names.ts `Identifiers`
//   (validated or mangled), and string literals only through JSON.stringify (names.ts `str`).
import {
  IndentationText, NewLineKind, Project, QuoteKind, StructureKind, VariableDeclarationKind,
  type CodeBlockWriter, type StatementStructures, type WriterFunction,
} from 'ts-morph';
import type { DesignIR } from '../../elaborate/ir.js';
import { Identifiers, commentText, key, literal, num, quoted, str } from './names.js';
import { isFused, type PlanModel, type PlanParams, type PlanWeights, type TwinPlan } from './plan.js';
import { modelSourceNames, specialiseClass, specialisable, type Specialised } from './specialise.js';
import * as runtime from '../runtime.js';

export interface GenerateOptions {
  /** The input file as the user named it (relative path, '/' separators). */
  source: string;
  /** The run asked for with --run, or null for the file's default top. */
  run: string | null;
  /** Module specifier of the runtime ('snn/twin', or a relative path or file URL). */
  runtime: string;
  /** snn's version, for the header. */
  version: string;
  /** Where the module is written, for the regenerate line (omitted when null). */
  output?: string | null;
}

/** Runtime names the module imports (values, then types). */
const RUNTIME_VALUES = ['Engine', 'engineOptions', 'makeTwin', 'runTwin', 'probeTwin', 'countersOf', 'summaryOf', 'modelSpec', 'uniformWeights', 'startClock'];
const RUNTIME_TYPES = ['Activity', 'CreateOptions', 'Model', 'SimResult', 'SpikeList', 'Twin', 'TwinDesign'];
const MODULE_NAMES = ['DESIGN', 'create', 'run', 'probe', 'counters', 'summary', 'engine', 'opts', 'models', 't0', 'twin', 'process', 'Map'];

const DEFAULT_RUNTIME = 'snn/twin';

function shellArg(s: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function unitComment(p: PlanParams, k: string): string {
  const u = p.units[k];
  if (u === undefined) return '';
  if (u === '') return ' // dimensionless';
  return ` // ${commentText(u)}${u === 's' ? ' (hardware time)' : ''}`;
}

/** The module of one design's twin (see the header). */
export function generateTwin(ir: DesignIR, plan: TwinPlan, o: GenerateOptions): string {
  if (/["'\\`\s\u0000-\u001f]/.test(o.runtime) || o.runtime === '') throw new Error(`codegen: runtime specifier ${JSON.stringify(o.runtime)} is not a plain module specifier`);
  const ids = new Identifiers([...RUNTIME_VALUES, ...RUNTIME_TYPES, ...MODULE_NAMES, ...new Set(plan.models.map((m) => m.ctor)), ...modelSourceNames()]);
  const usable = plan.models.map((m) => m.ctor !== ('?' as string) && plan.params[m.params] !== undefined);
  const special = specialiseModels(plan, usable, ids, ir);

  // Identifiers: a model by its instance path (a fused model as <path>_fused); a parameter
  // record and a weight matrix after the first model that uses them.
  const modelId = plan.models.map((m) => (isFused(m) ? ids.take(m.path, '_fused') : ids.take(m.path)));
  const paramsId = new Map<number, string>(), paramsUsers = new Map<number, PlanModel[]>();
  plan.models.forEach((m, i) => {
    if (!usable[i]) return;
    if (!paramsId.has(m.params)) paramsId.set(m.params, ids.take(modelId[i]!.replace(/_fused$/, ''), '_params'));
    paramsUsers.set(m.params, [...(paramsUsers.get(m.params) ?? []), m]);
  });
  const weightsId = plan.weights.map((w) => ids.take(w.of, '_weights'));

  const statements: Array<string | WriterFunction | StatementStructures> = [];
  statements.push(header(ir, plan, o));
  const ctors = [...new Set(plan.models.filter((_m, i) => usable[i] && !special.classOf[i]).map((m) => m.ctor))];
  const values = [...new Set([...ctors, ...special.values])].sort();
  const types = [...new Set([...RUNTIME_TYPES, ...special.types])].filter((t) => !values.includes(t) && !RUNTIME_VALUES.includes(t)).sort();
  statements.push(
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: o.runtime, namedImports: values.map((name) => ({ name })) },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: o.runtime, namedImports: [...RUNTIME_VALUES].sort().map((name) => ({ name })) },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: o.runtime, isTypeOnly: true, namedImports: types.map((name) => ({ name })) },
    { kind: StructureKind.ExportDeclaration, isTypeOnly: true, moduleSpecifier: o.runtime, namedExports: ['Activity', 'CreateOptions', 'SimResult', 'Twin'] },
  );
  const blank = (x: StatementStructures): StatementStructures => ({ ...x, leadingTrivia: (w: CodeBlockWriter) => w.blankLine() });
  statements.push(blank(designStatement(ir, plan, o)));
  for (const [pi, name] of paramsId) statements.push(blank(paramsStatement(plan.params[pi]!, name, paramsUsers.get(pi)!, ir)));
  plan.weights.forEach((w, i) => statements.push(blank(weightsStatement(w, weightsId[i]!))));
  for (const h of special.helpers) statements.push((w: CodeBlockWriter) => { w.blankLine().write(h); });
  for (const c of special.classes) statements.push((w: CodeBlockWriter) => { w.blankLine().write(c.text); });
  statements.push(createFunction(plan, usable, modelId, paramsId, weightsId, special.classOf));
  statements.push(...apiFunctions());

  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Double, newLineKind: NewLineKind.LineFeed, useTrailingCommas: true },
  });
  const sf = project.createSourceFile('twin.ts', { statements });
  // TypeScript's formatter fixes the indentation of multi-line initializers (deterministic).
  sf.formatText({ indentSize: 2, tabSize: 2, convertTabsToSpaces: true, newLineCharacter: '\n' });
  return sf.getFullText();
}

function header(ir: DesignIR, plan: TwinPlan, o: GenerateOptions): WriterFunction {
  const regen = ['snn compile', shellArg(o.source), ...(o.run !== null ? ['--run', shellArg(o.run)] : []), ...(o.output ? ['-o', shellArg(o.output)] : []),
    ...(o.runtime !== DEFAULT_RUNTIME ? ['--runtime', shellArg(o.runtime)] : [])].join(' ');
  const fused = plan.models.some(isFused);
  return (w) => {
    w.writeLine(`// DO NOT EDIT: generated by snn compile (snn ${commentText(o.version)}) from ${commentText(o.source)}${o.run !== null ? `, run ${commentText(o.run)}` : ''}`);
    w.writeLine(`// Regenerate: ${commentText(regen)}`);
    w.writeLine('//');
    w.writeLine(`// The digital twin of ${commentText(ir.top.kind)} ${quoted(ir.top.name)}: one model per instance, parameters in`);
    w.writeLine('// hardware time and SI units, wired as the design connects them.');
    if (fused) w.writeLine('// An io -> crossbar -> tia -> srm chain is one fused model (PeMacroS1).');
    w.writeLine('// Each model the engine runs is a class of this module specialised to its instance: typed');
    w.writeLine('// state, and event handlers (input, timer) with the instance\'s constants folded in and the');
    w.writeLine('// branches they rule out removed. The engine, queue and helpers come from the runtime.');
    w.writeLine('//');
    w.writeLine('// API (src/twin/runtime.ts holds the engine and the unspecialised models):');
    w.writeLine('//   create({seed, sink, probes, resolution, weights}): Twin   the models and their wiring');
    w.writeLine('//   run(twin, stimulus, untilSeconds?, onProgress?): string[] one run; its errors (none: it ran)');
    w.writeLine('//   probe(twin, path, signal, ch?): number                   a state variable at the current time');
    w.writeLine('//   counters(twin): Record<string, Activity>                 activity counters per instance');
    w.writeLine('//   summary(twin): SimResult                                 the run summary, as simulate() gives it');
    w.writeLine('// Times given to run() are data time (seconds); spike times in the summary are hardware time.');
  };
}

/** A multi-line object literal: one `key: value, // comment` line per entry. */
function objectLines(entries: Array<[string, string | WriterFunction, string]>, asConst: boolean): WriterFunction {
  return (w: CodeBlockWriter) => {
    if (entries.length === 0) { w.write(asConst ? '{} as const' : '{}'); return; }
    w.write('{').newLine();
    w.indent(() => {
      for (const [k, v, c] of entries) {
        w.write(`${key(k)}: `);
        if (typeof v === 'string') w.write(v); else v(w);
        w.write(`,${c}`).newLine();
      }
    });
    w.write(asConst ? '} as const' : '}');
  };
}

function designStatement(ir: DesignIR, plan: TwinPlan, o: GenerateOptions): StatementStructures {
  const list = (xs: readonly string[]) => `[${xs.map(str).join(', ')}]`;
  const errors: WriterFunction = (w) => {
    if (plan.errors.length === 0) { w.write('[]'); return; }
    w.write('[').newLine();
    w.indent(() => { for (const e of plan.errors) w.write(`${str(e)},`).newLine(); });
    w.write(']');
  };
  const entries: Array<[string, string | WriterFunction, string]> = [
    ['source', str(o.source), ''],
    ['top', `{ kind: ${str(ir.top.kind)}, name: ${str(ir.top.name)} }`, ''],
    ['snn', str(o.version), ''],
    ['timescale', num(plan.timescale), ' // hardware time = data time / timescale'],
    ['resolution', num(plan.resolution), ' // s per tick'],
    ['duration_s', plan.duration_s === null ? 'null' : num(plan.duration_s), ' // data time; run() default'],
    ['seed', num(plan.seed), ''],
    ['probes', list(plan.probes), ''],
    ['neurons', list(plan.neurons), ''],
    ['errors', errors, ''],
  ];
  const init = objectLines(entries, false);
  return {
    kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const,
    docs: ['The design this twin was generated from, and the defaults of create() and run().\n`errors`: parts of the design the twin cannot run yet (run() refuses, as simulate() does).'],
    declarations: [{ name: 'DESIGN', initializer: (w) => { init(w); w.write(' as const satisfies TwinDesign'); } }],
  };
}

function describeModel(m: PlanModel, ir: DesignIR): string {
  const inst = ir.instances.find((i) => i.path === m.path);
  const type = m.type !== null ? ` : ${quoted(m.type)}` : '';
  return `${quoted(m.path)} (${commentText(inst?.kind ?? m.kind)}${m.shape.length ? `[${m.shape.join(', ')}]` : ''}${type})`;
}

function paramsStatement(p: PlanParams, name: string, users: PlanModel[], ir: DesignIR): StatementStructures {
  const who = users.map((m) => (isFused(m) ? `the fused ${commentText(m.ctor)} at ${quoted(m.path)}` : describeModel(m, ir))).join(' and ');
  const scaling = p.timescale !== 1 || p.scaled.length > 0 ? ` Scaled at run time by ${num(p.timescale)}: ${p.scaled.map((s) => commentText(s)).join(', ')}.` : '';
  return {
    kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const,
    docs: [`Parameters of ${who}: hardware time, SI units.${scaling}`],
    declarations: [{ name, initializer: objectLines(Object.entries(p.values).map(([k, v]) => [k, literal(v), unitComment(p, k)]), true) }],
  };
}

function weightsStatement(wt: PlanWeights, name: string): StatementStructures {
  const n = wt.values.length, first = wt.values[0] ?? 0;
  const uniform = wt.values.every((x) => Object.is(x, first));
  const doc = `Weights of ${quoted(wt.of)}: ${wt.rows} x ${wt.cols}, row-major${uniform ? `, all ${num(first)}` : ''}.\ncreate({weights: {${quoted(wt.of)}: ...}}) replaces them.`;
  const init: WriterFunction = (w) => {
    if (uniform) { w.write(`uniformWeights(${n}, ${num(first)})`); return; }
    w.write('Float64Array.of(').newLine();
    w.indent(() => {
      for (let r = 0; r * wt.cols < n; r++) w.write(wt.values.slice(r * wt.cols, (r + 1) * wt.cols).map(num).join(', ') + ',').newLine();
    });
    w.write(')');
  };
  return { kind: StructureKind.VariableStatement, declarationKind: VariableDeclarationKind.Const, docs: [doc], declarations: [{ name, initializer: init }] };
}

interface Specialisations {
  /** Per plan model: the name of its specialised class, or null (the runtime class is used). */
  classOf: Array<string | null>;
  classes: Specialised[];
  /** Module-level helpers the classes need (declaration texts, each once). */
  helpers: string[];
  values: string[];
  types: string[];
}

/**
 * One specialised class per distinct (runtime class, folded constants) among the models the
 * engine runs; parts of a fused model and classes that extend another keep the runtime class.
 */
function specialiseModels(plan: TwinPlan, usable: boolean[], ids: Identifiers, ir: DesignIR): Specialisations {
  const classOf: Array<string | null> = plan.models.map(() => null);
  const classes: Specialised[] = [], byKey = new Map<string, string>();
  const helpers = new Map<string, [string, string]>(); // name -> [text, from]
  const values = new Set<string>(), types = new Set<string>();
  // A model another model's constructor takes (a learning rule's crossbar) keeps its runtime
  // class: the taker's parameter is typed by it.
  const taken = new Set(plan.models.flatMap((m) => m.args.flatMap((a) => ('model' in a ? [a.model] : a.parts.flatMap((q) => (q.model !== undefined ? [q.model] : []))))));
  plan.models.forEach((m, i) => {
    if (!usable[i] || !m.added || taken.has(i) || specialisable(m.ctor) === null) return;
    const key = JSON.stringify([m.ctor, m.constants]);
    const known = byKey.get(key);
    if (known) { classOf[i] = known; return; }
    const name = ids.take(`${m.ctor}_${m.path}`);
    const users = plan.models.filter((x, j) => usable[j] && x.added && JSON.stringify([x.ctor, x.constants]) === key);
    const s = specialiseClass(m.ctor, name, m.constants, `The event handlers of ${users.map((x) => describeModel(x, ir)).join(', ')}.`);
    if (!s) return;
    for (const v of s.values) {
      if (!(v in runtime)) throw new Error(`codegen: ${m.ctor} (src/twin/${s.from}) imports '${v}', which src/twin/runtime.ts does not export (add it to src/twin/kernel.ts)`);
      values.add(v);
    }
    for (const t of s.types) types.add(t);
    for (const [hn, text] of s.helpers) {
      const had = helpers.get(hn);
      if (had && had[0] !== text) throw new Error(`codegen: helper '${hn}' of src/twin/${s.from} clashes with one of src/twin/${had[1]}; rename one`);
      helpers.set(hn, [text, s.from]);
    }
    byKey.set(key, name);
    classOf[i] = name;
    classes.push(s);
  });
  return { classOf, classes, helpers: [...helpers.values()].map(([t]) => t), values: [...values], types: [...types] };
}

function createFunction(plan: TwinPlan, usable: boolean[], modelId: string[], paramsId: Map<number, string>, weightsId: string[], classOf: Array<string | null>): StatementStructures {
  const weightsExpr = (i: number) => `opts.weights?.[${str(plan.weights[i]!.of)}] ?? ${weightsId[i]!}`;
  const body: WriterFunction = (w) => {
    w.writeLine('const t0 = startClock();');
    w.writeLine('const engine = new Engine(engineOptions(opts, DESIGN));');
    plan.models.forEach((m, i) => {
      if (!usable[i]) return;
      const id = modelId[i]!, p = plan.params[m.params]!;
      const scaling = p.timescale !== 1 || p.scaled.length > 0 ? `, { timescale: ${num(p.timescale)}, scaled: ${literal(p.scaled)} }` : '';
      const spec = `modelSpec(${str(m.path)}, ${str(m.kind)}, ${literal(m.shape)}, ${paramsId.get(m.params)!}, ${num(m.timescale)}${scaling})`;
      const args = m.args.map((a) => ('model' in a ? modelId[a.model]!
        : `{ ${a.parts.map((q) => `${key(q.role)}: ${q.model !== undefined ? modelId[q.model]! : weightsExpr(q.weights!)}`).join(', ')} }`));
      const make = `new ${classOf[i] ?? m.ctor}(${[spec, ...args].join(', ')})`;
      for (const a of m.args) {
        if ('parts' in a) w.writeLine(`// ${a.parts.filter((q) => q.model !== undefined).map((q) => quoted(plan.models[q.model!]!.path)).join(' -> ')}: one ${classOf[i] ?? m.ctor}`);
      }
      if (m.weights !== null) {
        w.writeLine(`const ${id} = ${make};`);
        w.writeLine(`${id}.setWeights(${weightsExpr(m.weights)});`);
        if (m.added) w.writeLine(`engine.add(${id});`);
      } else {
        w.writeLine(`const ${id} = ${m.added ? `engine.add(${make})` : make};`);
      }
    });
    const conns = plan.connections.filter((c) => usable[c.from] && usable[c.to]);
    if (conns.length > 0) w.blankLine().writeLine('// Connections (channel ranges explicit).');
    for (const c of conns) {
      const port = (p: string | number) => (typeof p === 'number' ? num(p) : str(p));
      w.writeLine(`engine.connect(${modelId[c.from]!}, ${port(c.out)}, ${modelId[c.to]!}, ${port(c.in)}, { fromLo: ${num(c.fromLo)}, toLo: ${num(c.toLo)}, count: ${num(c.count)} });`);
    }
    w.blankLine().writeLine('// Instance path -> the model standing for it.');
    const inst = plan.instances.filter(([, i]) => usable[i]);
    if (inst.length === 0) w.writeLine('const models = new Map<string, Model>();');
    else {
      w.writeLine('const models = new Map<string, Model>([');
      w.indent(() => { for (const [p, i] of inst) w.writeLine(`[${str(p)}, ${modelId[i]!}],`); });
      w.writeLine(']);');
    }
    const inp = plan.input && usable[plan.input.model] ? plan.input : null;
    const input = inp
      ? `{ path: ${str(inp.path)}, model: ${modelId[inp.model]!}, port: ${str(inp.port)}, width: ${num(inp.width)}, amplitude: ${num(inp.amplitude)}${inp.pulseWidth !== undefined ? `, pulseWidth: ${num(inp.pulseWidth)}` : ''} }`
      : 'null';
    w.writeLine(`return makeTwin(engine, models, ${input}, opts, DESIGN, t0);`);
  };
  return {
    kind: StructureKind.Function, name: 'create', isExported: true,
    docs: [[
      'Builds the twin: every model of the design in an Engine, wired. Options:',
      '- `seed`: the run\'s seed (default DESIGN.seed);',
      '- `sink`: where traced signals go (a VCD writer, memory); null: no tracing;',
      '- `probes`: IR probes or "path.signal" patterns (default DESIGN.probes), traced when a sink is given;',
      '- `resolution`: seconds per tick (default DESIGN.resolution);',
      '- `weights`: weights per crossbar path, row-major (default: the compiled ones).',
    ].join('\n')],
    parameters: [{ name: 'opts', type: 'CreateOptions', initializer: '{}' }], returnType: 'Twin', statements: [body],
  };
}

function apiFunctions(): StatementStructures[] {
  const fn = (name: string, doc: string, params: Array<{ name: string; type: string; hasQuestionToken?: boolean }>, returnType: string, ret: string): StatementStructures => ({
    kind: StructureKind.Function, name, isExported: true, docs: [doc], parameters: params, returnType, statements: [`return ${ret};`],
  });
  return [
    fn('run', 'Runs the twin once on a stimulus (times in data time, s) until `untilSeconds` (data time;\ndefault DESIGN.duration_s, else the last spike + 10%). Returns the errors; nothing runs when there are any.\n`onProgress` is told the fraction done from time to time; it does not change the results.',
      [{ name: 'twin', type: 'Twin' }, { name: 'stimulus', type: 'SpikeList' }, { name: 'untilSeconds', type: 'number', hasQuestionToken: true }, { name: 'onProgress', type: '(fraction: number) => void', hasQuestionToken: true }], 'string[]', 'runTwin(twin, stimulus, untilSeconds, onProgress)'),
    fn('probe', 'A state variable ("v", "x", "h", "i", "out", ...) of instance `path`, channel `ch`, at the twin\'s current time.',
      [{ name: 'twin', type: 'Twin' }, { name: 'path', type: 'string' }, { name: 'signal', type: 'string' }, { name: 'ch', type: 'number', hasQuestionToken: true }], 'number', 'probeTwin(twin, path, signal, ch)'),
    fn('counters', 'Activity counters per instance (a fused model reports each of its parts).', [{ name: 'twin', type: 'Twin' }], 'Record<string, Activity>', 'countersOf(twin)'),
    fn('summary', 'The run summary with the fields of simulate()\'s SimResult (spike times in hardware seconds).', [{ name: 'twin', type: 'Twin' }], 'SimResult', 'summaryOf(twin)'),
  ];
}
