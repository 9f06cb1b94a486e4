// Pulse edges through the wiring: which 'level' in-ports see ramped changes, and how long the
// ramps are. A driver declares its edges on its 'level' out-port (PortDecl rise/fall, e.g. the
// io's trapezoid pulses, S4: 100 us rise and fall); a linear level block passes them on
// unchanged, because its output at every instant is an affine map of its input levels at
// that instant, so a ramp of its input is a ramp of its output over the same interval.
// Input: the engine's models and its level links (out-port -> in-port, by model index).
// Output: per model and in-port, the edges of the signal reaching it ({rise, fall} seconds,
//   hardware time), or null for steps.
// Invariants: pure, run once when the engine starts (never per event); an in-port fed by
//   signals whose edges differ (including edges against steps) is an error (thrown), since
//   a message could not tell which ramp its change belongs to; a level block outside
//   LEVEL_PASS_THROUGH stops the edges (its consumers see steps); cycles stop them too.
import type { Model } from '../model.js';

/**
 * Linear level blocks, by kind: [out-port, in-port] whose output follows its input at every
 * instant through an affine map.
 * - crossbar: I_j = sum_i V_i G_ij (read noise drawn once per pulse; MOS clamping and voltage
 *   mode are not affine: their consumers get the edges of the row pulses, approximately);
 * - tia: V = offset + gain I (until a rail clips it).
 */
export const LEVEL_PASS_THROUGH: Readonly<Record<string, readonly [out: string, inp: string]>> = {
  crossbar: ['out', 'in'],
  tia: ['out', 'in'],
};

export interface Edges { rise: number; fall: number }

/** One connection: model `from`'s out-port `out` feeds model `to`'s in-port `inp`. */
export interface Link { from: number; out: number; to: number; inp: number }

function same(a: Edges | null, b: Edges | null): boolean {
  return a === b || (a !== null && b !== null && a.rise === b.rise && a.fall === b.fall);
}

function show(e: Edges | null): string {
  return e ? `rise ${e.rise} s, fall ${e.fall} s` : 'steps';
}

/** The edges reaching every in-port (see the header); [model][port], null for steps. */
export function inputEdges(models: readonly Model[], links: readonly Link[]): Array<Array<Edges | null>> {
  const feeders: Link[][][] = models.map((m) => m.ports.map(() => []));
  for (const l of links) feeders[l.to]![l.inp]!.push(l);
  const memoIn = new Map<number, Edges | null>();
  const visiting = new Set<number>();
  const key = (mi: number, p: number): number => mi * 65536 + p;

  const outEdges = (mi: number, op: number): Edges | null => {
    const m = models[mi]!, d = m.ports[op]!;
    if (d.signal !== 'level') return null;
    if ((d.rise ?? 0) > 0 || (d.fall ?? 0) > 0) return { rise: d.rise ?? 0, fall: d.fall ?? 0 };
    const pass = LEVEL_PASS_THROUGH[m.spec.kind];
    if (!pass || pass[0] !== d.name) return null;
    const ip = m.ports.findIndex((p) => p.dir === 'in' && p.name === pass[1]);
    return ip < 0 ? null : inEdges(mi, ip);
  };

  const inEdges = (mi: number, ip: number): Edges | null => {
    const k = key(mi, ip);
    if (memoIn.has(k)) return memoIn.get(k)!;
    if (visiting.has(k)) return null;
    visiting.add(k);
    let out: Edges | null = null;
    const fs = feeders[mi]![ip]!;
    for (let i = 0; i < fs.length; i++) {
      const e = outEdges(fs[i]!.from, fs[i]!.out);
      if (i === 0) { out = e; continue; }
      if (!same(out, e)) {
        const m = models[mi]!;
        throw new Error(`twin: ${m.spec.path}.${m.ports[ip]!.name} is fed by level signals with different pulse edges (${show(out)} and ${show(e)})`);
      }
    }
    visiting.delete(k);
    memoIn.set(k, out);
    return out;
  };

  return models.map((m, mi) => m.ports.map((p, ip) => (p.dir === 'in' && p.signal === 'level' ? inEdges(mi, ip) : null)));
}
