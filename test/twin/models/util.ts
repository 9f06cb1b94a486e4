// Helpers for the model tests: specs from plain records, level pulse trains as stimulus
// arrays (value at the rising tick, 0 at the falling tick), spike lists.
import { params, type RawValue } from '../../../src/twin/engine/params.js';
import type { ModelSpec } from '../../../src/twin/model.js';

export function spec(kind: string, shape: number[], values: Record<string, RawValue>, path = kind, timescale = 1, scaled: string[] = []): ModelSpec {
  return { path, kind, shape, params: params(values, timescale, scaled, path), timescale };
}

export interface Stim { t: Float64Array; ch: Int32Array; v: Float64Array }

/**
 * Rectangular level pulses: for each (start seconds, channel), `amp` at start and 0 at
 * start + width, merged and sorted by tick (ties: falls before rises, then channel).
 */
export function levelPulses(starts: Array<[number, number]>, width: number, amp: number | ((i: number) => number), res: number): Stim {
  const ev: Array<[number, number, number, number]> = []; // tick, order, ch, value
  starts.forEach(([s, ch], i) => {
    const a = typeof amp === 'number' ? amp : amp(i);
    const t0 = Math.round(s / res), t1 = Math.round((s + width) / res);
    ev.push([t0, 1, ch, a], [t1, 0, ch, 0]);
  });
  ev.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  return {
    t: Float64Array.from(ev.map((e) => e[0])),
    ch: Int32Array.from(ev.map((e) => e[2])),
    v: Float64Array.from(ev.map((e) => e[3])),
  };
}

/** A periodic train on channel ch: `count` pulses of `width` every `period`, from t0. */
export function train(count: number, period: number, t0 = 0, ch = 0): Array<[number, number]> {
  return Array.from({ length: count }, (_, k) => [t0 + k * period, ch] as [number, number]);
}

/** Spikes (impulses) as a stimulus: sorted ticks, channels, optional values. */
export function spikes(list: Array<[number, number, number?]>, res: number): { t: Float64Array; ch: Int32Array; v: Float64Array } {
  const s = [...list].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    t: Float64Array.from(s.map((e) => Math.round(e[0] / res))),
    ch: Int32Array.from(s.map((e) => e[1])),
    v: Float64Array.from(s.map((e) => e[2] ?? 1)),
  };
}
