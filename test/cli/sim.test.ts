// `snn sim` as a user runs it: the summary's fields, byte-identical VCDs for the same seed,
// the GTKWave save file beside the VCD, located errors for bad probes and options, and no
// VCD left behind by a run that cannot start.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, snn } from '../helpers/cli.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'snn-sim-'));
const S1 = path.join(ROOT, 'examples', 's1_pe_macro.snn');

describe('snn sim', () => {
  it('prints a JSON summary with the run, counters and spikes', () => {
    const d = tmp();
    const r = snn(['sim', S1, '--duration', '50ms', '--vcd', path.join(d, 'a.vcd'), '--json', '-']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    for (const k of ['duration_s', 'wall_s', 'events', 'synaptic_ops', 'spikes', 'activity']) expect(s).toHaveProperty(k);
    expect(s.duration_s).toBeCloseTo(0.05, 12);
    expect(s.hardware_duration_s).toBeCloseTo(0.05 / 50000, 18);
    expect(Object.keys(s.spikes)).toHaveLength(12);
    expect(s.activity.xb.synaptic_ops).toBe(s.synaptic_ops);
    // One synaptic operation per active cell read: every input pulse reads its 12 logical columns (24 cells, differential).
    expect(s.synaptic_ops % 12).toBe(0);
  });
  it('writes byte-identical VCDs for the same seed, and a .gtkw beside them', () => {
    const d = tmp();
    const a = snn(['sim', S1, '--duration', '20ms', '--vcd', path.join(d, 'a.vcd'), '--probe', 'xb.i[0]']);
    const b = snn(['sim', S1, '--duration', '20ms', '--vcd', path.join(d, 'b.vcd'), '--probe', 'xb.i[0]']);
    expect(a.status, a.stderr).toBe(0);
    expect(b.status).toBe(0);
    const va = fs.readFileSync(path.join(d, 'a.vcd')), vb = fs.readFileSync(path.join(d, 'b.vcd'));
    expect(va.length).toBeGreaterThan(200);
    expect(va.equals(vb)).toBe(true);
    expect(va.toString()).not.toContain('$date');
    const gtkw = fs.readFileSync(path.join(d, 'a.gtkw'), 'utf8');
    expect(gtkw).toContain('[dumpfile] "a.vcd"');
    const c = snn(['sim', S1, '--duration', '20ms', '--seed', '2', '--vcd', path.join(d, 'c.vcd'), '--probe', 'xb.i[0]']);
    expect(c.status).toBe(0);
    expect(fs.readFileSync(path.join(d, 'c.vcd')).equals(va)).toBe(false);
  });
  it('reports a bad probe with its location, and bad options as usage errors', () => {
    const r = snn(['sim', S1, '--duration', '1ms', '--probe', 'n[0].volts']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--probe 1:1:');
    expect(r.stderr).toContain('SNN8004');
    const u = snn(['sim', S1, '--duration', '5V']);
    expect(u.status).toBe(2);
    expect(u.stderr).toContain('--duration expects a time (s), not a voltage (V)');
  });
  it('leaves no VCD when the run cannot start', () => {
    const d = tmp();
    fs.writeFileSync(path.join(d, 'spikes.csv'), 'time,channel\n0.001,500\n');
    const r = snn(['sim', S1, '--stimulus', path.join(d, 'spikes.csv'), '--vcd', path.join(d, 'x.vcd')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('SNN8001');
    expect(fs.readdirSync(d)).toEqual(['spikes.csv']);
  });
});
