// The input spike-event list the twin consumes, and the ways to build, sort and merge one.
// Input: events (time, channel, optional amplitude, width, rise, fall) in any order.
// Output: a SpikeList: parallel typed arrays of exactly `count` elements.
// Invariants of every SpikeList this module returns:
// - sorted by (time, channel); events equal in both keep a deterministic order: the order
//   they were pushed to the builder, and for merge the order of the lists, then within each;
// - times are finite seconds of data time; channels are integers in [0, 2^31 - 1];
// - amplitude (V) and width (s) are NaN when unspecified: the input port's default applies;
// - rise and fall (s) are >= 0, 0 meaning an ideal edge;
// - the arrays are read-only to consumers: lists may share them (shiftSpikes), and so may the
//   columns of one list that hold a single value (poisson's amplitudes and widths).
// Pulse shape (as a SPICE PULSE with TD = time): the edge starts rising at `time`, reaches
// `amplitude` at time + rise, holds for `width`, and falls back to 0 over `fall`.

/** Sorted input events, one element per event in each array. */
export interface SpikeList {
  readonly count: number;
  readonly times: Float64Array;      // s, data time
  readonly channels: Int32Array;     // input channel index
  readonly amplitudes: Float64Array; // V; NaN = the port's default
  readonly widths: Float64Array;     // s; NaN = the port's default (flat top, excluding edges)
  readonly rises: Float64Array;      // s; 0 = ideal edge
  readonly falls: Float64Array;      // s; 0 = ideal edge
}

const MAX_CHANNEL = 0x7fffffff;

/** Optional per-event fields. */
export interface SpikeShape {
  amplitude?: number;
  width?: number;
  rise?: number;
  fall?: number;
}

export function emptySpikes(): SpikeList {
  return {
    count: 0,
    times: new Float64Array(0),
    channels: new Int32Array(0),
    amplitudes: new Float64Array(0),
    widths: new Float64Array(0),
    rises: new Float64Array(0),
    falls: new Float64Array(0),
  };
}

/**
 * Collects events in any order; build() returns them sorted. push() throws a RangeError for a
 * non-finite time, a channel that is not an integer in [0, 2^31 - 1], or a negative or
 * non-finite rise/fall: callers that read user data validate first and report diagnostics.
 */
export class SpikeBuilder {
  private n = 0;
  /** Bit set of the shape columns with a non-default value: 1 amplitude, 2 width, 4 rise, 8 fall. */
  private shaped = 0;
  private t: Float64Array;
  private ch: Int32Array;
  private amp: Float64Array;
  private w: Float64Array;
  private r: Float64Array;
  private f: Float64Array;

  constructor(capacity = 64) {
    const c = Math.max(1, Math.floor(capacity));
    this.t = new Float64Array(c);
    this.ch = new Int32Array(c);
    this.amp = new Float64Array(c);
    this.w = new Float64Array(c);
    this.r = new Float64Array(c);
    this.f = new Float64Array(c);
  }

  get length(): number { return this.n; }

  push(time: number, channel: number, amplitude = NaN, width = NaN, rise = 0, fall = 0): void {
    if (!Number.isFinite(time)) throw new RangeError(`spike time must be finite, not ${time}`);
    if (!Number.isInteger(channel) || channel < 0 || channel > MAX_CHANNEL) {
      throw new RangeError(`spike channel must be an integer in [0, 2^31 - 1], not ${channel}`);
    }
    if (!(rise >= 0 && rise < Infinity)) throw new RangeError(`spike rise must be finite and >= 0, not ${rise}`);
    if (!(fall >= 0 && fall < Infinity)) throw new RangeError(`spike fall must be finite and >= 0, not ${fall}`);
    if (this.n === this.t.length) this.grow();
    // Remember whether any event departs from the defaults, so build() can skip those columns.
    if (amplitude === amplitude) this.shaped |= 1;
    if (width === width) this.shaped |= 2;
    if (rise !== 0) this.shaped |= 4;
    if (fall !== 0) this.shaped |= 8;
    const i = this.n++;
    this.t[i] = time;
    this.ch[i] = channel;
    this.amp[i] = amplitude;
    this.w[i] = width;
    this.r[i] = rise;
    this.f[i] = fall;
  }

  /** push() with an optional shape object. */
  add(time: number, channel: number, shape: SpikeShape = {}): void {
    this.push(time, channel, shape.amplitude ?? NaN, shape.width ?? NaN, shape.rise ?? 0, shape.fall ?? 0);
  }

  /** The events so far, sorted by (time, channel, push order). The builder stays usable. */
  build(): SpikeList {
    return sortedCopy(this.n, this.t, this.ch, this.amp, this.w, this.r, this.f, this.shaped);
  }

  private grow(): void {
    const c = this.t.length * 2;
    const g64 = (a: Float64Array): Float64Array => { const b = new Float64Array(c); b.set(a); return b; };
    this.t = g64(this.t);
    this.amp = g64(this.amp);
    this.w = g64(this.w);
    this.r = g64(this.r);
    this.f = g64(this.f);
    const ch = new Int32Array(c);
    ch.set(this.ch);
    this.ch = ch;
  }
}

/**
 * The permutation that sorts events by (time, channel), ties in push order: a natural merge
 * sort on typed arrays. Encoders push sorted runs (one per channel), so this costs
 * O(n log runs) with no comparator calls; a plain comparator sort of 10^6 events took 0.4 s.
 */
export function sortOrder(n: number, t: Float64Array, ch: Int32Array): Uint32Array {
  if (isOrdered(n, t, ch)) return identity(n);
  return orderOf(n, t, ch);
}

/** Whether event i comes before event i - 1 in (time, channel) order (a run of sorted events ends there). */
function stepsBack(i: number, t: Float64Array, ch: Int32Array): boolean {
  return t[i]! < t[i - 1]! || (t[i] === t[i - 1] && ch[i]! < ch[i - 1]!);
}

/** Whether the first n events are already in (time, channel) order. */
function isOrdered(n: number, t: Float64Array, ch: Int32Array): boolean {
  for (let i = 1; i < n; i++) if (stepsBack(i, t, ch)) return false;
  return true;
}

function identity(n: number): Uint32Array<ArrayBuffer> {
  const a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** sortOrder of events that are not in order. */
function orderOf(n: number, t: Float64Array, ch: Int32Array): Uint32Array {
  let a = identity(n);
  let bounds: number[] = [0];
  for (let i = 1; i < n; i++) if (stepsBack(i, t, ch)) bounds.push(i);
  if (bounds.length > 32) return bucketOrder(n, t, ch);
  bounds.push(n);
  let b = new Uint32Array(n);
  while (bounds.length > 2) {
    const next: number[] = [];
    for (let k = 0; k + 1 < bounds.length; k += 2) {
      const lo = bounds[k]!, mid = bounds[k + 1]!;
      next.push(lo);
      if (k + 2 >= bounds.length) { b.set(a.subarray(lo, mid), lo); continue; }
      const hi = bounds[k + 2]!;
      let i = lo, j = mid, o = lo;
      while (i < mid && j < hi) {
        const x = a[i]!, y = a[j]!;
        // Take from the right only when strictly smaller: stable, so ties keep push order.
        if (t[y]! < t[x]! || (t[y] === t[x] && ch[y]! < ch[x]!)) { b[o++] = y; j++; } else { b[o++] = x; i++; }
      }
      while (i < mid) b[o++] = a[i++]!;
      while (j < hi) b[o++] = a[j++]!;
    }
    next.push(n);
    bounds = next;
    const tmp = a; a = b; b = tmp;
  }
  return a;
}

/**
 * Many short runs (e.g. one Poisson train per channel): a stable bucket sort on time, O(n)
 * expected. Events go into n buckets by time in push order, then each bucket (about one event
 * on average) is insertion-sorted by (time, channel), which keeps push order for ties.
 */
function bucketOrder(n: number, t: Float64Array, ch: Int32Array): Uint32Array {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) { const x = t[i]!; if (x < lo) lo = x; if (x > hi) hi = x; }
  const nb = n;
  const scale = hi > lo ? (nb - 1) / (hi - lo) : 0;
  const bucket = new Uint32Array(n);
  const start = new Uint32Array(nb + 1);
  for (let i = 0; i < n; i++) { const b = Math.floor((t[i]! - lo) * scale); bucket[i] = b; start[b + 1]!++; }
  for (let b = 0; b < nb; b++) start[b + 1]! += start[b]!;
  const out = new Uint32Array(n);
  const fill = start.slice(0, nb);
  for (let i = 0; i < n; i++) out[fill[bucket[i]!]!++] = i;
  for (let b = 0; b < nb; b++) {
    for (let k = start[b]! + 1; k < start[b + 1]!; k++) {
      const x = out[k]!;
      let j = k - 1;
      // shift while the earlier entry is strictly greater (stable for equal keys)
      while (j >= start[b]! && (t[out[j]!]! > t[x]! || (t[out[j]!] === t[x] && ch[out[j]!]! > ch[x]!))) { out[j + 1] = out[j]!; j--; }
      out[j + 1] = x;
    }
  }
  return out;
}

/** Copies the first n events, permuted into (time, channel, index) order. */
function sortedCopy(
  n: number, t: Float64Array, ch: Int32Array, amp: Float64Array, w: Float64Array, r: Float64Array, f: Float64Array, shaped = 15,
): SpikeList {
  if (isOrdered(n, t, ch)) {
    // Already in order (encoders that draw in time order): plain copies.
    return {
      count: n,
      times: t.slice(0, n),
      channels: ch.slice(0, n),
      amplitudes: shaped & 1 ? amp.slice(0, n) : new Float64Array(n).fill(NaN),
      widths: shaped & 2 ? w.slice(0, n) : new Float64Array(n).fill(NaN),
      rises: shaped & 4 ? r.slice(0, n) : new Float64Array(n),
      falls: shaped & 8 ? f.slice(0, n) : new Float64Array(n),
    };
  }
  const order = orderOf(n, t, ch);
  const out = {
    count: n,
    times: new Float64Array(n),
    channels: new Int32Array(n),
    amplitudes: new Float64Array(n),
    widths: new Float64Array(n),
    rises: new Float64Array(n),
    falls: new Float64Array(n),
  };
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    out.times[k] = t[i]!;
    out.channels[k] = ch[i]!;
  }
  // Shape columns that hold only defaults (NaN amplitude/width, ideal edges) are not gathered.
  if (shaped & 1) for (let k = 0; k < n; k++) out.amplitudes[k] = amp[order[k]!]!; else out.amplitudes.fill(NaN);
  if (shaped & 2) for (let k = 0; k < n; k++) out.widths[k] = w[order[k]!]!; else out.widths.fill(NaN);
  if (shaped & 4) for (let k = 0; k < n; k++) out.rises[k] = r[order[k]!]!;
  if (shaped & 8) for (let k = 0; k < n; k++) out.falls[k] = f[order[k]!]!;
  return out;
}

/** A SpikeList from plain event objects (any order). */
export function spikesFrom(events: ReadonlyArray<{ t: number; ch: number } & SpikeShape>): SpikeList {
  const b = new SpikeBuilder(events.length);
  for (const e of events) b.add(e.t, e.ch, e);
  return b.build();
}

/**
 * All events of all lists in one sorted list. Ties in (time, channel) keep the order of the
 * lists as given, then each list's own order.
 */
export function mergeSpikes(...lists: readonly SpikeList[]): SpikeList {
  let n = 0;
  for (const l of lists) n += l.count;
  const t = new Float64Array(n), amp = new Float64Array(n), w = new Float64Array(n);
  const r = new Float64Array(n), f = new Float64Array(n), ch = new Int32Array(n);
  let o = 0;
  for (const l of lists) {
    t.set(l.times.subarray(0, l.count), o);
    ch.set(l.channels.subarray(0, l.count), o);
    amp.set(l.amplitudes.subarray(0, l.count), o);
    w.set(l.widths.subarray(0, l.count), o);
    r.set(l.rises.subarray(0, l.count), o);
    f.set(l.falls.subarray(0, l.count), o);
    o += l.count;
  }
  return sortedCopy(n, t, ch, amp, w, r, f);
}

/** The same events `dt` seconds later (order is unchanged). */
export function shiftSpikes(list: SpikeList, dt: number): SpikeList {
  if (!Number.isFinite(dt)) throw new RangeError(`shift must be finite, not ${dt}`);
  const times = new Float64Array(list.count);
  for (let i = 0; i < list.count; i++) times[i] = list.times[i]! + dt;
  return { ...list, times };
}

/** True when the list is sorted by (time, channel). */
export function isSorted(list: SpikeList): boolean {
  for (let i = 1; i < list.count; i++) {
    const dt = list.times[i]! - list.times[i - 1]!;
    if (dt < 0 || (dt === 0 && list.channels[i]! < list.channels[i - 1]!)) return false;
  }
  return true;
}

/** One more than the largest channel used (0 for an empty list). */
export function channelSpan(list: SpikeList): number {
  let m = -1;
  for (let i = 0; i < list.count; i++) if (list.channels[i]! > m) m = list.channels[i]!;
  return m + 1;
}

/**
 * The four corner times of event i's trapezoid, written into `out` (no allocation):
 * out[0] rise starts, out[1] top reached, out[2] fall starts, out[3] back at 0.
 * An unspecified width (NaN) is replaced by `defaultWidth`.
 */
export function pulseCorners(list: SpikeList, i: number, out: Float64Array, defaultWidth = NaN): Float64Array {
  const t = list.times[i]!;
  const w = Number.isNaN(list.widths[i]!) ? defaultWidth : list.widths[i]!;
  out[0] = t;
  out[1] = t + list.rises[i]!;
  out[2] = out[1] + w;
  out[3] = out[2] + list.falls[i]!;
  return out;
}
