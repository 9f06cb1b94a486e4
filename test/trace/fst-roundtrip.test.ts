// Round trip through GTKWave's FST tools: our VCD -> vcd2fst -> fst2vcd -> readers.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openVcdFile, memoryVcd } from '../../src/trace/vcd.js';
import { MemorySink } from '../../src/trace/memory.js';
import type { TraceSink } from '../../src/trace/sink.js';
import { itWithTools, runTool } from '../helpers/tools.js';
import { readReals, readWithVcdStream } from '../helpers/vcd-read.js';
import { GOLDEN_CHANGES, goldenTrace } from './fixtures.js';

/** A richer deterministic trace: awkward reals, bursts of wire/vector changes, idle ticks. */
function mixedTrace(sink: TraceSink): void {
  const clk = sink.declare({ scope: ['pe'], name: 'clk', kind: 'wire' });
  const cnt = sink.declare({ scope: ['pe'], name: 'cnt', kind: 'vector', width: 12 });
  const big = sink.declare({ scope: ['pe'], name: 'big', kind: 'vector', width: 64 });
  const v = sink.declare({ scope: ['pe', 'n[0]'], name: 'v_mem', kind: 'real', init: -0.07 });
  const i = sink.declare({ scope: ['pe', 'n[0]'], name: 'i_syn', kind: 'real' });
  const reals = [1e-12, -0.55, 3.0, 1 / 3, Math.PI * 1e-15, 6.02214076e23, -1.602176634e-19, 0.1 + 0.2, 2 ** -1074, 1.7976931348623157e308];
  let seed = 12345;
  const rnd = (): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
  for (let t = 0; t < 2000; t += 1 + Math.floor(rnd() * 5)) {
    sink.time(t);
    sink.bit(clk, (t >> 2) & 1 ? 1 : 0);
    sink.vec(cnt, t * 7);
    if (t % 13 === 0) sink.vec(big, (BigInt(t) << 40n) | 0xdeadbeefn);
    sink.real(v, t % 50 === 0 ? reals[(t / 50) % reals.length]! : (rnd() - 0.5) * 10 ** Math.floor(rnd() * 30 - 20));
    if (t % 3 === 0) sink.real(i, rnd() * 1e-9);
  }
}

function relClose(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

async function roundTrip(name: string, fill: (s: TraceSink) => void): Promise<{ vcd: string; back: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'snn-fst-'));
  const vcdPath = join(dir, `${name}.vcd`), fst = join(dir, `${name}.fst`), back = join(dir, `${name}.back.vcd`);
  const w = openVcdFile(vcdPath, { resolution: '1ps' });
  fill(w);
  w.close();
  const a = await runTool('vcd2fst', [vcdPath, fst]);
  expect(a.code, a.stderr).toBe(0);
  const b = await runTool('fst2vcd', ['-o', back, fst]);
  expect(b.code, b.stderr).toBe(0);
  return { vcd: readFileSync(vcdPath, 'latin1'), back: readFileSync(back, 'latin1') };
}

describe('our VCD read by vcd-stream', () => {
  it('gives back the golden wires and vectors', async () => {
    const m = memoryVcd({ resolution: '1ps' });
    goldenTrace(m.sink);
    m.sink.close();
    const r = await readWithVcdStream(m.text());
    expect(r.timescale).toBe('1ps');
    const big = (c: ReadonlyArray<readonly [number, number]>) => c.map(([t, v]) => [BigInt(t), BigInt(v)]);
    expect(r.changes.get('pe.spike')).toEqual(big(GOLDEN_CHANGES.spike));
    expect(r.changes.get('pe.addr')).toEqual(big(GOLDEN_CHANGES.addr));
    expect(readReals(m.text()).get('pe.n[3].v')).toEqual(GOLDEN_CHANGES.v.map(([t, v]) => [BigInt(t), v]));
  });
});

describe('vcd2fst -> fst2vcd', () => {
  itWithTools(['vcd2fst', 'fst2vcd'], 'keeps the golden trace', async () => {
    const { back } = await roundTrip('golden', goldenTrace);
    const r = await readWithVcdStream(back);
    const big = (c: ReadonlyArray<readonly [number, number]>) => c.map(([t, v]) => [BigInt(t), BigInt(v)]);
    expect(r.changes.get('pe.spike')).toEqual(big(GOLDEN_CHANGES.spike));
    expect(r.changes.get('pe.addr')).toEqual(big(GOLDEN_CHANGES.addr));
    const reals = readReals(back);
    for (const [name, want] of [['pe.n[3].v', GOLDEN_CHANGES.v], ['pe.n[3].g', GOLDEN_CHANGES.g]] as const) {
      const got = reals.get(name)!;
      expect(got.map(([t]) => Number(t))).toEqual(want.map(([t]) => t));
      got.forEach(([, x], k) => expect(relClose(x, want[k]![1]), `${name}[${k}] ${x}`).toBe(true));
    }
  });

  itWithTools(['vcd2fst', 'fst2vcd'], 'keeps every change of a mixed trace (reals within 1e-9 relative)', async () => {
    const mem = new MemorySink();
    mixedTrace(mem);
    const { back } = await roundTrip('mixed', mixedTrace);
    const r = await readWithVcdStream(back);
    const reals = readReals(back);
    const names = mem.signals().map((s) => [...s.scope, s.name].join('.'));
    mem.signals().forEach((s, h) => {
      const want = mem.history(h);
      if (s.kind === 'real') {
        const got = reals.get(names[h]!)!;
        expect(got.map(([t]) => t), names[h]).toEqual(want.map(([t]) => t));
        got.forEach(([, x], k) => expect(relClose(x, Number(want[k]![1])), `${names[h]}[${k}] ${x} vs ${want[k]![1]}`).toBe(true));
      } else {
        expect(r.changes.get(names[h]!), names[h]).toEqual(want.map(([t, v]) => [t, BigInt(v)]));
      }
    });
    expect(reals.get('pe.n[0].v_mem')!.length).toBeGreaterThan(500);
  });
});
