// MemorySink and NullSink.
import { describe, expect, it } from 'vitest';
import { MemorySink } from '../../src/trace/memory.js';
import { NullSink } from '../../src/trace/sink.js';
import { GOLDEN_CHANGES, goldenTrace } from './fixtures.js';

describe('MemorySink', () => {
  it('records the state at zero, then changes only', () => {
    const m = new MemorySink();
    goldenTrace(m);
    m.close();
    const hist = (h: number) => m.history(h).map(([t, v]) => [Number(t), v]);
    expect(hist(0)).toEqual(GOLDEN_CHANGES.spike);
    expect(hist(1)).toEqual(GOLDEN_CHANGES.addr);
    expect(hist(2)).toEqual(GOLDEN_CHANGES.v);
    expect(hist(3)).toEqual(GOLDEN_CHANGES.g);
    expect(m.valueAt(1, 24)).toBe(10);
    expect(m.signals().map((s) => [...s.scope, s.name].join('.'))).toEqual(['pe.spike', 'pe.addr', 'pe.n[3].v', 'pe.n[3].g']);
  });

  it('keeps a pulse within one tick, like the VCD writer, but only the last write at tick 0', () => {
    const m = new MemorySink();
    const w = m.declare({ scope: [], name: 'w', kind: 'wire' });
    m.time(0); m.bit(w, 1); m.bit(w, 0); m.bit(w, 1);
    m.time(5); m.bit(w, 0); m.bit(w, 1); m.bit(w, 1);
    m.time(6); m.bit(w, 0);
    expect(m.history(w)).toEqual([[0n, 1], [5n, 0], [5n, 1], [6n, 0]]);
  });
});

describe('NullSink', () => {
  it('hands out handles and ignores values', () => {
    const n = new NullSink();
    expect(n.declare({ scope: ['a'], name: 'x', kind: 'wire' })).toBe(0);
    expect(n.declare({ scope: ['a'], name: 'y', kind: 'real' })).toBe(1);
    n.time(3); n.bit(0, 1); n.real(1, 2); n.close();
    expect(() => n.declare({ scope: ['a'], name: 'z', kind: 'vector' })).toThrow(/width/);
  });
});
