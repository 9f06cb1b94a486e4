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

describe('S1 time scaling in the IR', () => {
  it('implies the kernel capacitors from tau, R and the 50,000x scale', () => {
    const ir = frontEnd('examples/s1_pe_macro.snn').ir!;
    expect(ir.macros[0]!.timescale).toBe(50000);
    const n = ir.instances.find((i) => i.kind === 'srm')!;
    const p = n.component.props as Record<string, { q: number }>;
    // S1: tau_s = 50 ms and tau_r = 5 ms in data time; the std neuron's kernel resistors are 1 MOhm.
    expect(p.tau_s!.q).toBeCloseTo(50e-3, 15);
    expect(p.tau_r!.q).toBeCloseTo(5e-3, 15);
    expect(p.r_s!.q).toBe(1e6);
    const cS = 50e-3 / 50000 / 1e6, cR = 5e-3 / 50000 / 1e6; // 1 pF, 100 fF
    expect(Math.abs(p.c_s!.q / cS - 1)).toBeLessThan(1e-12);
    expect(Math.abs(p.c_r!.q / cR - 1)).toBeLessThan(1e-12);
    expect(n.component.derived.c_s).toEqual({ q: p.c_s!.q, unit: 'F' });
    expect((n.component.derived.tau_s_hw as { q: number }).q).toBeCloseTo(1e-6, 18);
  });
});
