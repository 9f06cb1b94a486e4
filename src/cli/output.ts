// Shared CLI plumbing: printing diagnostics in the chosen format, exit codes, and writing
// output files atomically (a temporary file in the same folder, then rename), so that a
// failed run never leaves a half-written output behind.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceText } from '../diagnostics/span.js';
import { renderAll, summary, toJson } from '../diagnostics/render.js';

export const EXIT_OK = 0;
export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;

export type Format = 'text' | 'json';

export function printDiagnostics(ds: readonly Diagnostic[], sources: ReadonlyMap<string, SourceText>, format: Format, quietIfNone = true): void {
  if (format === 'json') { process.stdout.write(JSON.stringify(toJson(ds, sources), null, 2) + '\n'); return; }
  if (ds.length === 0 && quietIfNone) return;
  const color = Boolean(process.stderr.isTTY) && !process.env.NO_COLOR;
  process.stderr.write(renderAll(ds, sources, color));
  if (ds.length) process.stderr.write(`\n${summary(ds)}\n`);
}

/** The exit status for a set of diagnostics: internal errors are 2, other errors 1. */
export function exitCodeFor(ds: readonly Diagnostic[]): number {
  if (ds.some((d) => d.code === 'SNN9001')) return EXIT_USAGE;
  return ds.some((d) => d.severity === 'error') ? EXIT_INPUT : EXIT_OK;
}

/** Write a file atomically: temp file beside it, then rename. Creates the folder. */
export function writeFileAtomic(file: string, data: string | Uint8Array, mode?: number): void {
  const dir = path.dirname(path.resolve(file));
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, data, mode !== undefined ? { mode } : {});
    if (mode !== undefined) fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, file);
  } catch (e) {
    try { fs.rmSync(tmp, { force: true }); } catch { /* nothing to clean */ }
    throw e;
  }
}

export { ioReason } from '../diagnostics/io-reason.js';

export function usageError(message: string): never {
  process.stderr.write(`snn: error SNN9004: ${message}\nRun 'snn --help' for usage.\n`);
  process.exit(EXIT_USAGE);
}
