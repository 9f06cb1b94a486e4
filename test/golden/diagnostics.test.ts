// Golden diagnostics: for every code in the catalogue, an invalid input and the expected
// rendered output (file:line:col, the source line, carets under the span, the hint).
// Fixtures are test/golden/diagnostics/CODE.snn (or CODE/main.snn with companions); a first
// line `// golden: elaborate [--top X]` elaborates instead of checking. Codes that only the
// command line can produce have a CODE.cli file holding the arguments. Expected outputs are
// CODE.expected; re-accept them all with `SNN_UPDATE_GOLDEN=1 npx vitest run test/golden`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/diagnostics/catalogue.js';
import { renderAll, summary } from '../../src/diagnostics/render.js';
import { check, frontEnd } from '../../src/driver/pipeline.js';
import { ROOT, snn } from '../helpers/cli.js';

const DIR = path.join(ROOT, 'test', 'golden', 'diagnostics');
const UPDATE = process.env.SNN_UPDATE_GOLDEN === '1';

type Fixture = { kind: 'snn' | 'cli' | 'internal'; file: string };

function fixtureFor(code: string): Fixture | null {
  for (const f of [`${code}.snn`, `${code}/main.snn`]) if (fs.existsSync(path.join(DIR, f))) return { kind: 'snn', file: f };
  if (fs.existsSync(path.join(DIR, `${code}.cli`))) return { kind: 'cli', file: `${code}.cli` };
  if (fs.existsSync(path.join(DIR, `${code}.internal`))) return { kind: 'internal', file: `${code}.internal` };
  return null;
}

function render(code: string, fx: Fixture): string {
  if (fx.kind === 'internal') {
    // No input can reach an internal error; a file system that breaks its contract
    // (returning a non-string) stands in for a bug, to show how one is reported.
    const broken = { read: () => null as unknown as string, realpath: (p: string) => p };
    const r = check(path.relative(ROOT, path.join(DIR, fx.file)), { fs: broken });
    return `${renderAll(r.diags.items, r.sources)}\n${summary(r.diags.items)}\n`;
  }
  if (fx.kind === 'cli') {
    const args = fs.readFileSync(path.join(DIR, fx.file), 'utf8').trim().split(/\s+/);
    const r = snn(args);
    return `$ snn ${args.join(' ')}\n${r.stdout}${r.stderr}exit ${r.status}\n`;
  }
  const rel = path.relative(ROOT, path.join(DIR, fx.file));
  const first = fs.readFileSync(path.join(DIR, fx.file), 'utf8').split('\n')[0]!;
  const m = /^\/\/ golden: elaborate(?: --top (\w+))?/.exec(first);
  const r = m ? frontEnd(rel, m[1] ? { top: m[1] } : {}) : check(rel);
  const ds = r.diags.items;
  expect(ds.some((d) => d.code === code), `${code} not reported; got ${ds.map((d) => d.code).join(', ')}`).toBe(true);
  return `${renderAll(ds, r.sources)}\n${summary(ds)}\n`;
}

describe('golden diagnostics', () => {
  for (const code of Object.keys(CATALOGUE)) {
    it(code, () => {
      const fx = fixtureFor(code);
      expect(fx, `no fixture for ${code} in test/golden/diagnostics`).not.toBeNull();
      const out = render(code, fx!);
      expect(out).toContain(code);
      const expFile = path.join(DIR, `${code}.expected`);
      if (UPDATE || !fs.existsSync(expFile)) {
        if (!UPDATE) throw new Error(`missing ${path.relative(ROOT, expFile)}: run SNN_UPDATE_GOLDEN=1 npx vitest run test/golden`);
        fs.writeFileSync(expFile, out);
      }
      expect(out).toBe(fs.readFileSync(expFile, 'utf8'));
    });
  }
});
