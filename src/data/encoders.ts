// Encoders: analog values or rates in, SpikeList out (sorted, see spikes.ts).
// Input: per-channel values, rates or a pulse-train description; a Rng for the random ones.
// Output: a SpikeList; channel i is the i-th value/rate unless channels are given.
// Invariants: pure functions of their arguments (poisson: of the Rng's seed and the key);
// invalid parameters are a RangeError listing every problem (check*() returns the same list
// without throwing, for callers that report diagnostics instead).
//
// latency (S4: t_max = 20 steps, threshold 0.3)
//   v' = min(1, max(0, v)); a NaN value never fires.
//   v' <  threshold: the channel does not fire.
//   v' >= threshold: the channel fires exactly once, at
//       step k = round((1 - v') * tMax)          (quantize = true, the default; round half up)
//       step k = (1 - v') * tMax                 (quantize = false, a real number)
//       time t = t0 + k * dt                     (dt = seconds per step)
//   so v' = 1 fires at t0 and a value just at the threshold fires latest,
//   at k = round((1 - threshold) * tMax) (14 for S4); k never exceeds tMax.
// poisson
//   channel c (rate r_c events/s) draws its own stream rng.stream(`${key}/${c}`): inter-spike
//   intervals are exponential with mean 1/r_c; events at t0 + sum of intervals, kept while
//   < t0 + duration. The count on a channel is Poisson(r_c * duration). Each channel's train
//   is drawn whole, then every event goes to its time bucket (a few events each, buckets in
//   time order) and each bucket is sorted: the list comes out in (time, channel) order, a
//   channel's equal times in draw order (no sort of the whole list; the same list a
//   SpikeBuilder would build).
// pulses (S2: 1.8 V, 2 kHz, 250 us; S4: rise = fall = 100 us, width 900 us at 10, 110, 150,
//   200 ms). Each pulse is a trapezoid (spikes.ts): rising edge starts at its event time,
//   flat top of `width`, then the fall. Start times are start + k * period for k = 0..count-1
//   (computed by multiplication, never accumulated), or start + times[k] when `times` is given.
import type { Rng } from '../twin/rng.js';
import { SpikeBuilder, type SpikeList } from './spikes.js';

/** Amplitude/width/edges given to every event an encoder makes (NaN/absent = port default). */
export interface EventShape {
  amplitude?: number; // V
  width?: number;     // s
  rise?: number;      // s
  fall?: number;      // s
}

export interface LatencyOptions extends EventShape {
  tMax: number;        // steps: the latest possible firing step (v' = 0 would fire here)
  threshold: number;   // values below this do not fire
  dt: number;          // seconds per step
  t0?: number;         // s, time of step 0 (default 0)
  quantize?: boolean;  // round to whole steps (default true)
}

const fin = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
/** A computed number for a message, without float noise (0.0006, not 0.0006000000000000001). */
const fmt = (x: number): string => String(Number(x.toPrecision(12)));

function shapeProblems(s: EventShape): string[] {
  const p: string[] = [];
  if (s.amplitude !== undefined && !fin(s.amplitude)) p.push(`amplitude must be finite, not ${s.amplitude}`);
  if (s.width !== undefined && !(fin(s.width) && s.width > 0)) p.push(`width must be finite and > 0, not ${s.width}`);
  if (s.rise !== undefined && !(fin(s.rise) && s.rise >= 0)) p.push(`rise must be finite and >= 0, not ${s.rise}`);
  if (s.fall !== undefined && !(fin(s.fall) && s.fall >= 0)) p.push(`fall must be finite and >= 0, not ${s.fall}`);
  return p;
}

function fail(what: string, problems: string[]): void {
  if (problems.length > 0) throw new RangeError(`${what}: ${problems.join('; ')}`);
}

export function checkLatency(o: LatencyOptions): string[] {
  const p = shapeProblems(o);
  if (!(fin(o.tMax) && o.tMax >= 0)) p.push(`tMax must be finite and >= 0, not ${o.tMax}`);
  if (!fin(o.threshold)) p.push(`threshold must be finite, not ${o.threshold}`);
  if (!(fin(o.dt) && o.dt > 0)) p.push(`dt must be finite and > 0, not ${o.dt}`);
  if (o.t0 !== undefined && !fin(o.t0)) p.push(`t0 must be finite, not ${o.t0}`);
  return p;
}

/** The firing step of one value, or null if it does not fire (see the header). */
export function latencyStep(v: number, tMax: number, threshold: number, quantize = true): number | null {
  if (Number.isNaN(v)) return null;
  const c = Math.min(1, Math.max(0, v));
  if (c < threshold) return null;
  const k = (1 - c) * tMax;
  return quantize ? Math.floor(k + 0.5) : k;
}

/** Time-to-first-spike code: channel i fires once, earlier for larger values[i]. */
export function latency(values: ArrayLike<number>, o: LatencyOptions): SpikeList {
  fail('latency', checkLatency(o));
  const t0 = o.t0 ?? 0;
  const b = new SpikeBuilder(values.length);
  for (let i = 0; i < values.length; i++) {
    const k = latencyStep(values[i]!, o.tMax, o.threshold, o.quantize ?? true);
    if (k !== null) b.push(t0 + k * o.dt, i, o.amplitude, o.width, o.rise, o.fall);
  }
  return b.build();
}

export interface PoissonOptions extends EventShape {
  duration: number;   // s
  rng: Rng;
  key?: string;       // stream key prefix (default "stimulus/poisson"); channel c uses `${key}/${c}`
  t0?: number;        // s (default 0)
  channels?: number;  // number of channels when `rates` is one number (default 1)
}

export function checkPoisson(rates: number | ArrayLike<number>, o: PoissonOptions): string[] {
  const p = shapeProblems(o);
  if (!(fin(o.duration) && o.duration >= 0)) p.push(`duration must be finite and >= 0, not ${o.duration}`);
  if (o.t0 !== undefined && !fin(o.t0)) p.push(`t0 must be finite, not ${o.t0}`);
  if (o.channels !== undefined && !(Number.isInteger(o.channels) && o.channels >= 0)) {
    p.push(`channels must be an integer >= 0, not ${o.channels}`);
  }
  const list = typeof rates === 'number' ? [rates] : rates;
  for (let i = 0; i < list.length; i++) {
    if (!(fin(list[i]) && list[i]! >= 0)) { p.push(`rate ${i} must be finite and >= 0, not ${list[i]}`); break; }
    if (fin(o.duration) && list[i]! * o.duration > 1e8) { p.push(`rate ${i} gives ${list[i]! * o.duration} expected spikes (limit 1e8)`); break; }
  }
  return p;
}

/** Independent Poisson spike trains, one stream per channel. */
export function poisson(rates: number | ArrayLike<number>, o: PoissonOptions): SpikeList {
  fail('poisson', checkPoisson(rates, o));
  const n = typeof rates === 'number' ? (o.channels ?? 1) : rates.length;
  const t0 = o.t0 ?? 0;
  const end = t0 + o.duration;
  // The expected count (it sizes the draw buffer and the time buckets).
  let expected = 0;
  for (let c = 0; c < n; c++) expected += (typeof rates === 'number' ? rates : rates[c]!) * o.duration;
  const { drawn, from } = drawTrains(rates, n, o.rng, o.key ?? 'stimulus/poisson', t0, end, expected);
  const count = from[n]!;
  // Time buckets of about 4 events: bucket(x) = floor((x - t0) * scale), the last one also
  // taking what rounds up to `buckets`. Non-decreasing in x, so the buckets in order, each
  // sorted, are the whole list sorted.
  const buckets = Math.max(1, Math.min(1 << 22, Math.ceil(expected / 4)));
  const b = { last: buckets - 1, t0, scale: buckets / (end - t0) };
  const start = bucketStarts(drawn, count, b);
  const times = new Float64Array(count), channels = new Int32Array(count);
  scatter(drawn, from, n, b, start, times, channels);
  sortBuckets(start, buckets, times, channels);
  // The shape columns hold one value each (what a SpikeBuilder fed these events would build;
  // it keeps no -0 edge: 0 is the default): one array per distinct value, shared by the
  // columns that hold it (a SpikeList's arrays are read-only, see spikes.ts).
  const made: Array<[number, Float64Array]> = [];
  const filled = (v: number): Float64Array => {
    for (const [x, a] of made) if (Object.is(x, v)) return a;
    const a = Object.is(v, 0) ? new Float64Array(count) : new Float64Array(count).fill(v);
    made.push([v, a]);
    return a;
  };
  return {
    count, times, channels,
    amplitudes: filled(o.amplitude ?? NaN),
    widths: filled(o.width ?? NaN),
    rises: filled(o.rise || 0),
    falls: filled(o.fall || 0),
  };
}

// The steps of poisson(): draw, count per bucket, place, sort each bucket.

/**
 * Each channel's whole train, drawn from its own stream: channel c's events are
 * drawn[from[c]] .. drawn[from[c + 1] - 1], in time order (from[n] is the total).
 */
function drawTrains(rates: number | ArrayLike<number>, n: number, rng: Rng, key: string, t0: number, end: number, expected: number): { drawn: Float64Array; from: Float64Array } {
  let drawn = new Float64Array(Math.min(1e8, Math.ceil(expected + 5 * Math.sqrt(expected) + 16)));
  const from = new Float64Array(n + 1);
  let count = 0;
  for (let c = 0; c < n; c++) {
    from[c] = count;
    const r = typeof rates === 'number' ? rates : rates[c]!;
    if (r === 0) continue;
    const s = rng.stream(`${key}/${c}`);
    for (let x = t0 + s.poissonInterval(r); x < end; x += s.poissonInterval(r)) {
      if (count === drawn.length) { const d2 = new Float64Array(2 * count); d2.set(drawn); drawn = d2; }
      drawn[count++] = x;
    }
  }
  from[n] = count;
  return { drawn, from };
}

/** The time buckets of poisson(): bucket of x = min(floor((x - t0) * scale), last). */
interface Buckets { last: number; t0: number; scale: number }

/** Where each bucket's events start in the sorted list (and, at last + 1, the total). */
function bucketStarts(drawn: Float64Array, count: number, b: Buckets): Int32Array {
  const start = new Int32Array(b.last + 2);
  for (let i = 0; i < count; i++) {
    const k = Math.floor((drawn[i]! - b.t0) * b.scale);
    start[(k < b.last ? k : b.last) + 1]!++;
  }
  for (let k = 0; k <= b.last; k++) start[k + 1]! += start[k]!;
  return start;
}

/** Every event to the next free place of its bucket: a bucket gets its events channel by channel, each channel's in time order. */
function scatter(drawn: Float64Array, from: Float64Array, n: number, b: Buckets, start: Int32Array, times: Float64Array, channels: Int32Array): void {
  const free = start.slice(0, b.last + 1);
  for (let c = 0; c < n; c++) {
    for (let i = from[c]!, stop = from[c + 1]!; i < stop; i++) {
      const x = drawn[i]!;
      const k = Math.floor((x - b.t0) * b.scale);
      const j = free[k < b.last ? k : b.last]!++;
      times[j] = x; channels[j] = c;
    }
  }
}

/**
 * Each bucket (a few events) insertion-sorted by (time, channel), stable: a channel's own
 * events keep their draw order, as a full stable sort would. The events before an event in
 * its bucket came from the same or a lower channel, so only a strictly later time moves it.
 */
function sortBuckets(start: Int32Array, buckets: number, times: Float64Array, channels: Int32Array): void {
  for (let k = 0; k < buckets; k++) {
    const lo = start[k]!, hi = start[k + 1]!;
    for (let i = lo + 1; i < hi; i++) {
      const x = times[i]!, c = channels[i]!;
      let j = i;
      while (j > lo && times[j - 1]! > x) { times[j] = times[j - 1]!; channels[j] = channels[j - 1]!; j--; }
      times[j] = x; channels[j] = c;
    }
  }
}

export interface PulseOptions {
  amplitude: number;                  // V
  channels: number | ArrayLike<number>;
  start?: number;                     // s (default 0): the first rising edge of a periodic train
  // Periodic train: exactly one of frequency/period, one of width/duty, one of count/duration.
  frequency?: number;                 // Hz
  period?: number;                    // s
  duty?: number;                      // width = duty * period, 0 < duty <= 1
  count?: number;                     // pulses per channel
  duration?: number;                  // s: every pulse with k*period < duration (relative tolerance 1e-9)
  // Or explicit start times (offsets from `start`); then width is required.
  times?: ArrayLike<number>;
  width?: number;                     // s, flat top
  rise?: number;                      // s (default 0)
  fall?: number;                      // s (default 0)
}

interface PulsePlan { offsets: number[]; width: number }

function planPulses(o: PulseOptions): { plan: PulsePlan | null; problems: string[] } {
  const p = shapeProblems({ amplitude: o.amplitude, rise: o.rise, fall: o.fall });
  if (!fin(o.amplitude)) p.push(`amplitude must be finite, not ${o.amplitude}`);
  if (o.start !== undefined && !fin(o.start)) p.push(`start must be finite, not ${o.start}`);
  const chans = typeof o.channels === 'number' ? [o.channels] : Array.from(o.channels);
  for (const c of chans) {
    if (!(Number.isInteger(c) && c >= 0 && c <= 0x7fffffff)) { p.push(`channel ${c} must be an integer >= 0`); break; }
  }
  const edges = (o.rise ?? 0) + (o.fall ?? 0);
  let offsets: number[] = [];
  let width = NaN;
  if (o.times !== undefined) {
    for (const k of ['frequency', 'period', 'duty', 'count', 'duration'] as const) {
      if (o[k] !== undefined) p.push(`${k} cannot be combined with explicit times`);
    }
    if (o.width === undefined) p.push('width is required with explicit times');
    else width = o.width;
    offsets = Array.from(o.times).sort((a, b) => a - b);
    if (offsets.some((t) => !fin(t))) p.push('times must be finite');
    for (let k = 1; k < offsets.length; k++) {
      if (offsets[k]! - offsets[k - 1]! < (width + edges) * (1 - 1e-12)) {
        p.push(`pulses at ${offsets[k - 1]} s and ${offsets[k]} s overlap (each lasts ${fmt(width + edges)} s)`);
        break;
      }
    }
  } else {
    if ((o.frequency === undefined) === (o.period === undefined)) p.push('give exactly one of frequency and period');
    const period = o.period ?? (o.frequency !== undefined ? 1 / o.frequency : NaN);
    if (!(fin(period) && period > 0)) p.push(`period must be finite and > 0, not ${period}`);
    if ((o.width === undefined) === (o.duty === undefined)) p.push('give exactly one of width and duty');
    if (o.duty !== undefined && !(fin(o.duty) && o.duty > 0 && o.duty <= 1)) p.push(`duty must be in (0, 1], not ${o.duty}`);
    width = o.width ?? (o.duty ?? NaN) * period;
    if ((o.count === undefined) === (o.duration === undefined)) p.push('give exactly one of count and duration');
    let count = 0;
    if (o.count !== undefined) {
      if (!(Number.isInteger(o.count) && o.count >= 0)) p.push(`count must be an integer >= 0, not ${o.count}`);
      else count = o.count;
    } else if (o.duration !== undefined) {
      if (!(fin(o.duration) && o.duration >= 0)) p.push(`duration must be finite and >= 0, not ${o.duration}`);
      else if (fin(period) && period > 0) count = Math.ceil(o.duration / period - 1e-9);
    }
    if (count > 1e7) p.push(`${count} pulses per channel is too many`);
    if (fin(period) && width + edges > period * (1 + 1e-12)) {
      p.push(`rise + width + fall = ${fmt(width + edges)} s exceeds the period ${fmt(period)} s`);
    }
    if (p.length === 0) for (let k = 0; k < count; k++) offsets.push(k * period);
  }
  if (!(fin(width) && width > 0)) p.push(`width must be finite and > 0, not ${width}`);
  return { plan: p.length === 0 ? { offsets, width } : null, problems: p };
}

export function checkPulses(o: PulseOptions): string[] {
  return planPulses(o).problems;
}

/** Trapezoidal pulse trains on the given channels (same train on each). */
export function pulses(o: PulseOptions): SpikeList {
  const { plan, problems } = planPulses(o);
  fail('pulses', problems);
  const start = o.start ?? 0;
  const chans = typeof o.channels === 'number' ? [o.channels] : Array.from(o.channels);
  const b = new SpikeBuilder(Math.max(1, plan!.offsets.length * chans.length));
  for (const c of chans) {
    for (const off of plan!.offsets) b.push(start + off, c, o.amplitude, plan!.width, o.rise ?? 0, o.fall ?? 0);
  }
  return b.build();
}

/** The channels whose value is >= threshold (e.g. the black pixels of S2's 6 x 5 patterns). */
export function activeChannels(values: ArrayLike<number>, threshold = 0.5): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i]! >= threshold) out.push(i);
  return Int32Array.from(out);
}
