// The tracing interface the twin writes to.
// Input: signal declarations (scope path, name, kind, width), then a stream of
//   time(t) / bit / vec / real calls in nondecreasing integer ticks.
// Output: whatever the sink makes of it (VCD text, records in memory, nothing).
// Invariants: every declare() comes before the first time()/value call; handles are
//   0, 1, 2, ... in declaration order; a sink drops a value equal to the last one written
//   for that handle (changes only); time never goes backwards; writes at tick 0 make the
//   initial state (only the last one per handle counts); at later ticks every change is
//   kept, so a value set and reset within one tick shows as a zero-width pulse; the value
//   calls are synchronous and allocation-light because a run may emit 10^7 of them.

/** 'wire' is 1 bit, 'vector' is `width` bits (unsigned, two's complement if negative), 'real' a float64. */
export type SignalKind = 'wire' | 'vector' | 'real';

/** A numeric handle returned by `declare`, valid only for the sink that returned it. */
export type Handle = number;

/** Integer ticks of the sink's resolution. */
export type Tick = bigint | number;

export interface SignalSpec {
  /** Hierarchical instance path, outermost first, e.g. ["pe", "n[3]"]. May be empty. */
  readonly scope: readonly string[];
  /** Signal name inside its scope, e.g. "v_mem". */
  readonly name: string;
  readonly kind: SignalKind;
  /** Bits of a 'vector' (1..65536); must be 1 or absent for 'wire'; ignored for 'real'. */
  readonly width?: number;
  /** Value before anything is written (default 0). Part of the time-zero dump. */
  readonly init?: number | bigint;
}

export interface TraceSink {
  /** Declare one signal; only before the first time() or value call. */
  declare(spec: SignalSpec): Handle;
  /** Advance to tick `t` (a nonnegative integer, >= the previous time). */
  time(t: Tick): void;
  /** Set a 'wire' signal. */
  bit(h: Handle, v: 0 | 1): void;
  /** Set a 'vector' signal; the value is reduced modulo 2^width. */
  vec(h: Handle, v: number | bigint): void;
  /** Set a 'real' signal. */
  real(h: Handle, x: number): void;
  /** Finish the trace: flush and publish the output. Idempotent. */
  close(): void;
  /** Abandon the trace (e.g. the run failed): publish nothing. Idempotent; no-op after close(). */
  abort(): void;
}

/** Checks shared by all sinks; throws (a misuse of the API is a bug, not a user error). */
export function checkSpec(spec: SignalSpec): number {
  const { kind } = spec;
  if (kind === 'wire') {
    if (spec.width !== undefined && spec.width !== 1) throw new RangeError(`trace: wire '${spec.name}' must have width 1`);
    return 1;
  }
  if (kind === 'real') return 64;
  if (kind === 'vector') {
    const w = spec.width;
    if (w === undefined || !Number.isInteger(w) || w < 1 || w > 65536) {
      throw new RangeError(`trace: vector '${spec.name}' needs an integer width in 1..65536, got ${String(w)}`);
    }
    return w;
  }
  throw new RangeError(`trace: unknown signal kind '${String(kind)}'`);
}

/** Converts a tick to a nonnegative integer (number when safe, else bigint); throws otherwise. */
export function checkTick(t: Tick): Tick {
  if (typeof t === 'number') {
    if (!Number.isSafeInteger(t) || t < 0) {
      if (Number.isInteger(t) && t > 0) return BigInt(t);
      throw new RangeError(`trace: time must be a nonnegative integer tick, got ${t}`);
    }
    return t;
  }
  if (typeof t !== 'bigint' || t < 0n) throw new RangeError(`trace: time must be a nonnegative integer tick, got ${String(t)}`);
  return t;
}

/** A sink for runs without tracing: every call is a no-op except handle numbering. */
export class NullSink implements TraceSink {
  private n = 0;
  declare(spec: SignalSpec): Handle { checkSpec(spec); return this.n++; }
  time(_t: Tick): void {}
  bit(_h: Handle, _v: 0 | 1): void {}
  vec(_h: Handle, _v: number | bigint): void {}
  real(_h: Handle, _x: number): void {}
  close(): void {}
  abort(): void {}
}
