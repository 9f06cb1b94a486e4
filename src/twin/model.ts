// CONTRACT READY
// The contract between the discrete-event engine (src/twin/engine/) and every model (block)
// of the digital twin: crossbar, tia, srm, lif, io, ts_hybrid, latches, clock, lia, hebbian,
// stdp, dpi_lif, adaptive_threshold, ...
// Input: a model is built by a factory from a ModelSpec (instance path, kind, shape, and its
//   parameters already converted to hardware time, SI units).
// Output: the model reacts to inputs and timers, emits outputs through its context, counts
//   its activity, and writes its traced signals when they change.
// Invariants (the engine guarantees):
//   - time is an integer-valued float64 count of ticks (`Tick`); one tick = `ctx.resolution`
//     seconds (default 1 fs, so 2^53 ticks is about 9 s; a longer run takes a coarser
//     resolution, src/twin/resolution.ts);
//   - a model's `input`/`timer` calls come in nondecreasing time; ties are ordered by
//     (time, priority class `Prio`, insertion sequence), so a run is deterministic;
//   - nothing is called between events: idle time costs nothing, and a model advances its
//     own analog state analytically (exact exponentials) from its last event to `t`;
//   - each model has at most one pending wake-up per timer slot (setTimer replaces it), so a
//     model re-predicts its next threshold crossing after every input without leaving stale
//     events behind; crossings are found by bracketing and root finding, never sampling;
//   - every emit on an out-port whose signal is 'spike' is recorded as a spike of
//     `path[ch]` (spike counts and times in the run summary) and counted in output_spikes
//     by the engine, so models do not count their own output spikes;
//   - pulse edges: a model with `inputEdges` learns, before init, the rise and fall times of
//     the 'level' signal on each of its in-ports that an out-port with edges reaches (through
//     the linear level blocks of src/twin/engine/edges.ts);
//   - randomness only from `ctx.rng(key)`: streams are split per instance path and key, so
//     adding a probe or another instance never changes this instance's draws.
// Invariants (a model guarantees):
//   - no allocation and no closures per event in `input`/`timer` (typed arrays for state;
//     note that V8 boxes a double passed to or returned from a call it does not inline, so
//     hot per-event helpers should exchange doubles through typed arrays or be small);
//   - `emit*` only at or after `ctx.now`; results never depend on a step size;
//   - trace calls only for handles obtained from `ctx.declare` (-1 means "not probed": skip).

/** Integer-valued float64 tick count (not bigint, for speed). */
export type Tick = number;

/**
 * Priority classes for events at the same tick, lowest first. Within a class, events run in
 * insertion order.
 * - CLOCK: clock edges; clocked parts sample what was settled before the edge.
 * - TIMER: autonomous model wake-ups predicted from the state before this tick (threshold
 *   crossings, end of refractory period, end of an output pulse, device relaxation).
 * - STIMULUS: external input spikes/levels from the stimulus.
 * - LEVEL: a piecewise-constant analog value changes on a connection (column current,
 *   TIA output voltage, pulse on/off, gate voltage).
 * - SPIKE: an instantaneous spike event on a connection (value = amplitude or weight).
 * - LEARN: plasticity updates, after every spike of the tick is known.
 * - PROBE: sampling for traces/probes, last.
 */
export const Prio = { CLOCK: 0, TIMER: 1, STIMULUS: 2, LEVEL: 3, SPIKE: 4, LEARN: 5, PROBE: 6 } as const;
export type Prio = (typeof Prio)[keyof typeof Prio];

/**
 * What a port carries. 'spike': instantaneous events, value = amplitude (V) or 1.
 * 'level': a piecewise-constant analog signal, each message is the new value (a pulse of
 * width w and amplitude V is two messages: V at t, 0 at t + w). 'clock': a level of 0/1.
 * A 'level' out-port may declare pulse edges (PortDecl rise/fall): then each message is the
 * value the signal ramps to, linearly, from the message's tick (see PortDecl).
 */
export type PortSignal = 'spike' | 'level' | 'clock';

export interface PortDecl {
  name: string;          // as in the kinds registry (`in`, `out`, `col`, `vin`, `inhibit`, ...)
  dir: 'in' | 'out';
  width: number;         // number of channels
  signal: PortSignal;
  /**
   * Pulse edges of a 'level' out-port, hardware seconds (absent or 0: steps). Each message
   * starts a linear ramp of the change (new value - previous value) over `rise` when it is an
   * increase and over `fall` when it is a decrease; ramps superpose. The engine carries the
   * edges through linear level blocks (src/twin/engine/edges.ts) to the in-ports they reach
   * and tells their models (Model.inputEdges).
   */
  rise?: number;
  fall?: number;
}

/** A model's parameters, hardware time, SI base units, defaults already filled in. */
export interface Params {
  /** A quantity or number; throws if absent and no fallback is given. */
  num(name: string, fallback?: number): number;
  /** Optional quantity: undefined if absent or null. */
  opt(name: string): number | undefined;
  enumv(name: string, fallback?: string): string;
  bool(name: string, fallback?: boolean): boolean;
  str(name: string, fallback?: string): string;
  /** A list (weights, levels) or interval ([lo, hi]) as numbers. */
  list(name: string, fallback?: readonly number[]): readonly number[];
  has(name: string): boolean;
}

export interface ModelSpec {
  path: string;          // instance path, e.g. "pe.n" (also the trace scope and the RNG key)
  kind: string;          // schema kind
  shape: readonly number[];
  params: Params;        // scaled: every `scaled` time constant already divided by timescale
  timescale: number;     // the macro's timescale k (for reports; params are already scaled)
}

/** A random stream from the run's seeded generator (src/twin/rng.ts), per instance and key. */
export interface RandomSource {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal. */
  normal(): number;
}

/** Per-instance activity counters, priced by the cost model. Plain number fields: `c.x++`. */
export class Counters {
  input_pulses = 0;        // pulses/spikes arriving on the model's inputs
  synaptic_ops = 0;        // one per active cell read (crossbar: active rows x columns per pulse)
  output_spikes = 0;       // spikes the model emits on 'spike' out-ports (counted by the engine)
  programming_pulses = 0;  // SET/RESET/tuning pulses applied to devices
  clock_edges = 0;         // clock edges seen (both edges)
  active_ticks = 0;        // channel-ticks during which the analog block draws (bias) current
  /** Kind-specific counters, e.g. { clipped: 12 }; keys are stable names. */
  readonly extra: Record<string, number> = {};
}

/** The services the engine gives one model (one context per model instance). */
export interface ModelContext {
  /** Seconds per tick. */
  readonly resolution: number;
  /** The current tick (time of the event being handled). */
  readonly now: Tick;
  /** Seconds to the nearest tick. */
  ticks(seconds: number): Tick;
  /** Ticks to seconds. */
  seconds(t: Tick): number;

  /** Emit on out-port `port` (index into the model's `ports`), channel `ch`, at `now`. */
  emit(port: number, ch: number, value: number): void;
  /** Emit at a future tick t >= now (pulse ends, delays); prio defaults by port signal. */
  emitAt(port: number, ch: number, value: number, t: Tick, prio?: Prio): void;

  /** Wake this model at tick t >= now with `timer(slot, t)`; replaces a pending one. */
  setTimer(slot: number, t: Tick, prio?: Prio): void;
  /** Cancel the pending wake-up of a slot (no-op if none). */
  clearTimer(slot: number): void;

  /**
   * Lookahead (optional, for fused fast models): the earliest pending event time of the
   * whole engine (Infinity if none; at most the run's end + 1). A model may process its own
   * self-contained work ahead of the engine up to, but not including, this tick.
   */
  horizon(): Tick;
  /** Move `now` forward to t (now <= t < horizon()) during lookahead, before emit/trace. */
  advanceTo(t: Tick): void;

  /**
   * This instance's random stream for `key` (e.g. "program", "read", "ts"): the stream
   * "<path>/<key>". A fused model standing for several instances passes "@<path>/<key>" to
   * draw exactly what that instance's own model would.
   */
  rng(key: string): RandomSource;

  /**
   * Declare a traced signal (name inside this instance's scope; `ch` for an array element).
   * Returns a handle, or -1 when the signal is not probed (then write nothing).
   */
  declare(name: string, kind: 'wire' | 'vector' | 'real', opts?: { width?: number; ch?: number; init?: number }): number;
  /** Write a traced value at `now`; the engine advances the sink's time. h >= 0 only. */
  bit(h: number, v: 0 | 1): void;
  vec(h: number, v: number): void;
  real(h: number, x: number): void;
  /** True when any signal of this model is traced (to skip trace work cheaply). */
  readonly tracing: boolean;
}

export interface Model {
  readonly spec: ModelSpec;
  /** In- and out-ports; `input(port, ...)` and `ctx.emit(port, ...)` index into this list. */
  readonly ports: readonly PortDecl[];
  readonly counters: Counters;
  /** Called once before the run at tick 0: keep ctx, declare traces, set first timers. */
  init(ctx: ModelContext): void;
  /** A message on in-port `port`, channel `ch`, at tick t (== ctx.now). */
  input(port: number, ch: number, value: number, t: Tick): void;
  /** A timer slot fired at tick t (== ctx.now). */
  timer(slot: number, t: Tick): void;
  /** Bring the analog state to tick t without events (probes, end of run). Idempotent. */
  advance(t: Tick): void;
  /** Read a named state variable (after advance), e.g. "v", "x", "h", "g", "i_col". */
  read(name: string, ch: number): number;
  /**
   * Optional fast path: take a whole sorted input stream for in-port `port` (ticks
   * nondecreasing, channels, values) instead of one message per spike. The engine calls it
   * (before init) only when a stimulus feeds this port alone; the model then consumes it
   * with its own timers and `horizon()`. Return false to decline (messages are used).
   */
  attachStream?(port: number, times: Float64Array, chs: Int32Array, values: Float64Array | null): boolean;
  /**
   * Optional: the engine tells (once, before init) the pulse edges (hardware seconds, see
   * PortDecl rise/fall) of the 'level' signal reaching in-port `port`, when they are not
   * zero. A model without this method, or not told, takes each message as a step.
   */
  inputEdges?(port: number, rise: number, fall: number): void;
  /**
   * Optional, for a model standing for several IR instances (a fused macro): each part's
   * path, kind and counters; `spikes` marks the part whose spikes the model's out-port carries.
   */
  instances?(): Array<{ path: string; kind: string; counters: Counters; spikes: boolean }>;
  /** End of run at tick t: close open activity intervals (active_ticks), flush. */
  finish(t: Tick): void;
}

/** Builds a model from its instance spec; registered per kind (src/twin/models/index). */
export type ModelFactory = (spec: ModelSpec) => Model;
