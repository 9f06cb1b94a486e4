// poisson() against a straightforward reference written here: each channel's train drawn
// whole from its own stream (`${key}/${c}`), the trains concatenated in channel order, then
// one stable sort by (time, channel). The encoder must give exactly these events (same
// times, to the bit, in the same order) and the shape columns it was asked for.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { poisson, type PoissonOptions } from '../../src/data/encoders.js';
import { isSorted, type SpikeList } from '../../src/data/spikes.js';
import { createRng, type Rng, type Stream } from '../../src/twin/rng.js';

function reference(rates: number[], o: PoissonOptions): Array<[number, number]> {
  const key = o.key ?? 'stimulus/poisson', t0 = o.t0 ?? 0, end = t0 + o.duration;
  const events: Array<[number, number]> = [];
  rates.forEach((r, c) => {
    if (r === 0) return;
    const s = o.rng.stream(`${key}/${c}`);
    for (let x = t0 + s.poissonInterval(r); x < end; x += s.poissonInterval(r)) events.push([x, c]);
  });
  return events.sort((a, b) => a[0] - b[0] || a[1] - b[1]); // stable: a channel's ties keep draw order
}

/** Exactly the reference's events, in its order (a failure names the first difference, not a 10^6-line diff). */
function expectEvents(l: SpikeList, ref: Array<[number, number]>): void {
  let i = 0;
  while (i < l.count && i < ref.length && Object.is(l.times[i], ref[i]![0]) && l.channels[i] === ref[i]![1]) i++;
  const at = (k: number): string => (k < l.count ? `(${l.times[k]}, ${l.channels[k]})` : 'none');
  expect(i === l.count && i === ref.length, `event ${i}: got ${at(i)}, the reference has ${ref[i] ? `(${ref[i]![0]}, ${ref[i]![1]})` : 'none'} (counts ${l.count} and ${ref.length})`).toBe(true);
}

/**
 * An Rng whose intervals are whole multiples of `step` (0 included), so that events of
 * different channels often fall at the same time and a channel can fire twice at one time:
 * the tie rules are exercised. Deterministic per key, like the real one.
 */
function coarseRng(seed: number, step: number): Rng {
  const real = createRng(seed);
  return {
    seed,
    stream(key: string): Stream {
      const s = real.stream(key);
      return { key, uniform: () => s.uniform(), normal: () => s.normal(), int: (n) => s.int(n),
        poissonInterval: (rate) => Math.floor(s.poissonInterval(rate) / step) * step };
    },
  };
}

describe('poisson against the reference', () => {
  it('the benchmark load: 128 channels at 26.04 MHz for 300 us (about 10^6 events)', () => {
    const o = { duration: 300e-6, rng: createRng(7), channels: 128, key: 'stimulus/poisson_load' };
    const l = poisson(26.04e6, o);
    const ref = reference(new Array<number>(128).fill(26.04e6), { ...o, rng: createRng(7) });
    expect(l.count).toBeGreaterThan(990_000);
    expectEvents(l, ref);
    expect([l.times.length, l.channels.length, l.amplitudes.length, l.widths.length, l.rises.length, l.falls.length])
      .toEqual(new Array(6).fill(l.count));
    expect(l.amplitudes.every(Number.isNaN) && l.widths.every(Number.isNaN)).toBe(true);
    expect(l.rises.every((x) => Object.is(x, 0)) && l.falls.every((x) => Object.is(x, 0))).toBe(true);
  });

  it('random rates (zeros among them), durations, start times and seeds', () => {
    fc.assert(fc.property(
      fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1, max: 2e4, noNaN: true })), { maxLength: 40 }),
      fc.double({ min: 0, max: 0.02, noNaN: true }),
      fc.oneof(fc.constant(0), fc.double({ min: -10, max: 1e4, noNaN: true })),
      fc.nat(1000),
      (rates, duration, t0, seed) => {
        const o = { duration, t0, rng: createRng(seed), key: `in/${seed % 3}` };
        const l = poisson(rates, o);
        expectEvents(l, reference(rates, { ...o, rng: createRng(seed) }));
        expect(isSorted(l)).toBe(true);
      }), { numRuns: 150 });
  });

  it('one rate for many channels, with the shape given', () => {
    const o = { duration: 2e-3, channels: 300, rng: createRng(3), amplitude: 0.2, width: 1e-9, rise: 1e-10, fall: -0 };
    const l = poisson(1e5, o);
    expectEvents(l, reference(new Array<number>(300).fill(1e5), { ...o, rng: createRng(3) }));
    expect(l.amplitudes.every((a) => a === 0.2) && l.widths.every((w) => w === 1e-9)).toBe(true);
    expect(l.rises.every((r) => r === 1e-10)).toBe(true);
    expect(l.falls.every((f) => Object.is(f, 0))).toBe(true); // -0 is the default edge, 0
  });

  it('ties: equal times on different channels by channel, on one channel in draw order', () => {
    fc.assert(fc.property(
      fc.array(fc.oneof(fc.constant(0), fc.double({ min: 100, max: 5e3, noNaN: true })), { minLength: 1, maxLength: 30 }),
      fc.nat(1000),
      fc.constantFrom(0, 0.25, 1000.5),
      (rates, seed, t0) => {
        const o = { duration: 0.1, t0, rng: coarseRng(seed, 1e-3), key: 'tie' };
        const l = poisson(rates, o);
        expectEvents(l, reference(rates, { ...o, rng: coarseRng(seed, 1e-3) }));
      }), { numRuns: 100 });
    // and ties do happen in these runs
    const l = poisson([2e3, 3e3, 4e3], { duration: 0.1, rng: coarseRng(1, 1e-3) });
    let ties = 0;
    for (let i = 1; i < l.count; i++) if (l.times[i] === l.times[i - 1]) ties++;
    expect(ties).toBeGreaterThan(10);
  });

  it('nothing for a zero duration or zero rates', () => {
    expect(poisson([5, 0, 7], { duration: 0, rng: createRng(1) }).count).toBe(0);
    expect(poisson(0, { duration: 1, channels: 5, rng: createRng(1) }).count).toBe(0);
    expect(poisson([], { duration: 1, rng: createRng(1) }).count).toBe(0);
  });
});
