// `snn elaborate FILE [--top NAME] [--json] [-o FILE]`: the IR of one design.
import { makeDiagnostic } from '../diagnostics/diagnostic.js';
import { frontEnd } from '../driver/pipeline.js';
import { printIR, summarizeIR } from '../elaborate/print.js';
import { EXIT_USAGE, exitCodeFor, ioReason, printDiagnostics, writeFileAtomic, type Format } from './output.js';

export interface ElaborateArgs { file: string; top?: string; json: boolean; output?: string; format: Format; allowOutsideImports: boolean }

export function runElaborate(a: ElaborateArgs): number {
  const r = frontEnd(a.file, { ...(a.top !== undefined ? { top: a.top } : {}), allowOutsideImports: a.allowOutsideImports });
  const ds = r.diags.items;
  // With --json the IR goes to stdout, so diagnostics go to stderr as text.
  printDiagnostics(ds, r.sources, a.json && !a.output ? 'text' : a.format);
  if (!r.ir) return exitCodeFor(ds) || 1;
  const text = a.json ? printIR(r.ir) : summarizeIR(r.ir);
  if (a.output) {
    try { writeFileAtomic(a.output, text); } catch (e) {
      const d = makeDiagnostic('SNN9003', null, { path: a.output, reason: ioReason(e) });
      printDiagnostics([d], r.sources, a.format);
      return EXIT_USAGE;
    }
  } else process.stdout.write(text);
  return exitCodeFor(ds);
}
