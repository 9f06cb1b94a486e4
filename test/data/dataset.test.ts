import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { parseDataset, readDatasetFile } from '../../src/data/dataset.js';

const run = (text: string, opts = {}) => {
  const d = new Diagnostics();
  const ds = parseDataset(text, 'digits.csv', d, opts);
  return { ds, d, msgs: d.items.map((x) => `${x.code} ${x.message}`) };
};

describe('parseDataset', () => {
  it('reads label,p0..p63 with a header and normalises by maxValue', () => {
    const header = ['label', ...Array.from({ length: 64 }, (_, i) => `p${i}`)].join(',');
    const row1 = [3, ...Array.from({ length: 64 }, (_, i) => i % 17)].join(',');
    const row2 = [7, ...new Array<number>(64).fill(16)].join(',');
    const { ds, d } = run(`${header}\n${row1}\n${row2}\n`, { maxValue: 16 });
    expect(d.items).toEqual([]);
    expect(Array.from(ds.labels)).toEqual([3, 7]);
    expect(ds.featureCount).toBe(64);
    expect(ds.maxValue).toBe(16);
    expect(ds.samples.length).toBe(2);
    expect(ds.samples[0]!.length).toBe(64);
    expect(ds.samples[0]![0]).toBe(0);
    expect(ds.samples[0]![8]).toBe(0.5);   // 8/16
    expect(ds.samples[0]![16]).toBe(1);    // 16/16
    expect(ds.samples[0]![17]).toBe(0);    // 17 % 17 = 0
    expect(ds.samples[1]!.every((v) => v === 1)).toBe(true);
  });

  it('without a header or maxValue takes the width of the first row and the largest value', () => {
    const { ds, d } = run('1,0,2,4\n0,4,4,1\n');
    expect(d.items).toEqual([]);
    expect(ds.featureCount).toBe(3);
    expect(ds.maxValue).toBe(4);
    expect(Array.from(ds.samples[0]!)).toEqual([0, 0.5, 1]);
    expect(Array.from(ds.samples[1]!)).toEqual([1, 1, 0.25]);
    expect(run('0,0,0\n').ds.maxValue).toBe(1); // all zero: nothing to divide by
  });

  it('reports malformed rows with their 1-based line and skips them', () => {
    const text = ['label,a,b', '1,0,1', '2,0', 'x,1,1', '3,1,-2', '4,1,17', '', '5,2,2.5', '6,1,1'].join('\n');
    const { ds, msgs } = run(text, { maxValue: 16 });
    expect(Array.from(ds.labels)).toEqual([1, 5, 6]);
    expect(msgs).toEqual([
      "SNN8003 malformed stimulus 'digits.csv': line 3: expected a label and 2 values, found 2 fields",
      "SNN8003 malformed stimulus 'digits.csv': line 4: label 'x' is not an integer >= 0",
      "SNN8003 malformed stimulus 'digits.csv': line 5: value 2 = -2 is negative",
      "SNN8003 malformed stimulus 'digits.csv': line 6: value 2 = 17 exceeds the maximum 16",
    ]);
    expect(ds.samples[1]![1]).toBe(2.5 / 16);
  });

  it('checks the expected feature count against the header', () => {
    expect(run('label,a,b\n1,1,1\n', { features: 64 }).msgs[0]).toContain('the header has 2 features, expected 64');
    expect(run('1,1,1\n', { features: 64 }).msgs[0]).toContain('expected a label and 64 values, found 3 fields');
    expect(run('1,1\n', { maxValue: 0 }).msgs[0]).toContain('maxValue must be finite and > 0');
  });

  it('never throws on random text (property)', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'0123456789.,-e \n#lab'.split('')), maxLength: 200 }), (t) => {
      const d = new Diagnostics();
      const ds = parseDataset(t, 'r.csv', d);
      expect(d.items.some((x) => x.code === 'SNN9001')).toBe(false);
      expect(ds.labels.length).toBe(ds.samples.length);
      for (const s of ds.samples) for (const v of s) expect(v >= 0 && v <= 1).toBe(true);
    }), { numRuns: 1000 });
  });
});

describe('readDatasetFile', () => {
  it('reads a file; a missing one is SNN8002', () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-ds-'));
    try {
      const f = join(dir, 'd.csv');
      writeFileSync(f, 'label,p0\n1,16\n');
      const d = new Diagnostics();
      expect(Array.from(readDatasetFile(f, d, { maxValue: 16 }).samples[0]!)).toEqual([1]);
      readDatasetFile(join(dir, 'none.csv'), d);
      expect(d.items.map((x) => x.code)).toEqual(['SNN8002']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
