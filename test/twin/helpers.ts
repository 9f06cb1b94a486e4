// Shared test helpers: a seeded PRNG (independent of the twin's), S1 definitions, and
// stimulus generation in ticks.
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
