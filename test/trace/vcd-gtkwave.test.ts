// The VCD writer's output as GTKWave reads it (headless, under xvfb-run).
import { describe, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openVcdFile } from '../../src/trace/vcd.js';
import { itWithTools } from '../helpers/tools.js';
import { GTKWAVE_TOOLS, runGtkwave, TCL_LIST_FACILITIES } from '../helpers/gtkwave.js';
import { GOLDEN_CHANGES, GOLDEN_FACILITIES, goldenTrace } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'snn-vcd-gtkwave-'));

/** Tcl: show every facility, then print each trace's value at the given marker times. */
function tclValuesAt(times: readonly number[]): string {
  return `${TCL_LIST_FACILITIES}
set names {}
for {set i 0} {$i < [gtkwave::getNumFacs]} {incr i} { lappend names [gtkwave::getFacName $i] }
snn_out ADDED [gtkwave::addSignalsFromList $names]
foreach t {${times.join(' ')}} {
  gtkwave::setMarker $t
  for {set i 0} {$i < [gtkwave::getTotalNumTraces]} {incr i} {
    snn_out VAL "$t\\t[gtkwave::getTraceNameFromIndex $i]\\t[gtkwave::getTraceValueAtMarkerFromIndex $i]"
  }
}`;
}

function valueAt(changes: ReadonlyArray<readonly [number, number]>, t: number): number {
  let v = changes[0]![1];
  for (const [when, x] of changes) if (when <= t) v = x;
  return v;
}

describe('VCD in GTKWave', () => {
  itWithTools(GTKWAVE_TOOLS, 'loads the golden trace with the declared facilities and values', async () => {
    const path = join(dir, 'golden.vcd');
    const w = openVcdFile(path, { resolution: '1ps' });
    goldenTrace(w);
    w.close();
    const times = [0, 9, 10, 24, 25, 39, 40, 50];
    const r = await runGtkwave([path], tclValuesAt(times));
    expect(r.timedOut, r.output).toBe(false);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('SNN_DONE');
    expect(r.complaints, r.output).toEqual([]);
    expect(r.tagged('NUMFACS')).toEqual(['4']);
    expect(r.tagged('FAC')).toEqual(GOLDEN_FACILITIES);
    const got = new Map(r.tagged('VAL').map((l) => { const [t, n, v] = l.split('\t'); return [`${t} ${n}`, v!]; }));
    for (const t of times) {
      expect(parseInt(got.get(`${t} spike`)!, 2), `spike@${t}`).toBe(valueAt(GOLDEN_CHANGES.spike, t));
      expect(parseInt(got.get(`${t} addr[3:0]`)!, 16), `addr@${t}`).toBe(valueAt(GOLDEN_CHANGES.addr, t));
      expect(Number(got.get(`${t} v`)), `v@${t}`).toBe(valueAt(GOLDEN_CHANGES.v, t));
      expect(Number(got.get(`${t} g`)), `g@${t}`).toBe(valueAt(GOLDEN_CHANGES.g, t));
    }
  });

  itWithTools(GTKWAVE_TOOLS, 'loads hostile names, 200 signals, wide vectors and non-finite reals without complaint', async () => {
    const path = join(dir, 'hostile.vcd');
    const w = openVcdFile(path, { resolution: '10ns', version: 'snn $end test', comment: 'hostile\n$enddefinitions' });
    const hostile = ['a b', '$end', 'x\n$var wire 1 ! evil $end', 'dot.ted', 'ünï', '', 'error', 'w[3]', 'w[2]', 'a_b', '#5', '1!'];
    const hs = hostile.map((n) => w.declare({ scope: ['top $end', 'g[2]'], name: n, kind: 'wire' }));
    const many = Array.from({ length: 200 }, (_, i) => w.declare({ scope: ['many', `c${i % 7}`], name: `s${i}`, kind: i % 3 === 0 ? 'real' : 'wire' }));
    const wide = w.declare({ scope: ['many'], name: 'wide', kind: 'vector', width: 70 });
    const r1 = w.declare({ scope: [], name: 'r_top', kind: 'real' });
    w.time(0);
    w.real(r1, NaN);
    for (let t = 1; t < 50; t++) {
      w.time(t);
      for (const h of hs) w.bit(h, ((t + h) & 1) as 0 | 1);
      if (t % 10 === 0) { w.bit(hs[0]!, 1); w.bit(hs[0]!, 0); } // a pulse within one tick
      for (const h of many) { if (h % 3 === 0) w.real(h, t * 1e-15 * (h - 100)); else w.bit(h, ((t >> 1) & 1) as 0 | 1); }
      w.vec(wide, (1n << 69n) | BigInt(t));
      w.real(r1, t === 10 ? Infinity : t === 20 ? -Infinity : t === 30 ? 5e-324 : -1.7976931348623157e308 / t);
    }
    w.close();
    const r = await runGtkwave([path], TCL_LIST_FACILITIES);
    expect(r.timedOut, r.output).toBe(false);
    expect(r.complaints, r.output).toEqual([]);
    expect(r.tagged('NUMFACS')).toEqual([String(hostile.length + 200 + 2)]);
    const facs = r.tagged('FAC');
    for (const n of ['a_b', '_end', 'x__var_wire_1___evil__end', 'dot_ted', '_n_', '_', 'error', 'w_3_', 'w_2_', 'a_b_1', '_5', '1_']) {
      expect(facs, n).toContain(`top__end.g[2].${n}`);
    }
    expect(facs).toContain('many.wide[69:0]');
    expect(facs).toContain('r_top');
    expect(facs).toContain('many.c6.s6');
  });
});
