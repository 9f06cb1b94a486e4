// `snn fmt FILE... [--write] [--check]`: the canonical layout of .snn files. With --write a
// file is replaced atomically through its real path (a symlink stays a symlink) and keeps its
// mode; all diagnostics are printed once at the end (one JSON array with --format json).
import * as fs from 'node:fs';
import { ioReason } from '../diagnostics/io-reason.js';
import { Diagnostics } from '../diagnostics/diagnostic.js';
import { SourceText } from '../diagnostics/span.js';
import { formatSource } from '../format/fmt.js';
import { EXIT_INPUT, EXIT_OK, exitCodeFor, printDiagnostics, writeFileAtomic, type Format } from './output.js';

export interface FmtArgs { files: string[]; write: boolean; check: boolean; format: Format }

export function runFmt(a: FmtArgs): number {
  let status = EXIT_OK;
  const diags = new Diagnostics();
  const sources = new Map<string, SourceText>();
  for (const f of a.files) {
    let text: string;
    try { text = fs.readFileSync(f, 'utf8'); } catch (e) {
      diags.report('SNN9002', null, { path: f, reason: ioReason(e) });
      continue;
    }
    const src = new SourceText(f, text);
    sources.set(f, src);
    const mine = new Diagnostics();
    const out = formatSource(src, mine);
    for (const d of mine.items) diags.add(d);
    if (out === null || mine.hasErrors) { status = Math.max(status, EXIT_INPUT); continue; }
    if (a.check) {
      if (out !== text) { process.stderr.write(`${f}: not formatted (run snn fmt --write)\n`); status = Math.max(status, EXIT_INPUT); }
    } else if (a.write) {
      if (out === text) continue;
      try {
        const real = fs.realpathSync(f);
        const mode = fs.statSync(real).mode & 0o7777;
        writeFileAtomic(real, out, mode);
      } catch (e) {
        diags.report('SNN9003', null, { path: f, reason: ioReason(e) });
      }
    } else {
      process.stdout.write(out);
    }
  }
  if (diags.items.length || a.format === 'json') printDiagnostics(diags.items, sources, a.format);
  return Math.max(status, exitCodeFor(diags.items));
}
