// Choice of the VCD $timescale for a tick resolution.
import { describe, expect, it } from 'vitest';
import { chooseTimescale, tickFemtoseconds } from '../../src/trace/timescale.js';

describe('chooseTimescale', () => {
  it('picks the largest unit that represents one tick exactly', () => {
    const cases: Array<[string | number, string, bigint]> = [
      ['1fs', '1fs', 1n], ['1ps', '1ps', 1n], ['1ns', '1ns', 1n], ['10ns', '10ns', 1n],
      ['100us', '100us', 1n], ['1s', '1s', 1n], ['1000s', '100s', 10n],
      ['250ps', '10ps', 25n], ['1.5ns', '100ps', 15n], ['0.5 ns', '100ps', 5n], ['3fs', '1fs', 3n],
      [1e-12, '1ps', 1n], [2.5e-9, '100ps', 25n], ['1e-9', '1ns', 1n],
    ];
    for (const [tick, text, factor] of cases) {
      const ts = chooseTimescale(tick);
      expect([tick, ts.text, ts.factor]).toEqual([tick, text, factor]);
    }
  });

  it('rejects resolutions finer than a femtosecond or unreadable', () => {
    expect(() => tickFemtoseconds('0.5fs')).toThrow();
    expect(() => tickFemtoseconds(1e-16)).toThrow();
    expect(() => tickFemtoseconds('fast')).toThrow();
    expect(() => tickFemtoseconds(0)).toThrow();
    expect(() => tickFemtoseconds('0ps')).toThrow();
  });
});
