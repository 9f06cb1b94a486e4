// Every example's VCD, written by `snn sim`, loads in GTKWave headless with no complaint (and
// so does its .gtkw save file); its real-valued traces survive vcd2fst -> fst2vcd with their
// values, and its 1-bit and vector signals read back through vcd-stream unchanged.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect } from 'vitest';
import { ROOT, snn } from '../helpers/cli.js';
import { itWithTools, runTool } from '../helpers/tools.js';
import { GTKWAVE_TOOLS, runGtkwave, TCL_LIST_FACILITIES, TCL_LIST_TRACES } from '../helpers/gtkwave.js';
import { readReals, readWithVcdStream } from '../helpers/vcd-read.js';

/** Each example with a short run (data time) that still produces activity. */
const RUNS: Array<[string, string]> = [
  ['s1_pe_macro.snn', '30ms'],
  ['s2_ts_network.snn', '20ms'],
  ['s3_adaptive_threshold.snn', '3us'],
  ['s4_nsn_unit.snn', '250ms'],
  ['s4_digits.snn', '40ms'],
];

function simulateToVcd(example: string, duration: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'snn-exvcd-'));
  const vcd = path.join(d, example.replace(/\.snn$/, '.vcd'));
  const r = snn(['sim', path.join(ROOT, 'examples', example), '--duration', duration, '--vcd', vcd]);
  expect(r.status, r.stderr).toBe(0);
  return vcd;
}

describe('example waveforms in GTKWave', () => {
  for (const [example, duration] of RUNS) {
    itWithTools([...GTKWAVE_TOOLS], `${example}: the VCD and its .gtkw load with no complaint`, async () => {
      const vcd = simulateToVcd(example, duration);
      const text = fs.readFileSync(vcd, 'utf8');
      const declared = (text.match(/^\$var /gm) ?? []).length;
      expect(declared).toBeGreaterThan(0);
      const g = await runGtkwave([vcd], TCL_LIST_FACILITIES);
      expect(g.complaints).toEqual([]);
      expect(g.tagged('NUMFACS')).toEqual([String(declared)]);
      const s = await runGtkwave([vcd.replace(/\.vcd$/, '.gtkw')], TCL_LIST_TRACES);
      expect(s.complaints).toEqual([]);
      expect(Number(s.tagged('NUMTRACES')[0])).toBeGreaterThan(0);
    }, 120_000);
  }
});

describe('example waveforms round-trip through FST', () => {
  for (const [example, duration] of RUNS) {
    itWithTools(['vcd2fst', 'fst2vcd'], `${example}: reals, wires and vectors survive vcd2fst/fst2vcd`, async () => {
      const vcd = simulateToVcd(example, duration);
      const fst = vcd.replace(/\.vcd$/, '.fst'), back = vcd.replace(/\.vcd$/, '.back.vcd');
      expect((await runTool('vcd2fst', [vcd, fst])).code).toBe(0);
      expect((await runTool('fst2vcd', ['-o', back, fst])).code).toBe(0);
      const a = fs.readFileSync(vcd, 'utf8'), b = fs.readFileSync(back, 'utf8');
      const ra = readReals(a), rb = readReals(b);
      expect(ra.size).toBeGreaterThan(0); // every example probes an analog node
      expect([...rb.keys()].sort()).toEqual([...ra.keys()].sort());
      for (const [name, changes] of ra) {
        const got = rb.get(name)!;
        expect(got.length, name).toBe(changes.length);
        changes.forEach(([t, v], i) => {
          expect(got[i]![0]).toBe(t);
          expect(Math.abs(got[i]![1] - v)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v)));
        });
      }
      const wa = await readWithVcdStream(a), wb = await readWithVcdStream(b);
      expect([...wb.changes.keys()].sort()).toEqual([...wa.changes.keys()].sort());
      for (const [name, changes] of wa.changes) expect(wb.changes.get(name), name).toEqual(changes);
    }, 120_000);
  }
});
