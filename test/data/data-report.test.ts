import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { DataReporter, parseDecimal, readFailure, splitLines } from '../../src/data/data-report.js';

describe('data-report helpers', () => {
  it('parseDecimal accepts plain decimals only', () => {
    expect(['1', ' -2.5 ', '+.5', '1e-3', '3.', '1E6'].map(parseDecimal)).toEqual([1, -2.5, 0.5, 1e-3, 3, 1e6]);
    expect(['', ' ', '0x10', 'Infinity', 'NaN', '1e999', '1,0', '.', 'e5', '1e'].map(parseDecimal)).toEqual(new Array(10).fill(null));
  });

  it('splitLines keeps offsets and 1-based numbers; CRLF and a BOM are handled', () => {
    expect(splitLines('\uFEFFa\r\nbc\n\nd')).toEqual([
      { text: 'a', start: 1, line: 1 }, { text: 'bc', start: 4, line: 2 }, { text: '', start: 7, line: 3 }, { text: 'd', start: 8, line: 4 },
    ]);
    expect(splitLines('')).toEqual([{ text: '', start: 0, line: 1 }]);
  });

  it('DataReporter caps reports and sums up the rest', () => {
    const d = new Diagnostics();
    const r = new DataReporter('f.csv', 'a\nb\nc\nd\n', d, 2);
    r.malformed(0, 1, 'one');
    r.malformed(2, 3, 'two');
    expect(r.hasRoom).toBe(false);
    r.malformed(4, 5, 'three');
    r.badChannel(6, 7, 9, 4);
    r.finish();
    expect(d.items.map((x) => x.message)).toEqual([
      "malformed stimulus 'f.csv': line 1: one",
      "malformed stimulus 'f.csv': line 2: two",
      "malformed stimulus 'f.csv': 2 more problems not shown",
    ]);
  });

  it('readFailure names common errors', () => {
    expect(readFailure(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe('no such file');
    expect(readFailure(new Error('boom'))).toBe('boom');
    expect(readFailure('odd')).toBe('odd');
  });
});
