// `snn sim` on runs longer than 2^53 ticks of the default 1 fs (9.007 s of hardware time):
// a coarser resolution is chosen with a note on stderr, the VCD counts in it, and a given
// --resolution that cannot count the run is a usage error naming the limit. Runs that fit
// print no note (src/twin/resolution.ts; the twin side is test/twin/engine/long-run.test.ts).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, snn } from '../helpers/cli.js';

const S4 = path.join(ROOT, 'examples', 's4_nsn_unit.snn');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'snn-res-'));

describe('snn sim: the resolution of long runs', () => {
  it('20 s of S4: runs at 10 fs, says so on stderr, and the VCD counts in 10 fs', () => {
    const d = tmp();
    const r = snn(['sim', S4, '--duration', '20s', '--vcd', path.join(d, 'a.vcd'), '--json', '-']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^snn: note: 20 s of hardware time does not fit 2\^53 ticks of the default 1 fs \(9\.007 s\): running at a resolution of 10 fs/);
    const s = JSON.parse(r.stdout);
    expect(s.duration_s).toBe(20);
    expect(s.activity.n.input_pulses).toBe(4);
    const vcd = fs.readFileSync(path.join(d, 'a.vcd'), 'utf8');
    expect(vcd).toMatch(/\$timescale\s+10\s*fs\s+\$end/);
    // the last test spike, 200 ms = 2e13 ticks of 10 fs
    expect(vcd).toContain('\n#20000000000000\n');
  });

  it('the same run at an explicit resolution that fits: no note, the same summary', () => {
    const a = snn(['sim', S4, '--duration', '20s', '--json', '-']);
    const b = snn(['sim', S4, '--duration', '20s', '--resolution', '10fs', '--json', '-']);
    expect(b.status, b.stderr).toBe(0);
    expect(b.stderr).toBe('');
    const strip = (x: string) => ({ ...JSON.parse(x), wall_s: 0 });
    expect(strip(b.stdout)).toEqual(strip(a.stdout));
  });

  it('an explicit --resolution that cannot count the run is a usage error', () => {
    const r = snn(['sim', S4, '--duration', '20s', '--resolution', '1fs']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--resolution 1fs: 20 s of hardware time is more than 2^53 ticks of 1 fs (9.007 s at most)');
  });

  it('a run that fits the default prints no note', () => {
    const r = snn(['sim', S4, '--json', '-']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  });
});
