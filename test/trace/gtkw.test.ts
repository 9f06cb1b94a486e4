// GTKWave save files: exact text, and GTKWave loading them headless.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { facilityName, groupByInstance, gtkwPaths, renderGtkw } from '../../src/trace/gtkw.js';
import { memoryVcd, openVcdFile } from '../../src/trace/vcd.js';
import { itWithTools } from '../helpers/tools.js';
import { GTKWAVE_TOOLS, runGtkwave, TCL_LIST_TRACES } from '../helpers/gtkwave.js';
import { goldenTrace } from './fixtures.js';

// By hand from GTKWave's TraceEnt flags (analyzer.h): BIN 0x8, DEC 0x4, RJUSTIFY 0x20,
// BLANK 0x200, ANALOG_STEP 0x8000, ANALOG_BLANK_STRETCH 0x20000, GRP_BEGIN 0x800000,
// GRP_END 0x1000000.
const GOLDEN_GTKW = `[*]
[*] snn trace test
[*]
[dumpfile] "golden.vcd"
[savefile] "golden.gtkw"
[timestart] 0
[sst_expanded] 1
[treeopen] pe.
[treeopen] pe.n[3].
@800200
-pe
@28
pe.spike
@24
pe.addr[3:0]
@1000200
-pe
@800200
-pe.n[3]
@8028
pe.n[3].v
@20000
-
-
-
@8028
pe.n[3].g
@20000
-
-
-
@1000200
-pe.n[3]
`;

function goldenSignals() {
  const m = memoryVcd({ resolution: '1ps' });
  goldenTrace(m.sink);
  m.sink.close();
  return m.sink.signals();
}

describe('renderGtkw', () => {
  it('groups the golden trace per instance with analog reals', () => {
    const text = renderGtkw({ dumpfile: 'golden.vcd', savefile: 'golden.gtkw', groups: groupByInstance(goldenSignals()), note: 'snn trace test' });
    expect(text).toBe(GOLDEN_GTKW);
  });

  it('names facilities as GTKWave does', () => {
    expect(goldenSignals().map(facilityName)).toEqual(['pe.spike', 'pe.addr[3:0]', 'pe.n[3].v', 'pe.n[3].g']);
  });

  it('supports interpolated analog, other radices, closed groups and no extra rows', () => {
    const sigs = goldenSignals();
    const text = renderGtkw({
      dumpfile: '/abs/x.vcd', analog: 'interpolated', analogExtraRows: 0, vectorRadix: 'hex',
      groups: [{ title: 'all $end\nsignals', signals: sigs, closed: true }],
    });
    expect(text.split('\n').slice(6)).toEqual([
      '@c00200', '-all _end signals', '@28', 'pe.spike', '@22', 'pe.addr[3:0]',
      '@10028', 'pe.n[3].v', 'pe.n[3].g', '@1400200', '-all _end signals', '',
    ]);
    expect(() => renderGtkw({ dumpfile: 'a"b.vcd', groups: [] })).toThrow(/quotes/);
    expect(() => renderGtkw({ dumpfile: 'a.vcd', savefile: 'x\ny', groups: [] })).toThrow(/newlines/);
  });
});

const EXPECTED_TRACES = [
  'pe\t800200', 'spike\t28', 'addr[3:0]\t24', 'pe\t1000200',
  'pe.n[3]\t800200', 'v\t8028', '\t20000', '\t20000', '\t20000', 'g\t8028', '\t20000', '\t20000', '\t20000', 'pe.n[3]\t1000200',
];

describe('.gtkw in GTKWave', () => {
  const dir = mkdtempSync(join(tmpdir(), 'snn-gtkw-'));
  mkdirSync(join(dir, 'run'));
  const vcd = join(dir, 'run', 'golden.vcd');
  const gtkw = join(dir, 'run', 'golden.gtkw');

  const setup = (): void => {
    const w = openVcdFile(vcd, { resolution: '1ps' });
    goldenTrace(w);
    w.close();
    writeFileSync(gtkw, renderGtkw({ ...gtkwPaths(gtkw, vcd), groups: groupByInstance(w.signals()), note: 'snn trace test' }));
  };

  itWithTools(GTKWAVE_TOOLS, 'loads with the VCD given on the command line', async () => {
    setup();
    const r = await runGtkwave([vcd, gtkw], TCL_LIST_TRACES);
    expect(r.timedOut, r.output).toBe(false);
    expect(r.code, r.output).toBe(0);
    expect(r.complaints, r.output).toEqual([]);
    expect(r.tagged('TRACE')).toEqual(EXPECTED_TRACES);
  });

  itWithTools(GTKWAVE_TOOLS, 'loads alone, finding the VCD relative to the save file', async () => {
    setup();
    const r = await runGtkwave([gtkw], `snn_out DUMP [gtkwave::getDumpFileName]\nsnn_out NUMFACS [gtkwave::getNumFacs]\n${TCL_LIST_TRACES}`);
    expect(r.timedOut, r.output).toBe(false);
    expect(r.complaints, r.output).toEqual([]);
    expect(r.tagged('NUMFACS')).toEqual(['4']);
    expect(r.tagged('TRACE')).toEqual(EXPECTED_TRACES);
  });

  it('gtkwPaths makes the VCD path relative to the save file', () => {
    expect(gtkwPaths('/a/run/x.gtkw', '/a/run/waves/x.vcd')).toEqual({ dumpfile: 'waves/x.vcd', savefile: 'x.gtkw' });
    expect(gtkwPaths('/a/run/x.gtkw', '/a/other/x.vcd')).toEqual({ dumpfile: '../other/x.vcd', savefile: 'x.gtkw' });
  });
});
