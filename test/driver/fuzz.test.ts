// Property-based robustness of the whole front end: random mutations of the examples (and
// random token soup) never crash it: the result is IR or diagnostics, never an internal
// error (SNN9001), and every diagnostic span lies inside the text it points into.
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frontEnd } from '../../src/driver/pipeline.js';
import { ROOT } from '../helpers/cli.js';

const EXAMPLES = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.snn')).sort();
const TOKENS = ['{', '}', '(', ')', '[', ']', ';', ',', '=', '->', '..', '.', ':', '+', '-', '*', '/', '^', '<', '>',
  'macro', 'neuron', 'device', 'connect', 'import', 'const', 'network', 'layer', 'simulate', 'probe', 'sweep', 'vary',
  'x', 'n', 'xb', 'tau_s', '10ms', '1.8V', '3%', '1T1R', '<2 fF per um^2>', '"s"', '0..3', '*', '1e308', '1e999', '\u0000', 'µ'];

type Mutation = { at: number; del: number; insert: string };
const mutation = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x),
  del: fc.integer({ min: 0, max: 12 }),
  insert: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 }), fc.constant('')),
});

function apply(text: string, ms: Array<{ at: number; del: number; insert: string }>): string {
  let t = text;
  for (const m of ms) {
    const i = Math.floor(m.at * t.length);
    t = t.slice(0, i) + m.insert + t.slice(i + m.del);
  }
  return t;
}

function assertSane(file: string, text: string): void {
  const r = frontEnd(file, { entryText: text });
  const internal = r.diags.items.filter((d) => d.code === 'SNN9001');
  expect(internal.map((d) => d.message)).toEqual([]);
  expect(r.ir !== null || r.diags.hasErrors).toBe(true);
  for (const d of r.diags.items) {
    if (!d.span) continue;
    const src = r.sources.get(d.span.file);
    expect(src, `span in unknown file ${d.span.file}`).toBeDefined();
    expect(d.span.start).toBeGreaterThanOrEqual(0);
    expect(d.span.end).toBeGreaterThanOrEqual(d.span.start);
    expect(d.span.end).toBeLessThanOrEqual(src!.text.length);
  }
}

describe('front-end robustness', () => {
  for (const f of EXAMPLES) {
    it(`random mutations of ${f} give IR or diagnostics with valid spans`, () => {
      const file = path.join(ROOT, 'examples', f);
      const text = fs.readFileSync(file, 'utf8');
      fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms: Mutation[]) => assertSane(file, apply(text, ms))), { numRuns: 60, seed: 42 });
    });
  }
  it('random token sequences give IR or diagnostics with valid spans', () => {
    const file = path.join(ROOT, 'examples', 'fuzz-soup.snn'); // never written: text passed in
    fc.assert(fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }), fc.constantFrom(' ', '\n', ''), (toks, sep) => assertSane(file, toks.join(sep))), { numRuns: 300, seed: 7 });
  });
});
