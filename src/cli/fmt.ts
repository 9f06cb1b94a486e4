// `snn fmt FILE... [--write] [--check]`: the canonical layout of .snn files.
import { ioReason } from '../diagnostics/io-reason.js';
import * as fs from 'node:fs';
import { Diagnostics } from '../diagnostics/diagnostic.js';
import { SourceText } from '../diagnostics/span.js';
import { formatSource } from '../format/fmt.js';
import { EXIT_INPUT, EXIT_OK, exitCodeFor, printDiagnostics, writeFileAtomic, type Format } from './output.js';

export interface FmtArgs { files: string[]; write: boolean; check: boolean; format: Format }

export function runFmt(a: FmtArgs): number {
  let status = EXIT_OK;
  for (const f of a.files) {
    const diags = new Diagnostics();
    let text: string;
    try { text = fs.readFileSync(f, 'utf8'); } catch (e) {
      diags.report('SNN9002', null, { path: f, reason: ioReason(e) });
      printDiagnostics(diags.items, new Map(), a.format);
      status = Math.max(status, exitCodeFor(diags.items));
      continue;
    }
    const src = new SourceText(f, text);
    const out = formatSource(src, diags);
    if (out === null || diags.hasErrors) {
      printDiagnostics(diags.items, new Map([[f, src]]), a.format);
      status = Math.max(status, exitCodeFor(diags.items) || EXIT_INPUT);
      continue;
    }
    if (a.check) {
      if (out !== text) { process.stderr.write(`${f}: not formatted (run snn fmt --write)\n`); status = Math.max(status, EXIT_INPUT); }
    } else if (a.write) {
      if (out !== text) writeFileAtomic(f, out);
    } else {
      process.stdout.write(out);
    }
  }
  return status;
}
