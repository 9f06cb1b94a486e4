// The runtime surface a generated twin imports (`snn/twin`, or ../src/twin/runtime.js inside
// this repo): the engine, the model classes, and the design-independent halves of the
// generated API (engine options, stimulus feeding, probes, counters, the run summary).
// Input: what a generated module's create() builds (an Engine with its models, the instance
//   map, the stimulus input) and the design's defaults (DESIGN).
// Output: a Twin, and SimResult-shaped results (src/twin/simulate.ts) from it.
// Invariants: runTwin and summaryOf follow simulate() step for step (the same checks and
//   error messages, stimulus ticks rounded the same way, the same summary order), so a
//   generated twin and simulate() give byte-identical spike times and counters; a twin runs
//   once (the engine only takes a stimulus before it starts).
import type { ProbeIR } from '../elaborate/ir.js';
import type { SpikeList } from '../data/spikes.js';
import type { TraceSink } from '../trace/sink.js';
import { Engine, type EngineOptions } from './engine/engine.js';
import { params, type RawValue } from './engine/params.js';
import type { Counters, Model, ModelSpec } from './model.js';
import type { Activity, SimResult } from './simulate.js';
import { IoDriver } from './models/io.js';
import { Crossbar } from './models/crossbar.js';
import { Tia } from './models/tia.js';
import { Srm } from './models/srm.js';
import { Lif } from './models/lif.js';
import { PeMacroS1 } from './macro-s1.js';
import { TsHybrid } from './models/ts-hybrid.js';
import { AdaptiveThreshold } from './models/adaptive-threshold.js';
import { DpiLif } from './models/dpi-lif.js';
import { Lia } from './models/lia.js';
import { Hebbian } from './models/hebbian.js';
import { Stdp } from './models/stdp.js';
import { Clock } from './models/clock.js';
import { Latch } from './models/latch.js';
import { SyncedHebbian, SyncedStdp } from './build-learn.js';
import { fits, MAX_TICKS } from './tick-range.js';

export * from './kernel.js';
export { Engine, IoDriver, Crossbar, Tia, Srm, Lif, PeMacroS1, TsHybrid, AdaptiveThreshold, DpiLif, Lia, Hebbian, Stdp, Clock, Latch, SyncedHebbian, SyncedStdp };
export type { Model, ModelSpec, SpikeList, TraceSink, ProbeIR, Activity, SimResult, RawValue };

/**
 * Model classes a generated twin may instantiate, by the name it imports them under.
 * The plan (src/twin/codegen/plan.ts) refuses a model whose class is not listed here.
 */
export const RUNTIME_MODELS = {
  IoDriver, Crossbar, Tia, Srm, Lif, PeMacroS1, TsHybrid, AdaptiveThreshold, DpiLif, Lia, Hebbian, Stdp, Clock, Latch, SyncedHebbian, SyncedStdp,
} as const;

/** A model's spec as build.ts makes it: parameters already in hardware time (timescale 1, nothing scaled). */
export function modelSpec(path: string, kind: string, shape: readonly number[], values: Readonly<Record<string, RawValue>>, timescale: number,
  scaling: { timescale: number; scaled: readonly string[] } = { timescale: 1, scaled: [] }): ModelSpec {
  return { path, kind, shape, params: params(values as Record<string, RawValue>, scaling.timescale, scaling.scaled, path), timescale };
}

/** n copies of x (a uniform weight matrix). */
export function uniformWeights(n: number, x: number): Float64Array {
  return new Float64Array(n).fill(x);
}

/** Where stimulus channels go. */
/** Where stimulus channels go: a model's in-port, its width, the driver's pulse amplitude (V) and width (hardware s). */
export interface TwinInput { path: string; model: Model; port: string; width: number; amplitude: number; pulseWidth?: number }

/** What a generated module knows about its design (its DESIGN constant). */
export interface TwinDesign {
  /** The .snn file, relative to where `snn compile` ran. */
  readonly source: string;
  readonly top: { readonly kind: string; readonly name: string };
  readonly snn: string;
  /** Hardware = data time / timescale. */
  readonly timescale: number;
  /** Seconds per tick unless create() is told otherwise. */
  readonly resolution: number;
  /** Default run length (data time, s); null: the last stimulus spike + 10%. */
  readonly duration_s: number | null;
  readonly seed: number;
  /** Default probes (engine patterns "path.signal"), used when a sink is given. */
  readonly probes: readonly string[];
  /** Neuron instance paths: their spikes make SimResult.spikes. */
  readonly neurons: readonly string[];
  /** Parts of the design the twin cannot run yet: run() refuses, like simulate(). */
  readonly errors: readonly string[];
}

/** Options of a generated module's create(). */
export interface CreateOptions {
  /** The run's seed (default: the design's). */
  seed?: number;
  /** Where traced signals go (VCD writer, memory); null: no tracing. */
  sink?: TraceSink | null;
  /** IR probes or engine patterns ("n.out", "xb.i"); default: the design's. Only with a sink. */
  probes?: readonly ProbeIR[] | readonly string[] | null;
  /** Seconds per tick (default: the design's, 1 fs). */
  resolution?: number;
  /** Weights per crossbar path (row-major), instead of the compiled ones. */
  weights?: Readonly<Record<string, ArrayLike<number>>>;
}

/** A built twin: create() -> run() once -> probe()/counters()/summary(). */
export interface Twin {
  readonly engine: Engine;
  /** Instance path -> the model standing for it (a fused model stands for several). */
  readonly models: ReadonlyMap<string, Model>;
  readonly input: TwinInput | null;
  readonly design: TwinDesign;
  readonly resolution: number;
  readonly sink: TraceSink | null;
  /** process.hrtime at create() (wall_s counts from here, as simulate() counts from its start). */
  readonly t0: bigint;
  state: { ran: boolean; duration: number; errors: string[]; wall_s: number };
}

/** Signal names of the IR probes -> the names the models declare (as simulate()). */
const SIGNAL_ALIAS: Readonly<Record<string, string>> = { spike: 'out', spikes: 'out', membrane: 'v' };

export function probePatterns(probes: readonly ProbeIR[] | readonly string[]): string[] {
  return probes.map((p) => (typeof p === 'string' ? p : `${p.instance}.${SIGNAL_ALIAS[p.signal] ?? p.signal}`));
}

/** The Engine options of a run: create()'s options over the design's defaults. */
export function engineOptions(opts: CreateOptions, design: TwinDesign): EngineOptions {
  const sink = opts.sink ?? null;
  const probes = opts.probes ?? design.probes;
  return {
    resolution: opts.resolution ?? design.resolution, seed: opts.seed ?? design.seed, sink,
    probes: sink && probes && probes.length > 0 ? probePatterns(probes) : null,
  };
}

export function makeTwin(engine: Engine, models: ReadonlyMap<string, Model>, input: TwinInput | null, opts: CreateOptions, design: TwinDesign, t0: bigint): Twin {
  return { engine, models, input, design, resolution: engine.resolution, sink: opts.sink ?? null, t0, state: { ran: false, duration: 0, errors: [], wall_s: 0 } };
}

/** A run's length (data time, s): the one asked for, else the design's, else the last stimulus spike + 10%. */
export function runLength(stimulus: SpikeList, untilSeconds: number | null | undefined, designDuration: number | null | undefined): number {
  return untilSeconds ?? designDuration ?? (stimulus.count > 0 ? stimulus.times[stimulus.count - 1]! : 0) * 1.1;
}

/**
 * Runs the twin on a stimulus (data time) until `untilSeconds` (data time; default: the
 * design's duration, else the last spike + 10%). Returns the errors (nothing runs when there
 * are any), as simulate() does.
 */
export function runTwin(twin: Twin, stimulus: SpikeList, untilSeconds?: number | null, onProgress?: (fraction: number) => void): string[] {
  if (twin.state.ran) throw new Error('twin: run() twice; create() a new twin for another run');
  twin.state.ran = true;
  const { engine, input, design } = twin, k = design.timescale, resolution = twin.resolution;
  const errors = [...design.errors];
  const duration = runLength(stimulus, untilSeconds, design.duration_s);
  twin.state.duration = duration;
  twin.state.errors = errors;
  if (!input && stimulus.count > 0) errors.push('the design has no io driver to take the stimulus');
  if (!fits(duration / k, resolution)) {
    // The finest power of ten that fits with room to spare, as a hint (the engine is built at create()).
    const fit = Number(`1e${Math.ceil(Math.log10(duration / k / (MAX_TICKS / 2)))}`);
    errors.push(`duration ${duration} s is too long for a ${resolution} s resolution (2^53 ticks); create the twin with a coarser one, e.g. create({ resolution: ${fit} })`);
  }
  let values: Float64Array | null = null;
  if (input) {
    for (let i = 0; i < stimulus.count; i++) {
      const ch = stimulus.channels[i]!;
      if (ch >= input.width) { errors.push(`stimulus channel ${ch} does not exist: '${input.path}' has ${input.width} inputs`); break; }
    }
    for (let i = 0; i < stimulus.count; i++) {
      const a = stimulus.amplitudes[i]!;
      if (!Number.isNaN(a)) { values ??= new Float64Array(stimulus.count).fill(1); values[i] = a / input.amplitude; }
    }
    // Per-event widths: only the driver's own pulse width (data time = hardware x k) is taken.
    const pw = input.pulseWidth;
    // (a plain loop: TypedArray find() hands each element to its callback as a boxed double)
    let odd: number | undefined;
    for (let i = 0; i < stimulus.count; i++) {
      const w = stimulus.widths[i]!;
      if (!Number.isNaN(w) && !(pw !== undefined && Math.abs(w / k - pw) <= 1e-9 * pw)) { odd = w; break; }
    }
    if (odd !== undefined) errors.push(`stimulus pulse width ${odd} s differs from the io spike_width${pw !== undefined ? ` (${pw * k} s)` : ''}: per-event widths are not supported by the twin yet`);
  }
  if (errors.length > 0) { twin.state.wall_s = Number(process.hrtime.bigint() - twin.t0) / 1e9; return errors; }
  if (input) {
    const ticks = new Float64Array(stimulus.count);
    for (let i = 0; i < stimulus.count; i++) ticks[i] = Math.round(stimulus.times[i]! / k / resolution);
    engine.stimulus(input.model, input.port, ticks, stimulus.channels.subarray(0, stimulus.count), values);
  }
  const end = Math.round(duration / k / resolution);
  engine.run(end, onProgress);
  onProgress?.(1);
  engine.finish();
  twin.sink?.close();
  twin.state.wall_s = Number(process.hrtime.bigint() - twin.t0) / 1e9;
  return errors;
}

/** A state variable of an instance at the current time (after run(): the end of the run). */
export function probeTwin(twin: Twin, path: string, signal: string, ch = 0): number {
  const m = twin.models.get(path);
  if (!m) throw new Error(`twin: no instance '${path}'`);
  m.advance(twin.engine.now);
  return m.read(SIGNAL_ALIAS[signal] ?? signal, ch);
}

function activityOf(kind: string, c: Counters, res: number): Activity {
  return {
    kind, input_pulses: c.input_pulses, synaptic_ops: c.synaptic_ops, output_spikes: c.output_spikes,
    programming_pulses: c.programming_pulses, clock_edges: c.clock_edges, active_s: c.active_ticks * res, extra: { ...c.extra },
  };
}

type Multi = Model & { instances?: () => Array<{ path: string; kind: string; counters: Counters; spikes: boolean }> };

/** Per-instance activity (fused models report their parts), in the twin's instance order. */
export function countersOf(twin: Twin): Record<string, Activity> {
  return collect(twin).activity;
}

function collect(twin: Twin): Pick<SimResult, 'activity' | 'spikes' | 'synaptic_ops'> {
  const { engine, resolution } = twin, neurons = new Set(twin.design.neurons);
  const activity: Record<string, Activity> = {};
  const spikes: SimResult['spikes'] = {};
  let synOps = 0;
  const seen = new Set<Model>();
  for (const [p, m] of twin.models) {
    if (seen.has(m)) continue;
    seen.add(m);
    const parts = (m as Multi).instances?.call(m) ?? [{ path: p, kind: m.spec.kind, counters: m.counters, spikes: true }];
    for (const part of parts) {
      activity[part.path] = activityOf(part.kind, part.counters, resolution);
      synOps += part.counters.synaptic_ops;
    }
    if (!neurons.has(m.spec.path)) continue;
    const rec = engine.spikes[engine.models.indexOf(m)]!;
    const n = m.ports.find((q) => q.name === 'out')?.width ?? 0;
    for (let c = 0; c < n; c++) spikes[`${m.spec.path}[${c}]`] = { count: 0, times: [] };
    for (let i = 0; i < rec.n; i++) {
      const s = spikes[`${m.spec.path}[${rec.ch[i]!}]`]!;
      s.count++; s.times.push(rec.t[i]! * resolution);
    }
  }
  return { activity, spikes, synaptic_ops: synOps };
}

/** The run's summary, the fields of simulate()'s SimResult. */
export function summaryOf(twin: Twin): SimResult {
  const k = twin.design.timescale, { duration, errors, wall_s } = twin.state;
  if (!twin.state.ran) throw new Error('twin: summary() before run()');
  if (errors.length > 0) {
    return { events: 0, synaptic_ops: 0, spikes: {}, activity: {}, duration_s: duration, hardware_duration_s: duration / k, timescale: k, wall_s: 0, errors };
  }
  const c = collect(twin);
  return {
    events: twin.engine.totalEvents(), synaptic_ops: c.synaptic_ops, spikes: c.spikes, activity: c.activity,
    duration_s: duration, hardware_duration_s: duration / k, timescale: k, wall_s, errors,
  };
}

/** The wall-clock start of a twin (create() calls it first, as simulate() starts its clock). */
export function startClock(): bigint {
  return process.hrtime.bigint();
}
