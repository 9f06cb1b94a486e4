// The front-end pipeline as one ordered list of passes, stopping after a phase with errors:
//   load+parse (every file, imports) -> check names/units/kinds -> elaborate -> design checks.
// Input: a file path (or text); output: diagnostics, the loaded sources and optionally the IR.
// Invariant: user errors are collected, never thrown; anything thrown is an internal error
// (SNN9001) reported like the others.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Diagnostics } from '../diagnostics/diagnostic.js';
import type { SourceText } from '../diagnostics/span.js';
import { loadProgram, type FileSystem, type Program } from '../semantics/modules.js';
import { checkAll, chooseTop, elaborate } from '../elaborate/elaborate.js';
import type { DesignIR } from '../elaborate/ir.js';

export interface FrontEndOptions {
  /** Allow imports outside the entry file's folder. */
  allowOutsideImports?: boolean;
  /** Text of the entry file, when it does not come from disk. */
  entryText?: string;
  /** The name of the declaration to elaborate (default: the last simulate, network or macro). */
  top?: string;
  /** Override of the standard library folder (default: this package's lang/). */
  stdRoot?: string;
  /** Extra probes (`snn sim --probe`). */
  probes?: readonly string[];
  /** The file system to read sources from (default: the real one; tests and editors pass their own). */
  fs?: FileSystem;
}

export interface FrontEndResult {
  diags: Diagnostics;
  sources: Map<string, SourceText>;
  program: Program | null;
  ir: DesignIR | null;
}

/** lang/ of this package, found from this file (src/driver or dist/driver). */
export const LANG_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'lang');

export const nodeFs: FileSystem = {
  read: (p) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) throw new Error('is a directory');
    return fs.readFileSync(p, 'utf8');
  },
  realpath: (p) => fs.realpathSync(p),
};

function guard(diags: Diagnostics, f: () => void): void {
  try { f(); } catch (e) {
    diags.report('SNN9001', null, { detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
}

/** Load and parse the file and its imports. */
export function load(file: string, opts: FrontEndOptions = {}): FrontEndResult {
  const diags = new Diagnostics();
  const r: FrontEndResult = { diags, sources: new Map(), program: null, ir: null };
  guard(diags, () => {
    r.program = loadProgram(path.resolve(file), opts.fs ?? nodeFs, {
      allowOutside: opts.allowOutsideImports ?? false,
      stdRoot: opts.stdRoot ?? LANG_ROOT,
      ...(opts.entryText !== undefined ? { entryText: opts.entryText } : {}),
    }, diags);
    if (r.program) r.sources = r.program.sources;
  });
  return r;
}

/** `snn check`: every declaration of the file, no IR. */
export function check(file: string, opts: FrontEndOptions = {}): FrontEndResult {
  const r = load(file, opts);
  if (!r.program || r.diags.hasErrors) return r;
  guard(r.diags, () => checkAll(r.program!, r.diags));
  return r;
}

/** `snn elaborate`: the IR of one top declaration, or null when there are errors. */
export function frontEnd(file: string, opts: FrontEndOptions = {}): FrontEndResult {
  const r = load(file, opts);
  if (!r.program || r.diags.hasErrors) return r;
  guard(r.diags, () => {
    const top = chooseTop(r.program!, r.diags, opts.top);
    if (!top) return;
    const ir = elaborate(r.program!, r.diags, top, opts.probes ? { probes: opts.probes } : {});
    if (!r.diags.hasErrors) r.ir = ir;
  });
  return r;
}
