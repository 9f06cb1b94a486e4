// The twin's resolution (seconds per tick) for a run. Time is an integer-valued float64 tick
// count, exact to 2^53 ticks: 9.007 s of hardware time at the default 1 fs. A run that does
// not fit at the default gets a coarser power of ten, chosen here; a resolution the user
// gave is kept, or refused with the reason.
// Input: the DesignIR (its time constants, widths, edges, clock periods, and timescales), the
//   run's hardware duration (data time / timescale), the resolution asked for (or none).
// Output: runResolution(): { resolution, auto, shortest } or { error }: the default when the
//   run fits (so every run that fitted before is unchanged); else the finest power of ten,
//   from 10 fs to 1 ns, whose tick count stays within 2^52 (half the exact range: room for
//   events scheduled past the end) and which still resolves the design's shortest time by
//   MIN_TICKS_PER_TIME ticks; shortestTime(): that time and where it is.
// Invariants: pure; the same IR and duration give the same choice; a run fits a resolution
//   r when duration / r <= 2^53 (the check runTwin makes).
import type { DesignIR, Value } from '../elaborate/ir.js';
import { findKind, findProp } from '../semantics/kinds/index.js';
import { timescaleOf } from './build-values.js';
import { D } from '../units/dimension.js';
import { formatQuantity } from '../units/quantity.js';
import { fits, MAX_TICKS } from './tick-range.js';

export { fits, MAX_TICKS };

export const DEFAULT_RESOLUTION = 1e-15;
/** The coarsest resolution the twin takes (a 1 ns spike must stay distinct from its end). */
export const MAX_RESOLUTION = 1e-9;
/** Ticks an automatic resolution keeps across the design's shortest time. */
export const MIN_TICKS_PER_TIME = 1e3;

export interface Shortest { seconds: number; where: string }

/**
 * The shortest positive time of the design in hardware seconds: every quantity in s
 * (time constants, widths, edges, delays; `scaled` ones divided by their macro's timescale)
 * and every period 1 / f of a quantity in Hz, in the instances and the components they
 * reference. null when the design has none.
 */
export function shortestTime(ir: DesignIR): Shortest | null {
  let best: Shortest | null = null;
  const visit = (kind: string, props: Record<string, Value>, k: number, where: string): void => {
    const schema = findKind(kind);
    for (const [name, v] of Object.entries(props)) {
      if ('component' in v) { visit(v.component.kind, v.component.props, 1, `${where}.${name}`); continue; }
      if (!('q' in v) || !(v.q > 0)) continue;
      const scaled = schema ? findProp(schema, name)?.scaled === true : false;
      const s = v.unit === 's' ? v.q / (scaled ? k : 1) : v.unit === 'Hz' ? 1 / v.q : NaN;
      if (s > 0 && (best === null || s < best.seconds)) best = { seconds: s, where: `${where}.${name}` };
    }
  };
  for (const inst of ir.instances) visit(inst.kind, inst.component.props, timescaleOf(ir, inst.path), inst.path);
  return best;
}

export type ResolutionChoice =
  | { resolution: number; auto: boolean; shortest: Shortest | null }
  | { error: string };

/** The resolution of a run of `duration` hardware seconds (see the header). */
export function runResolution(ir: DesignIR, duration: number, asked?: number): ResolutionChoice {
  const shortest = shortestTime(ir);
  if (asked !== undefined) {
    if (fits(duration, asked)) return { resolution: asked, auto: false, shortest };
    return { error: `${time(duration)} of hardware time is more than 2^53 ticks of ${time(asked)} (${time(MAX_TICKS * asked)} at most); give a coarser resolution, or none to have one chosen` };
  }
  if (fits(duration, DEFAULT_RESOLUTION)) return { resolution: DEFAULT_RESOLUTION, auto: false, shortest };
  for (let e = -14; e <= -9; e++) {
    const r = Number(`1e${e}`);
    if (duration / r > MAX_TICKS / 2) continue;
    if (shortest && shortest.seconds / r < MIN_TICKS_PER_TIME * (1 - 1e-9)) break; // (rounding of the quotient)
    return { resolution: r, auto: true, shortest };
  }
  const why = shortest ? ` and resolves ${shortest.where} (${time(shortest.seconds)}) by ${MIN_TICKS_PER_TIME} ticks` : '';
  return { error: `${time(duration)} of hardware time is too long for the twin: no resolution from 10 fs to ${time(MAX_RESOLUTION)} fits 2^52 ticks${why}; shorten the run` };
}

/** The stderr note of an automatic choice. */
export function resolutionNote(duration: number, c: { resolution: number; shortest: Shortest | null }): string {
  const s = c.shortest;
  return `${time(duration)} of hardware time does not fit 2^53 ticks of the default ${time(DEFAULT_RESOLUTION)} (${time(MAX_TICKS * DEFAULT_RESOLUTION)}): ` +
    `running at a resolution of ${time(c.resolution)}` +
    (s ? ` (the shortest time of the design, ${s.where} = ${time(s.seconds)}, is ${Math.round(s.seconds / c.resolution).toExponential(1)} ticks)` : '') +
    '; give --resolution to choose another';
}

const time = (s: number): string => formatQuantity(s, D.time);
