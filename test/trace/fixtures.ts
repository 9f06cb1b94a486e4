// Shared trace fixtures for the tests in test/trace/.
// Input: any TraceSink. Output: the small deterministic trace of the golden test, and what
// a reader must get back from it. Invariants: deterministic; exercises both scopes, a wire,
// a 4-bit vector and two reals (1e-12, -0.55, 3.0), same-tick overwrites and no-op writes.
import type { TraceSink } from '../../src/trace/sink.js';

export function goldenTrace(sink: TraceSink): void {
  const spike = sink.declare({ scope: ['pe'], name: 'spike', kind: 'wire' });
  const addr = sink.declare({ scope: ['pe'], name: 'addr', kind: 'vector', width: 4 });
  const v = sink.declare({ scope: ['pe', 'n[3]'], name: 'v', kind: 'real' });
  const g = sink.declare({ scope: ['pe', 'n[3]'], name: 'g', kind: 'real', init: 3.0 });
  sink.time(0);
  sink.bit(spike, 0);         // equal to init: nothing new
  sink.real(v, 0.5);          // overwritten at the same tick: only the last value is dumped
  sink.real(v, -0.55);
  sink.time(10);
  sink.bit(spike, 1);
  sink.vec(addr, 10);
  sink.real(v, 1e-12);
  sink.real(g, 3);            // unchanged
  sink.time(20);              // nothing changes at 20: no #20
  sink.bit(spike, 1);
  sink.vec(addr, 10n);
  sink.time(25);
  sink.bit(spike, 0);
  sink.vec(addr, -1);         // reduced modulo 2^4
  sink.time(40);
  sink.real(g, 0.125);
  sink.time(50);              // nothing after 40
}

/** Facility names GTKWave lists for the golden trace (sorted as GTKWave sorts them). */
export const GOLDEN_FACILITIES = ['pe.addr[3:0]', 'pe.n[3].g', 'pe.n[3].v', 'pe.spike'];

/** What each signal of the golden trace holds from each time on. */
export const GOLDEN_CHANGES = {
  spike: [[0, 0], [10, 1], [25, 0]],
  addr: [[0, 0], [10, 10], [25, 15]],
  v: [[0, -0.55], [10, 1e-12]],
  g: [[0, 3], [40, 0.125]],
} as const;
