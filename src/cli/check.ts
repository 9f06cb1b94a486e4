// `snn check FILE...`: diagnostics only, for every file given.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceText } from '../diagnostics/span.js';
import { check } from '../driver/pipeline.js';
import { exitCodeFor, printDiagnostics, type Format } from './output.js';

export interface CheckArgs { files: string[]; format: Format; allowOutsideImports: boolean }

export function runCheck(a: CheckArgs): number {
  const all: Diagnostic[] = [];
  const sources = new Map<string, SourceText>();
  for (const f of a.files) {
    const r = check(f, { allowOutsideImports: a.allowOutsideImports });
    all.push(...r.diags.items);
    for (const [k, v] of r.sources) sources.set(k, v);
  }
  printDiagnostics(all, sources, a.format);
  return exitCodeFor(all);
}
