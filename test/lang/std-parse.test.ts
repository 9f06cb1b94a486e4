// The standard library (lang/std/*.snn) and the examples (examples/*.snn) are written to the
// grammar: each parses without a diagnostic, and each standard-library file also passes the
// semantic check (names, units, kinds, ranges) on its own.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { SourceText } from '../../src/diagnostics/span.js';
import { parseSource } from '../../src/syntax/parse.js';
import { check } from '../../src/driver/pipeline.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const list = (dir: string) =>
  fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.snn')).sort().map((f) => `${dir}/${f}`);
const STD = list('lang/std');
const EXAMPLES = list('examples');

describe('standard library and examples parse', () => {
  it('the standard library has the four files', () => {
    expect(STD).toEqual(['lang/std/circuits.snn', 'lang/std/devices.snn', 'lang/std/neurons.snn', 'lang/std/technology.snn']);
  });

  for (const f of [...STD, ...EXAMPLES]) {
    it(`${f} parses without diagnostics`, () => {
      const diags = new Diagnostics();
      const program = parseSource(new SourceText(f, fs.readFileSync(path.join(root, f), 'utf8')), diags);
      expect(diags.items.map((d) => `${d.code} ${d.message}`)).toEqual([]);
      expect(program.items.length).toBeGreaterThan(0);
    });
  }

  for (const f of STD) {
    it(`${f} checks without diagnostics`, () => {
      const r = check(path.join(root, f));
      expect(r.diags.items.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    });
  }
});
