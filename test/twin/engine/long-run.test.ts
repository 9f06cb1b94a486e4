// Long runs: time is an integer-valued float64 tick count, exact to 2^53 ticks (9.007 s at the
// default 1 fs). A run that does not fit gets the finest power of ten that does (with room to
// spare) and still resolves the design's shortest time (src/twin/resolution.ts); simulate()
// and `snn sim` use it (the CLI side is test/cli/sim-resolution.test.ts). Checked: the choice
// itself, a 20 s S4 run with a threshold (thousands of spikes, the last ones past 9 s), the
// automatic run equal to one at the same explicit resolution and close to one at 1 ps, runs
// that fit unchanged, and an S3 run stretched to 20 s giving the spikes of its 3 us run.
import { describe, expect, it } from 'vitest';
import { simulate, type SimResult } from '../../../src/twin/simulate.js';
import { DEFAULT_RESOLUTION, fits, runResolution, shortestTime } from '../../../src/twin/resolution.js';
import { exampleIr, q, spikeList, stimulusOf, withProp } from '../examples/helpers.js';

const s4 = withProp(exampleIr('s4_nsn_unit.snn'), 'n', 'threshold', q(0.05, 'V'));
/** A pulse every 10 ms for 20 s. */
const train = spikeList(Array.from({ length: 1999 }, (_, k) => [Math.round((k + 1) * 1e3) / 1e5, 0] as [number, number]));
const noWall = (r: SimResult) => JSON.stringify({ ...r, wall_s: 0 });

describe('the run resolution', () => {
  it('keeps 1 fs for what fits 2^53 ticks; coarser powers of ten beyond; refuses a given one that does not fit', () => {
    expect(fits(9, 1e-15)).toBe(true);
    expect(fits(9.1, 1e-15)).toBe(false);
    expect(runResolution(s4, 9)).toMatchObject({ resolution: DEFAULT_RESOLUTION, auto: false });
    expect(runResolution(s4, 20)).toMatchObject({ resolution: 1e-14, auto: true });
    expect(runResolution(s4, 1000)).toMatchObject({ resolution: 1e-12, auto: true });
    expect(runResolution(s4, 20, 1e-12)).toMatchObject({ resolution: 1e-12, auto: false });
    const e = runResolution(s4, 20, 1e-15);
    expect('error' in e && e.error).toMatch(/20 s of hardware time is more than 2\^53 ticks of 1 fs \(9\.007 s at most\)/);
    // the shortest time of the design bounds the coarsening: 1000 ticks across it
    expect(shortestTime(s4)).toEqual({ seconds: 1e-6, where: 'xb.device.pulse_width' });
    expect(runResolution(s4, 4e5)).toMatchObject({ resolution: 1e-10 });
    expect(runResolution(s4, 1e6)).toMatchObject({ resolution: 1e-9 }); // 1000 ticks across 1 us
    const far = runResolution(s4, 1e7);
    expect('error' in far && far.error).toMatch(/too long for the twin.*xb\.device\.pulse_width/);
  });
});

describe('a 20 s run (S4 N-S-N unit with a threshold)', () => {
  const auto = simulate(s4, train, { duration: 20 });

  it('completes at 10 fs: every pulse arrives, the neuron fires past 9 s', () => {
    expect(auto.errors).toEqual([]);
    expect(auto.duration_s).toBe(20);
    expect(auto.activity['n']!.input_pulses).toBe(1999);
    const sp = auto.spikes['n[0]']!;
    expect(sp.count).toBeGreaterThan(1000);
    expect(sp.times[sp.count - 1]!).toBeGreaterThan(19.9);
    // the default resolution cannot count it
    expect(simulate(s4, train, { duration: 20, resolution: 1e-15 }).errors[0]).toMatch(/too long/);
  });

  it('equals the run at the same explicit resolution, and agrees with one at 1 ps', () => {
    expect(noWall(simulate(s4, train, { duration: 20, resolution: 1e-14 }))).toBe(noWall(auto));
    const ps = simulate(s4, train, { duration: 20, resolution: 1e-12 });
    const a = auto.spikes['n[0]']!, b = ps.spikes['n[0]']!;
    expect(b.count).toBe(a.count);
    let worst = 0;
    for (let i = 0; i < a.count; i++) worst = Math.max(worst, Math.abs(a.times[i]! - b.times[i]!));
    // 1 ps ticks: every crossing, pulse start and ramp end is rounded to the tick (half a ps),
    // and each of the ~3000 resets starts the next interval from the rounded time, so the
    // difference can grow to a few ns over the 20 s (a few 1e-10 of the run).
    expect(worst).toBeLessThan(1e-8);
    expect(ps.activity['n']!.input_pulses).toBe(1999);
  });

  it('a run that fits is unchanged: no resolution given = 1 fs', () => {
    const st = stimulusOf(s4);
    expect(noWall(simulate(s4, st))).toBe(noWall(simulate(s4, st, { resolution: 1e-15 })));
  });
});

describe('an S3 run stretched to 20 s', () => {
  it('gives the spikes of its 3 us run, to the 10 fs tick', () => {
    const ir = exampleIr('s3_adaptive_threshold.snn');
    const st = stimulusOf(ir);
    const short = simulate(ir, st);
    const long = simulate(ir, st, { duration: 20 });
    expect(short.errors).toEqual([]);
    expect(long.errors).toEqual([]);
    expect(long.duration_s).toBe(20);
    const a = short.spikes['n[0]']!, b = long.spikes['n[0]']!;
    expect(a.count).toBeGreaterThan(0);
    expect(b.count).toBe(a.count);
    for (let i = 0; i < a.count; i++) expect(Math.abs(a.times[i]! - b.times[i]!)).toBeLessThanOrEqual(2e-14);
  });
});

describe('a compiled twin asked for a run its resolution cannot count', () => {
  it('refuses with the coarser resolution to create it with, and runs with it', async () => {
    const fs = await import('node:fs'), os = await import('node:os'), path = await import('node:path');
    const { compileTwin } = await import('../../../src/twin/compiled.js');
    const { module: m } = await compileTwin(s4, { cacheDir: fs.mkdtempSync(path.join(os.tmpdir(), 'snn-long-')) });
    const errs = m.run(m.create(), train, 20);
    expect(errs).toEqual([expect.stringMatching(/too long for a 1e-15 s resolution \(2\^53 ticks\); create the twin with a coarser one, e\.g\. create\(\{ resolution: 1e-14 \}\)$/)]);
    const twin = m.create({ resolution: 1e-14 });
    expect(m.run(twin, train, 20)).toEqual([]);
    expect(JSON.stringify({ ...m.summary(twin), wall_s: 0 })).toBe(JSON.stringify({ ...simulate(s4, train, { duration: 20, resolution: 1e-14 }), wall_s: 0 }));
  });
});
