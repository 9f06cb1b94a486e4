// Shared test helpers: a seeded PRNG (independent of the twin's), S1 definitions, and
// stimulus generation in ticks.
import type { SpikeList } from '../../src/data/spikes.js';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sorted random spikes: n spikes uniformly over [0, span) ticks on `rows` channels. */
export function randomSpikes(rand: () => number, n: number, rows: number, span: number): { t: Float64Array; ch: Int32Array } {
  const ev: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) ev.push([Math.floor(rand() * span), Math.floor(rand() * rows)]);
  ev.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { t: Float64Array.from(ev.map((e) => e[0])), ch: Int32Array.from(ev.map((e) => e[1])) };
}

/** A uniform random spike list (data time, s): rate x channels x span spikes, times sorted. */
export function poissonSpikes(rate: number, channels: number, span: number, seed: number): SpikeList {
  const rand = mulberry32(seed);
  const n = Math.round(rate * channels * span);
  const times = Float64Array.from({ length: n }, () => rand() * span).sort();
  const chs = Int32Array.from({ length: n }, () => Math.floor(rand() * channels));
  const nan = () => new Float64Array(n).fill(NaN);
  return { count: n, times, channels: chs, amplitudes: nan(), widths: nan(), rises: new Float64Array(n), falls: new Float64Array(n) };
}
