import { describe, expect, it } from 'vitest';
import {
  activeChannels, checkPulses, latency, latencyStep, poisson, pulses,
} from '../../src/data/encoders.js';
import { isSorted, pulseCorners, type SpikeList } from '../../src/data/spikes.js';
import { createRng } from '../../src/twin/rng.js';

const ev = (l: SpikeList): Array<[number, number]> => Array.from({ length: l.count }, (_, i) => [l.times[i]!, l.channels[i]!]);

describe('latency (S4: tMax = 20 steps, threshold 0.3)', () => {
  const S4 = { tMax: 20, threshold: 0.3, dt: 1e-3 };

  it('fires once per channel at round((1 - v) * 20) steps; below 0.3 never', () => {
    // hand-computed: v=1 -> 0; 0.5 -> 10; 0.3 -> 14; 0.29 -> none; 0 -> none; 8/15 -> 9.33 -> 9;
    // 0.7 -> 6; NaN -> none; 1.2 clamps to 1 -> 0; -0.1 clamps to 0 -> none
    const values = [1, 0.5, 0.3, 0.29, 0, 8 / 15, 0.7, Number.NaN, 1.2, -0.1];
    const l = latency(values, S4);
    expect(l.count).toBe(6);
    const got = ev(l).map(([t, ch]) => [Math.round(t * 1e9) / 1e6, ch]); // ms, rounded to 1 ps
    expect(got).toEqual([[0, 0], [0, 8], [6, 6], [9, 5], [10, 1], [14, 2]]);
    expect(isSorted(l)).toBe(true);
  });

  it('on 16-level pixels (level/16): 16 -> step 0, 8 -> 10, 5 -> 14 (13.75 rounds up), 4 -> none', () => {
    expect([16, 8, 5, 4].map((lv) => latencyStep(lv / 16, 20, 0.3))).toEqual([0, 10, 14, null]);
  });

  it('without quantisation fires at the exact (1 - v) * tMax, from t0', () => {
    const l = latency([8 / 15, 0.875], { ...S4, quantize: false, t0: 0.5 });
    expect(l.times[0]).toBeCloseTo(0.5 + 0.0025, 15);           // 0.875 -> 2.5 steps
    expect(l.times[1]).toBeCloseTo(0.5 + (7 / 15) * 20e-3, 15); // 9.333 steps
    expect(Array.from(l.channels)).toEqual([1, 0]);
  });

  it('rounds half up on exact ties and carries the event shape', () => {
    expect(latencyStep(0.875, 20, 0)).toBe(3); // 2.5 -> 3
    expect(latencyStep(0, 20, 0)).toBe(20);    // threshold 0: zero fires at tMax
    const l = latency([1], { ...S4, amplitude: 0.05, width: 1e-3 });
    expect([l.amplitudes[0], l.widths[0]]).toEqual([0.05, 1e-3]);
  });

  it('rejects bad options', () => {
    expect(() => latency([1], { ...S4, dt: 0 })).toThrow(/dt must be finite and > 0/);
    expect(() => latency([1], { ...S4, tMax: -1 })).toThrow(RangeError);
  });
});

describe('poisson', () => {
  it('gives counts within 4 sigma of rate * duration, per channel and in total', () => {
    const rate = 50, duration = 2, n = 400; // mean 100 per channel, sigma 10
    const l = poisson(rate, { duration, channels: n, rng: createRng(17) });
    const counts = new Array<number>(n).fill(0);
    for (let i = 0; i < l.count; i++) counts[l.channels[i]!]!++;
    const mu = rate * duration;
    // Total: Poisson(40000), sigma 200.
    expect(Math.abs(l.count - n * mu)).toBeLessThan(4 * Math.sqrt(n * mu));
    // Per channel: |count - 100| > 40 has probability ~1e-4 per channel.
    expect(counts.every((c) => Math.abs(c - mu) < 4 * Math.sqrt(mu))).toBe(true);
    // Poisson dispersion: the variance of the counts equals the mean; SE(var) ~ sqrt(2/(n-1)) * mu.
    const mean = counts.reduce((a, b) => a + b, 0) / n;
    const variance = counts.reduce((a, c) => a + (c - mean) ** 2, 0) / (n - 1);
    expect(Math.abs(variance - mu)).toBeLessThan(4 * Math.sqrt(2 / (n - 1)) * mu);
    expect(isSorted(l)).toBe(true);
    expect(l.times.every((t) => t >= 0 && t < duration)).toBe(true);
  });

  it('uses one stream per channel: a channel does not change when others are added', () => {
    const few = poisson([10, 20, 30], { duration: 1, rng: createRng(5) });
    const more = poisson([10, 99, 30, 40, 50], { duration: 1, rng: createRng(5) });
    const on = (l: SpikeList, c: number): number[] => ev(l).filter(([, ch]) => ch === c).map(([t]) => t);
    expect(on(more, 0)).toEqual(on(few, 0));
    expect(on(more, 2)).toEqual(on(few, 2));
    expect(on(more, 1)).not.toEqual(on(few, 1));
    expect(ev(poisson([10, 20, 30], { duration: 1, rng: createRng(5) }))).toEqual(ev(few));
    expect(ev(poisson([10, 20, 30], { duration: 1, rng: createRng(6) }))).not.toEqual(ev(few));
  });

  it('respects t0, rate 0 and the key', () => {
    const l = poisson([0, 100], { duration: 0.5, t0: 1, rng: createRng(1), key: 'in/a' });
    expect(l.channels.every((c) => c === 1)).toBe(true);
    expect(l.times.every((t) => t >= 1 && t < 1.5)).toBe(true);
    const s = createRng(1).stream('in/a/1');
    expect(l.times[0]).toBe(1 + s.poissonInterval(100)); // the documented stream and draw
    expect(() => poisson([-1], { duration: 1, rng: createRng(1) })).toThrow(RangeError);
    expect(() => poisson(1e12, { duration: 1, rng: createRng(1) })).toThrow(/limit 1e8/);
  });
});

describe('pulses', () => {
  it("S2's neuron test: 1.8 V, 2 kHz, 250 us: edges at k * 500 us and k * 500 us + 250 us", () => {
    const l = pulses({ amplitude: 1.8, channels: 0, frequency: 2000, width: 250e-6, count: 5 });
    expect(l.count).toBe(5);
    const c = new Float64Array(4);
    const expected = [[0, 0.25e-3], [0.5e-3, 0.75e-3], [1e-3, 1.25e-3], [1.5e-3, 1.75e-3], [2e-3, 2.25e-3]];
    for (let k = 0; k < 5; k++) {
      pulseCorners(l, k, c);
      expect(c[0]).toBeCloseTo(expected[k]![0]!, 15); // rises (ideal edge: c[0] == c[1])
      expect(c[1]).toBe(c[0]);
      expect(c[2]).toBeCloseTo(expected[k]![1]!, 15); // falls
      expect(c[3]).toBe(c[2]);
      expect(l.amplitudes[k]).toBe(1.8);
    }
    // The same train from period and duty, and from a duration: pulses starting before 2 ms.
    const d = pulses({ amplitude: 1.8, channels: 0, period: 0.5e-3, duty: 0.5, duration: 2e-3 });
    expect(d.count).toBe(4);
    expect(Array.from(d.widths)).toEqual([250e-6, 250e-6, 250e-6, 250e-6]);
    expect(d.times[3]).toBeCloseTo(1.5e-3, 15);
  });

  it("S4's test input: rise 100 us, width 900 us, fall 100 us at 10, 110, 150, 200 ms", () => {
    const l = pulses({ amplitude: 0.05, channels: [2], times: [0.200, 0.010, 0.110, 0.150], width: 900e-6, rise: 100e-6, fall: 100e-6 });
    expect(ev(l)).toEqual([[0.010, 2], [0.110, 2], [0.150, 2], [0.200, 2]]);
    const c = pulseCorners(l, 1, new Float64Array(4));
    expect(c[0]).toBeCloseTo(0.1100, 15);
    expect(c[1]).toBeCloseTo(0.1101, 15);
    expect(c[2]).toBeCloseTo(0.1110, 15);
    expect(c[3]).toBeCloseTo(0.1111, 15);
    const late = pulses({ amplitude: 1, channels: 0, times: [0], width: 1e-3, start: 0.25 });
    expect(late.times[0]).toBe(0.25);
  });

  it("S2's 6 x 5 patterns: 1.6 V trains on the black pixels only", () => {
    const one = [
      0, 0, 1, 0, 0,
      0, 1, 1, 0, 0,
      0, 0, 1, 0, 0,
      0, 0, 1, 0, 0,
      0, 0, 1, 0, 0,
      0, 1, 1, 1, 0,
    ];
    const chans = activeChannels(one);
    expect(Array.from(chans)).toEqual([2, 6, 7, 12, 17, 22, 26, 27, 28]);
    const l = pulses({ amplitude: 1.6, channels: chans, frequency: 2000, width: 250e-6, count: 3 });
    expect(l.count).toBe(27);
    expect(Array.from(l.channels.subarray(0, 9))).toEqual([2, 6, 7, 12, 17, 22, 26, 27, 28]); // all at t = 0
    expect(l.times[9]).toBeCloseTo(0.5e-3, 15);
  });

  it('reports every problem of an invalid train', () => {
    expect(checkPulses({ amplitude: 1, channels: 0, frequency: 2000, period: 1e-3, width: 250e-6, count: 1 }))
      .toContain('give exactly one of frequency and period');
    expect(checkPulses({ amplitude: 1, channels: 0, frequency: 2000, width: 400e-6, rise: 100e-6, fall: 100e-6, count: 2 }))
      .toEqual(['rise + width + fall = 0.0006 s exceeds the period 0.0005 s']);
    expect(checkPulses({ amplitude: 1, channels: 0, times: [0, 0.5e-3], width: 0.6e-3 })[0]).toMatch(/overlap/);
    expect(checkPulses({ amplitude: 1, channels: 0, times: [0], count: 3 })).toEqual([
      'count cannot be combined with explicit times', 'width is required with explicit times', 'width must be finite and > 0, not NaN',
    ]);
    expect(() => pulses({ amplitude: 1, channels: -1, frequency: 1, width: 0.1, count: 1 })).toThrow(RangeError);
    expect(checkPulses({ amplitude: 1, channels: 0, frequency: 2000, duty: 0.5, count: 3 })).toEqual([]);
    // back-to-back trapezoids that exactly fill the period are allowed despite float rounding
    expect(checkPulses({ amplitude: 1, channels: 0, period: 1.1e-3, width: 0.9e-3, rise: 0.1e-3, fall: 0.1e-3, count: 3 })).toEqual([]);
  });
});
