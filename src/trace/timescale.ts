// The VCD $timescale for a tick resolution.
// Input: the duration of one simulator tick, as text ("1ps", "250 ps", "0.5ns") or seconds.
// Output: the largest VCD timescale (1|10|100 x s|ms|us|ns|ps|fs) that divides the tick
//   exactly, and the integer factor ticks are multiplied by when written.
// Invariants: factor * timescale == tick exactly (computed in integer femtoseconds);
//   a tick that is not a whole number of femtoseconds is rejected.

export interface Timescale {
  /** The $timescale body, e.g. "1ps", "100ns". */
  readonly text: string;
  /** VCD time = tick * factor. */
  readonly factor: bigint;
  /** One VCD time unit in femtoseconds. */
  readonly unitFs: bigint;
}

const UNIT_FS: ReadonlyArray<readonly [string, bigint]> = [
  ['s', 10n ** 15n], ['ms', 10n ** 12n], ['us', 10n ** 9n], ['ns', 10n ** 6n], ['ps', 10n ** 3n], ['fs', 1n],
];

/** Parses "250ps", "1 ns", "0.5us", "1e-12" (seconds) or a number of seconds into whole femtoseconds. */
export function tickFemtoseconds(tick: string | number): bigint {
  if (typeof tick === 'number') {
    if (!(tick > 0) || !Number.isFinite(tick)) throw new RangeError(`trace: resolution must be > 0 s, got ${tick}`);
    const fs = tick * 1e15;
    const r = Math.round(fs);
    if (r < 1 || Math.abs(fs - r) > 1e-6 * r) throw new RangeError(`trace: resolution ${tick} s is not a whole number of femtoseconds`);
    return BigInt(r);
  }
  const m = /^\s*([0-9]+)(?:\.([0-9]+))?\s*(s|ms|us|ns|ps|fs)\s*$/.exec(tick);
  if (!m) {
    const secs = Number(tick);
    if (tick.trim() !== '' && Number.isFinite(secs)) return tickFemtoseconds(secs);
    throw new RangeError(`trace: cannot read resolution '${tick}' (expected e.g. "1ps", "10ns")`);
  }
  const whole = m[1]!, frac = m[2] ?? '';
  const unit = UNIT_FS.find(([u]) => u === m[3])![1];
  const scaled = BigInt(whole + frac) * unit;
  const div = 10n ** BigInt(frac.length);
  if (scaled % div !== 0n || scaled === 0n) throw new RangeError(`trace: resolution '${tick}' is not a positive whole number of femtoseconds`);
  return scaled / div;
}

/** Chooses the largest timescale that represents one tick as an integer number of units. */
export function chooseTimescale(tick: string | number): Timescale {
  const fs = tickFemtoseconds(tick);
  for (const [unit, ufs] of UNIT_FS) {
    for (const mult of [100n, 10n, 1n]) {
      const u = mult * ufs;
      if (fs % u === 0n) return { text: `${mult}${unit}`, factor: fs / u, unitFs: u };
    }
  }
  /* unreachable: 1 fs divides every whole number of femtoseconds */
  return { text: '1fs', factor: fs, unitFs: 1n };
}
