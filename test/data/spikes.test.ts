import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  channelSpan, emptySpikes, isSorted, mergeSpikes, pulseCorners, shiftSpikes, SpikeBuilder, spikesFrom, type SpikeList,
} from '../../src/data/spikes.js';

const rows = (l: SpikeList): Array<[number, number, number]> =>
  Array.from({ length: l.count }, (_, i) => [l.times[i]!, l.channels[i]!, l.amplitudes[i]!]);

describe('SpikeBuilder', () => {
  it('sorts by time, then channel, then push order (amplitude used as a tag)', () => {
    const b = new SpikeBuilder(1); // forces growth
    b.push(2e-3, 1, 1);
    b.push(1e-3, 5, 2);
    b.push(1e-3, 0, 3);
    b.push(2e-3, 1, 4); // same time and channel as the first: stays after it
    b.push(0, 7, 5);
    b.push(2e-3, 0, 6);
    const l = b.build();
    expect(rows(l)).toEqual([[0, 7, 5], [1e-3, 0, 3], [1e-3, 5, 2], [2e-3, 0, 6], [2e-3, 1, 1], [2e-3, 1, 4]]);
    expect(isSorted(l)).toBe(true);
    expect(l.times).toBeInstanceOf(Float64Array);
    expect(l.channels).toBeInstanceOf(Int32Array);
    expect(l.times.length).toBe(6); // trimmed to count
  });

  it('defaults amplitude and width to NaN (port default) and edges to 0', () => {
    const l = spikesFrom([{ t: 1, ch: 0 }, { t: 2, ch: 1, amplitude: 1.8, width: 250e-6, rise: 1e-6 }]);
    expect(Number.isNaN(l.amplitudes[0]!)).toBe(true);
    expect(Number.isNaN(l.widths[0]!)).toBe(true);
    expect(l.rises[0]).toBe(0);
    expect(l.falls[0]).toBe(0);
    expect([l.amplitudes[1], l.widths[1], l.rises[1], l.falls[1]]).toEqual([1.8, 250e-6, 1e-6, 0]);
  });

  it('rejects non-finite times, bad channels and negative edges', () => {
    const b = new SpikeBuilder();
    expect(() => b.push(Number.NaN, 0)).toThrow(RangeError);
    expect(() => b.push(Infinity, 0)).toThrow(RangeError);
    expect(() => b.push(0, -1)).toThrow(RangeError);
    expect(() => b.push(0, 1.5)).toThrow(RangeError);
    expect(() => b.push(0, 2 ** 31)).toThrow(RangeError);
    expect(() => b.push(0, 0, 1, 1, -1)).toThrow(RangeError);
    expect(b.length).toBe(0);
  });

  it('build() of random events is a sorted permutation (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 5 }))),
      (evs) => {
        const b = new SpikeBuilder();
        evs.forEach(([t, ch], i) => b.push(t * 1e-3, ch, i));
        const l = b.build();
        expect(l.count).toBe(evs.length);
        expect(isSorted(l)).toBe(true);
        expect([...l.amplitudes].sort((a, c) => a - c)).toEqual(evs.map((_, i) => i));
        for (let i = 1; i < l.count; i++) {
          if (l.times[i] === l.times[i - 1] && l.channels[i] === l.channels[i - 1]) {
            expect(l.amplitudes[i]!).toBeGreaterThan(l.amplitudes[i - 1]!); // push order on ties
          }
        }
      },
    ));
  });
});

describe('mergeSpikes', () => {
  it('interleaves sorted lists; ties go in list order', () => {
    const a = spikesFrom([{ t: 1, ch: 0, amplitude: 10 }, { t: 3, ch: 0, amplitude: 11 }]);
    const b = spikesFrom([{ t: 1, ch: 0, amplitude: 20 }, { t: 2, ch: 4, amplitude: 21 }]);
    expect(rows(mergeSpikes(a, b))).toEqual([[1, 0, 10], [1, 0, 20], [2, 4, 21], [3, 0, 11]]);
    expect(rows(mergeSpikes(b, a))).toEqual([[1, 0, 20], [1, 0, 10], [2, 4, 21], [3, 0, 11]]);
    expect(mergeSpikes().count).toBe(0);
    expect(rows(mergeSpikes(emptySpikes(), a))).toEqual(rows(a));
  });
});

describe('helpers', () => {
  it('shiftSpikes, channelSpan, pulseCorners', () => {
    const l = spikesFrom([{ t: 0.01, ch: 2, amplitude: 1, width: 900e-6, rise: 100e-6, fall: 100e-6 }, { t: 0.02, ch: 0 }]);
    expect(Array.from(shiftSpikes(l, 0.1).times)).toEqual([0.01 + 0.1, 0.02 + 0.1]);
    expect(channelSpan(l)).toBe(3);
    expect(channelSpan(emptySpikes())).toBe(0);
    const c = pulseCorners(l, 0, new Float64Array(4));
    expect(c[0]).toBe(0.01);
    expect(c[1]).toBeCloseTo(0.0101, 15);
    expect(c[2]).toBeCloseTo(0.0110, 15);
    expect(c[3]).toBeCloseTo(0.0111, 15);
    const d = pulseCorners(l, 1, new Float64Array(4), 10e-9); // unspecified width -> the default
    expect(Array.from(d)).toEqual([0.02, 0.02, 0.02 + 10e-9, 0.02 + 10e-9]);
  });
});

describe('sortOrder (natural merge sort)', () => {
  it('equals a reference comparator sort on random data with ties', async () => {
    const fc = (await import('fast-check')).default;
    const { sortOrder } = await import('../../src/data/spikes.js');
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 4 })), { maxLength: 400 }), (evs) => {
      const n = evs.length;
      const t = Float64Array.from(evs.map((e) => e[0] / 4)), ch = Int32Array.from(evs.map((e) => e[1]));
      const ref = Array.from({ length: n }, (_, i) => i).sort((a, b) => (t[a]! - t[b]!) || (ch[a]! - ch[b]!) || (a - b));
      expect(Array.from(sortOrder(n, t, ch))).toEqual(ref);
    }), { numRuns: 300, seed: 3 });
  });
  it('equals the reference on many sorted runs (the bucket path), with ties across runs', async () => {
    const { sortOrder } = await import('../../src/data/spikes.js');
    let x = 99;
    const rnd = () => { x = (x * 1103515245 + 12345) >>> 0; return x / 2 ** 32; };
    const t: number[] = [], ch: number[] = [];
    for (let c = 0; c < 64; c++) { let tt = 0; for (let k = 0; k < 50; k++) { tt += Math.floor(rnd() * 4); t.push(tt / 8); ch.push(c % 7); } }
    const T = Float64Array.from(t), C = Int32Array.from(ch), n = t.length;
    const ref = Array.from({ length: n }, (_, i) => i).sort((a, b) => (T[a]! - T[b]!) || (C[a]! - C[b]!) || (a - b));
    expect(Array.from(sortOrder(n, T, C))).toEqual(ref);
  });
});
