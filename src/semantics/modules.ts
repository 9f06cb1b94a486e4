// Loading a program: the entry file and every file it imports, transitively. Input: an
// entry path and a file reader; output: Modules with their parsed programs and their
// top-level declarations. Invariants: each file is parsed once; import cycles, unreadable
// files, duplicate declarations and imports leaving the project folder are diagnostics.
import { ioReason } from '../diagnostics/io-reason.js';
import * as path from 'node:path';
import type * as A from '../syntax/ast.js';
import { SourceText, type Span } from '../diagnostics/span.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { parseSource } from '../syntax/parse.js';

export type DeclKind = 'const' | 'type' | 'macro' | 'network' | 'stimulus' | 'simulate' | 'sweep';

export interface Decl {
  kind: DeclKind;
  /** For messages: 'a device', 'a macro', ... */
  what: string;
  name: string;
  node: A.ConstDecl | A.TypeDecl | A.MacroDecl | A.NetworkDecl | A.StimulusDecl | A.SimulateDecl | A.SweepDecl;
  module: Module;
}

export interface Module {
  /** Real absolute path (identity). */
  abs: string;
  /** Path as printed in diagnostics and recorded in Spans. */
  display: string;
  source: SourceText;
  program: A.Program;
  imports: Module[];
  decls: Map<string, Decl>;
  /** Whether it comes from the standard library. */
  std: boolean;
}

export interface FileSystem {
  read(abs: string): string;        // throws on failure; the message is reported
  realpath(abs: string): string;
}

export interface LoadOptions {
  /** The project folder: imports may not leave it unless allowOutside. Default: the entry's folder. */
  root?: string;
  allowOutside?: boolean;
  /** The folder of the standard library (lang/). */
  stdRoot: string;
  /** How to print a path (default: relative to the cwd). */
  display?: (abs: string) => string;
  /** Already-loaded text for the entry (e.g. from stdin or a test). */
  entryText?: string;
}

export interface Program {
  entry: Module;
  modules: Module[];          // in load order, entry first
  sources: Map<string, SourceText>;  // by display path, for rendering diagnostics
}

const WHAT: Record<string, string> = {
  device: 'a device', neuron: 'a neuron', circuit: 'a circuit', technology: 'a technology',
};

function declOf(item: A.TopItem, module: Module): Decl | null {
  switch (item.kind) {
    case 'Const': return { kind: 'const', what: 'a constant', name: item.name.name, node: item, module };
    case 'TypeDecl': return { kind: 'type', what: WHAT[item.category]!, name: item.name.name, node: item, module };
    case 'Macro': return { kind: 'macro', what: 'a macro', name: item.name.name, node: item, module };
    case 'Network': return { kind: 'network', what: 'a network', name: item.name.name, node: item, module };
    case 'Stimulus': return { kind: 'stimulus', what: 'a stimulus', name: item.name.name, node: item, module };
    case 'Simulate': return { kind: 'simulate', what: 'a simulation', name: item.name.name, node: item, module };
    case 'Sweep': return { kind: 'sweep', what: 'a sweep', name: item.name.name, node: item, module };
    default: return null;
  }
}

export function declSpan(d: Decl): Span { return (d.node as { name: A.Ident }).name.span; }

export function loadProgram(entryAbs: string, fs: FileSystem, opts: LoadOptions, diags: Diagnostics): Program | null {
  const display = opts.display ?? ((p: string) => path.relative(process.cwd(), p) || p);
  const sources = new Map<string, SourceText>();
  const byAbs = new Map<string, Module>();
  const modules: Module[] = [];
  let root: string;
  let stdRoot: string;
  try { root = fs.realpath(opts.root ?? path.dirname(entryAbs)); } catch { root = opts.root ?? path.dirname(entryAbs); }
  try { stdRoot = fs.realpath(opts.stdRoot); } catch { stdRoot = opts.stdRoot; }
  // `import "std/x.snn"` names lang/std/x.snn: std/ is a folder of the library root.
  const stdDir = path.join(stdRoot, 'std');

  const inside = (p: string, dir: string) => p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);

  function load(abs: string, text: string | null, isStd: boolean, at: Span | null, importPath: string): Module | null {
    let real: string;
    try { real = fs.realpath(abs); } catch { real = abs; }
    const seen = byAbs.get(real);
    if (seen) return seen;
    let body: string;
    if (text !== null) body = text;
    else {
      try { body = fs.read(real); } catch (e) {
        const reason = ioReason(e);
        if (at) diags.report('SNN4003', at, { path: importPath, reason });
        else diags.report('SNN9002', null, { path: importPath, reason });
        return null;
      }
    }
    if (body.charCodeAt(0) === 0xfeff) body = body.slice(1); // a UTF-8 byte-order mark is not part of the text
    const shown = isStd && inside(real, stdDir) ? 'std/' + path.relative(stdDir, real).split(path.sep).join('/') : display(real);
    const source = new SourceText(shown, body);
    sources.set(shown, source);
    const program = parseSource(source, diags);
    const m: Module = { abs: real, display: shown, source, program, imports: [], decls: new Map(), std: isStd };
    byAbs.set(real, m);
    modules.push(m);
    for (const item of program.items) {
      const d = declOf(item, m);
      if (!d) continue;
      const prev = m.decls.get(d.name);
      if (prev) {
        const p = prev.module.source.position(declSpan(prev).start);
        diags.report('SNN4002', declSpan(d), { name: d.name, first: `${prev.module.display}:${p.line}:${p.column}` });
        continue;
      }
      m.decls.set(d.name, d);
    }
    return m;
  }

  const entry = load(entryAbs, opts.entryText ?? null, false, null, display(entryAbs));
  if (!entry) return null;

  // Resolve imports depth-first, reporting cycles with the chain that closes them.
  const state = new Map<Module, 'active' | 'done'>();
  const stack: Module[] = [];
  function visit(m: Module): void {
    state.set(m, 'active');
    stack.push(m);
    for (const item of m.program.items) {
      if (item.kind !== 'Import') continue;
      const spec = item.path.value;
      const isStd = spec.startsWith('std/');
      const abs = isStd ? path.join(stdRoot, spec) : path.resolve(path.dirname(m.abs), spec);
      let real: string;
      try { real = fs.realpath(abs); } catch { real = abs; }
      if (!isStd && !m.std && !opts.allowOutside && !inside(real, root)) {
        diags.report('SNN4005', item.path.span, { path: spec, root: display(root) || '.' });
        continue;
      }
      if (isStd && !inside(real, stdDir)) {
        diags.report('SNN4005', item.path.span, { path: spec, root: 'std/' });
        continue;
      }
      const dep = load(abs, null, isStd || m.std, item.path.span, spec);
      if (!dep) continue;
      if (state.get(dep) === 'active') {
        const i = stack.indexOf(dep);
        const cycle = [...stack.slice(i), dep].map((x) => x.display).join(' -> ');
        diags.report('SNN4004', item.path.span, { cycle });
        continue;
      }
      if (!m.imports.includes(dep)) m.imports.push(dep);
      if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(m, 'done');
  }
  visit(entry);
  return { entry, modules, sources };
}

/** Look a name up as seen from a module: its own declarations, then its imports in order. */
export function lookupDecl(m: Module, name: string): Decl | undefined {
  const own = m.decls.get(name);
  if (own) return own;
  for (const imp of m.imports) {
    const d = imp.decls.get(name);
    if (d) return d;
  }
  return undefined;
}

/** Every name visible from a module, for did-you-mean hints. */
export function visibleNames(m: Module): string[] {
  const names = new Set(m.decls.keys());
  for (const imp of m.imports) for (const n of imp.decls.keys()) names.add(n);
  return [...names];
}
