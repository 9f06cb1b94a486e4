// `snn compile FILE [--run NAME] [-o FILE] [--runtime SPECIFIER]`: the generated TypeScript
// twin of one design (src/twin/codegen/), written atomically, or printed to stdout.
// Input errors: diagnostics and exit 1. Parts of the design the twin cannot run yet are
// warnings (SNN8005): the module is still written, records them in DESIGN.errors, and its
// run() refuses, as simulate() does.
import * as path from 'node:path';
import { makeDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { frontEnd } from '../driver/pipeline.js';
import { buildPlan } from '../twin/codegen/plan.js';
import { generateTwin } from '../twin/codegen/generate.js';
import { snnVersion } from '../twin/codegen/version.js';
import { EXIT_USAGE, exitCodeFor, ioReason, printDiagnostics, writeFileAtomic, type Format } from './output.js';

export interface CompileArgs {
  file: string;
  run?: string;
  output?: string;
  /** Module specifier the generated code imports the runtime from (default 'snn/twin'). */
  runtime: string;
  format: Format;
  allowOutsideImports: boolean;
}

/** A path as the user would type it from the working directory, with '/' separators. */
function shown(p: string): string {
  return path.relative(process.cwd(), path.resolve(p)).split(path.sep).join('/');
}

export function runCompile(a: CompileArgs): number {
  const r = frontEnd(a.file, { ...(a.run !== undefined ? { top: a.run } : {}), allowOutsideImports: a.allowOutsideImports });
  const ds: Diagnostic[] = [...r.diags.items];
  if (!r.ir) { printDiagnostics(ds, r.sources, a.format); return exitCodeFor(ds) || 1; }
  let text: string;
  try {
    const plan = buildPlan(r.ir, { baseDir: path.dirname(path.resolve(a.file)) });
    for (const e of plan.errors) ds.push({ ...makeDiagnostic('SNN8005', null, { detail: e }), severity: 'warning' });
    text = generateTwin(r.ir, plan, {
      source: shown(a.file), run: a.run ?? null, runtime: a.runtime, version: snnVersion(), output: a.output !== undefined ? shown(a.output) : null,
    });
  } catch (e) {
    ds.push(makeDiagnostic('SNN9001', null, { detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }));
    printDiagnostics(ds, r.sources, a.format);
    return EXIT_USAGE;
  }
  if (a.output !== undefined) {
    try { writeFileAtomic(a.output, text); } catch (e) {
      ds.push(makeDiagnostic('SNN9003', null, { path: a.output, reason: ioReason(e) }));
      printDiagnostics(ds, r.sources, a.format);
      return EXIT_USAGE;
    }
  } else process.stdout.write(text);
  printDiagnostics(ds, r.sources, a.format === 'json' && a.output === undefined ? 'text' : a.format);
  return exitCodeFor(ds);
}
