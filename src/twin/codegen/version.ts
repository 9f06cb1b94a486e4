// snn's version, for the DO NOT EDIT header of generated twins and the key of compiled ones.
// Input: this package's package.json (found from this file: src/twin/codegen or
//   dist/twin/codegen, three folders below the package root). Output: the version string.
// Invariant: read once; 'unknown' if the file cannot be read (never throws).
import { readFileSync } from 'node:fs';

let cached: string | null = null;

export function snnVersion(): string {
  if (cached !== null) return cached;
  try {
    cached = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    cached = 'unknown';
  }
  return cached;
}
