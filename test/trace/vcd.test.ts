// VCD writer: golden text, time-zero dump, changes only, escaping, output files.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatReal, memoryVcd, openVcdFile, VcdWriter } from '../../src/trace/vcd.js';
import type { TextOut } from '../../src/trace/textout.js';
import { goldenTrace } from './fixtures.js';

// Written by hand from IEEE 1364-2005 clause 18.2 (four-state VCD format), not from output.
const GOLDEN = [
  '$timescale 1ps $end',
  '$scope module pe $end',
  '$var wire 1 ! spike $end',
  '$var wire 4 " addr [3:0] $end',
  '$scope module n[3] $end',
  '$var real 1 # v $end',
  '$var real 1 % g $end',
  '$upscope $end',
  '$upscope $end',
  '$enddefinitions $end',
  '#0',
  '$dumpvars',
  '0!',
  'b0 "',
  'r-0.55 #',
  'r3 %',
  '$end',
  '#10',
  '1!',
  'b1010 "',
  'r1e-12 #',
  '#25',
  '0!',
  'b1111 "',
  '#40',
  'r0.125 %',
  '',
].join('\n');

describe('VcdWriter', () => {
  it('renders the golden trace exactly', () => {
    const m = memoryVcd({ resolution: '1ps' });
    goldenTrace(m.sink);
    m.sink.close();
    expect(m.text()).toBe(GOLDEN);
  });

  it('is byte-identical across runs (no date unless asked)', () => {
    const a = memoryVcd({ resolution: '1ps' }); goldenTrace(a.sink); a.sink.close();
    const b = memoryVcd({ resolution: '1ps' }); goldenTrace(b.sink); b.sink.close();
    expect(a.text()).toBe(b.text());
    expect(a.text()).not.toContain('$date');
  });

  it('writes $date/$version/$comment only when asked, with $ neutralised', () => {
    const m = memoryVcd({ resolution: '1ns', date: '2024-01-02', version: 'snn 0.1 $end $var', comment: 'a\nb' });
    m.sink.declare({ scope: ['t'], name: 'x', kind: 'wire' });
    m.sink.close();
    expect(m.text().split('\n').slice(0, 10)).toEqual([
      '$date', '\t2024-01-02', '$end',
      '$version', '\tsnn 0.1 _end _var', '$end',
      '$comment', '\ta b', '$end',
      '$timescale 1ns $end',
    ]);
  });

  it('dumps the full state at time zero even if the first time() is later', () => {
    const m = memoryVcd({ resolution: '1ns' });
    const a = m.sink.declare({ scope: ['s'], name: 'a', kind: 'wire', init: 1 });
    const b = m.sink.declare({ scope: ['s'], name: 'b', kind: 'vector', width: 8, init: 0x5a });
    const c = m.sink.declare({ scope: ['s'], name: 'c', kind: 'real' });
    m.sink.time(7);
    m.sink.bit(a, 0);
    m.sink.vec(b, 0x5a);
    m.sink.real(c, 0);
    m.sink.close();
    const body = m.text().split('$enddefinitions $end\n')[1];
    expect(body).toBe('#0\n$dumpvars\n1!\nb1011010 "\nr0 #\n$end\n#7\n0!\n');
  });

  it('writes a #t line only when something changes, and an end mark only on request', () => {
    for (const markEndTime of [false, true]) {
      const m = memoryVcd({ resolution: '1ps', markEndTime });
      const a = m.sink.declare({ scope: ['s'], name: 'a', kind: 'wire' });
      for (let t = 1; t <= 100; t++) { m.sink.time(t); m.sink.bit(a, t >= 50 ? 1 : 0); }
      m.sink.close();
      const times = m.text().split('\n').filter((l) => l.startsWith('#'));
      expect(times).toEqual(markEndTime ? ['#0', '#50', '#100'] : ['#0', '#50']);
    }
  });

  it('keeps a pulse within one tick (zero-width in viewers)', () => {
    const m = memoryVcd({ resolution: '1ps' });
    const w = m.sink.declare({ scope: ['s'], name: 'w', kind: 'wire' });
    m.sink.time(3); m.sink.bit(w, 1); m.sink.bit(w, 0); m.sink.bit(w, 0);
    m.sink.close();
    expect(m.text().split('$dumpvars\n')[1]).toBe('0!\n$end\n#3\n1!\n0!\n');
  });

  it('suppresses values equal to the last one written, per handle and kind', () => {
    const m = memoryVcd({ resolution: '1ps' });
    const w = m.sink.declare({ scope: ['s'], name: 'w', kind: 'wire' });
    const v = m.sink.declare({ scope: ['s'], name: 'v', kind: 'vector', width: 40 });
    const big = m.sink.declare({ scope: ['s'], name: 'big', kind: 'vector', width: 70 });
    const r = m.sink.declare({ scope: ['s'], name: 'r', kind: 'real' });
    m.sink.time(1);
    for (let i = 0; i < 3; i++) {
      m.sink.bit(w, 1); m.sink.vec(v, 2 ** 39); m.sink.vec(big, 1n << 69n); m.sink.real(r, NaN);
    }
    m.sink.vec(v, 2 ** 39 + 2 ** 40); // same value modulo 2^40
    m.sink.vec(big, (1n << 69n) + (1n << 70n));
    m.sink.close();
    const after = m.text().split('$end\n#1\n')[1];
    expect(after).toBe(`1!\nb1${'0'.repeat(39)} "\nb1${'0'.repeat(69)} #\nrnan %\n`);
  });

  it('masks vectors to their width (negative values are two\'s complement)', () => {
    const m = memoryVcd({ resolution: '1ps' });
    const v32 = m.sink.declare({ scope: ['s'], name: 'v32', kind: 'vector', width: 32 });
    const v3 = m.sink.declare({ scope: ['s'], name: 'v3', kind: 'vector', width: 3 });
    m.sink.time(1);
    m.sink.vec(v32, -1);
    m.sink.vec(v3, 13);
    m.sink.time(2);
    m.sink.vec(v32, 2 ** 32 + 1);
    m.sink.vec(v3, -4n);
    m.sink.close();
    expect(m.text().split('$end\n#1\n')[1]).toBe(`b${'1'.repeat(32)} !\nb101 "\n#2\nb1 !\nb100 "\n`);
  });

  it('escapes hostile names so they cannot break the header', () => {
    const m = memoryVcd({ resolution: '1ps' });
    const hostile = ['a b', '$end', 'x\n$var wire 1 ! evil $end', 'dot.ted', 'ünï', '', 'tab\tcr\r', 'w[3]', 'a_b'];
    for (const n of hostile) m.sink.declare({ scope: ['top $end', 'g[2]', 'k[x]'], name: n, kind: 'wire' });
    m.sink.close();
    const text = m.text();
    const header = text.split('$enddefinitions $end\n')[0]!.split('\n').filter((l) => l !== '');
    // Every header line is one of the four shapes, with single-token names.
    for (const l of header) {
      expect(l).toMatch(/^(\$timescale \S+ \$end|\$scope module \S+ \$end|\$upscope \$end|\$var (wire|real) \d+ \S+ \S+( \[\d+:0\])? \$end)$/);
    }
    expect(header.filter((l) => l.startsWith('$scope')).map((l) => l.split(' ')[2])).toEqual(['top__end', 'g[2]', 'k_x_']);
    expect(header.filter((l) => l.startsWith('$var')).map((l) => l.split(' ')[4])).toEqual([
      'a_b', '_end', 'x__var_wire_1___evil__end', 'dot_ted', '_n_', '_', 'tab_cr_', 'w_3_', 'a_b_1',
    ]);
    expect(text.match(/\$enddefinitions/g)).toHaveLength(1);
    expect(/[^\x20-\x7e\n\t]/.test(text)).toBe(false);
  });

  it('uses compact identifier codes without $', () => {
    const m = memoryVcd({ resolution: '1ps' });
    for (let i = 0; i < 200; i++) m.sink.declare({ scope: ['s'], name: `n${i}`, kind: 'wire' });
    m.sink.close();
    const ids = m.text().split('\n').filter((l) => l.startsWith('$var')).map((l) => l.split(' ')[3]!);
    expect(new Set(ids).size).toBe(200);
    expect(ids.slice(0, 4)).toEqual(['!', '"', '#', '%']);
    expect(ids.every((id) => !id.includes('$') && id.length <= 2)).toBe(true);
  });

  it('rejects misuse', () => {
    const m = memoryVcd({ resolution: '1ps' });
    const w = m.sink.declare({ scope: ['s'], name: 'w', kind: 'wire' });
    const r = m.sink.declare({ scope: ['s'], name: 'r', kind: 'real' });
    expect(() => m.sink.declare({ scope: ['s'], name: 'w', kind: 'wire' })).toThrow(/declared twice/);
    expect(() => m.sink.declare({ scope: ['s'], name: 'q', kind: 'vector' })).toThrow(/width/);
    m.sink.time(5);
    expect(() => m.sink.declare({ scope: ['s'], name: 'late', kind: 'wire' })).toThrow(/after the first/);
    expect(() => m.sink.real(w, 1)).toThrow(/real\(\) on wire/);
    expect(() => m.sink.bit(r, 1)).toThrow(/bit\(\) on real/);
    expect(() => m.sink.bit(99, 1)).toThrow(/unknown handle/);
    expect(() => m.sink.time(4)).toThrow(/backwards/);
    expect(() => m.sink.time(1.5)).toThrow(/integer/);
    m.sink.close();
    expect(() => m.sink.bit(w, 1)).toThrow(/after close/);
  });

  it('accepts bigint and number ticks interchangeably and scales by the timescale factor', () => {
    const m = memoryVcd({ resolution: '250ps' });
    const w = m.sink.declare({ scope: ['s'], name: 'w', kind: 'wire' });
    m.sink.time(2n); m.sink.bit(w, 1);
    m.sink.time(2); m.sink.bit(w, 0);
    m.sink.time(2n ** 60n); m.sink.bit(w, 1);
    m.sink.close();
    const t = m.text();
    expect(t).toContain('$timescale 10ps $end');
    expect(t.split('$end\n#0\n$dumpvars\n0!\n$end\n')[1]).toBe(`#50\n1!\n0!\n#${(2n ** 60n) * 25n}\n1!\n`);
  });

  it('flushes in bounded chunks', () => {
    const chunks: number[] = [];
    const out: TextOut = { write: (c) => { chunks.push(c.length); }, close: () => {}, abort: () => {} };
    const w = new VcdWriter(out, { resolution: '1ps', bufferBytes: 4096 });
    const h = w.declare({ scope: ['s'], name: 'w', kind: 'wire' });
    for (let t = 1; t <= 20000; t++) { w.time(t); w.bit(h, (t & 1) as 0 | 1); }
    w.close();
    expect(chunks.length).toBeGreaterThan(10);
    expect(Math.max(...chunks)).toBeLessThan(4096 + 64);
  });
});

describe('formatReal', () => {
  it('prints the shortest round-trip decimal in a strtod-readable form', () => {
    for (const x of [1e-12, -0.55, 3, 0.1, 1 / 3, -1.7976931348623157e308, 5e-324, 1.5e21, 123456789012345680000]) {
      const s = formatReal(x);
      expect(s).toMatch(/^-?(\d+(\.\d+)?)(e[+-]\d+)?$/);
      expect(Number(s)).toBe(x);
    }
    expect([formatReal(1e-12), formatReal(-0.55), formatReal(3)]).toEqual(['1e-12', '-0.55', '3']);
    expect([formatReal(NaN), formatReal(Infinity), formatReal(-Infinity)]).toEqual(['nan', 'inf', '-inf']);
  });
});

describe('openVcdFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'snn-vcd-'));

  it('publishes the file only on close', () => {
    const path = join(dir, 'a.vcd');
    const w = openVcdFile(path, { resolution: '1ps', bufferBytes: 1024 });
    goldenTrace(w);
    for (let t = 100; t < 5000; t++) { w.time(t); w.bit(0, (t & 1) as 0 | 1); }
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toHaveLength(1);
    w.close();
    w.close(); // idempotent
    expect(readFileSync(path, 'latin1').startsWith(GOLDEN.slice(0, -1))).toBe(true);
    expect(readdirSync(dir)).toEqual(['a.vcd']);
  });

  it('abort() leaves nothing behind', () => {
    const path = join(dir, 'b.vcd');
    const w = openVcdFile(path, { resolution: '1ps', bufferBytes: 1024 });
    goldenTrace(w);
    for (let t = 100; t < 5000; t++) { w.time(t); w.bit(0, (t & 1) as 0 | 1); }
    w.abort();
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('.b.vcd'))).toEqual([]);
  });
});
