// The simulation entry: IR + stimulus -> a run of the twin and its summary.
// Input: a DesignIR, a SpikeList (src/data/spikes.ts; times in data time), options
//   (duration in data time, seed, trace sink and probes, resolution, fusion, weights).
// Output: SimResult {events, synaptic_ops, spikes per neuron path, activity per instance,
//   duration_s, hardware_duration_s, timescale, wall_s, errors}. Nothing runs when errors
//   is not empty (a stimulus channel the design does not have, a kind without a model, ...).
// Invariants: without a resolution the run takes 1 fs, or, when the run is longer than 2^53
//   ticks of 1 fs, the one src/twin/resolution.ts chooses (as `snn sim` does, silently);
//   stimulus times are divided by the timescale and rounded to the tick; spike
//   times in the result are hardware seconds (data time = hardware x timescale); the same IR,
//   stimulus, seed and options give identical results (probes never change them).
import type { DesignIR, ProbeIR } from '../elaborate/ir.js';
import type { SpikeList } from '../data/spikes.js';
import type { TraceSink } from '../trace/sink.js';
import { Engine } from './engine/engine.js';
import { engineOptions, makeTwin, probePatterns, runLength, runTwin, startClock, summaryOf, type TwinDesign } from './runtime.js';
import { buildTwin, type BuildOptions } from './build.js';
import { DEFAULT_RESOLUTION, runResolution } from './resolution.js';
import { timescaleOf } from './build-values.js';

export interface SimOptions extends BuildOptions {
  /** Data-time seconds (default: the IR's simulation duration, else the last spike + 10%). */
  duration?: number;
  seed?: number;
  sink?: TraceSink | null;
  /** IR probes (`n[*].spike`, `n[0].v`) or engine patterns ("n.out", "xb.i"). */
  probes?: readonly ProbeIR[] | readonly string[] | null;
  /** Seconds per tick (default 1e-15, or coarser for a run too long for it: see the header). */
  resolution?: number;
  /** Told the fraction of the run done from time to time (it observes only: identical results). */
  onProgress?: (fraction: number) => void;
}

export interface Activity {
  kind: string;
  input_pulses: number; synaptic_ops: number; output_spikes: number;
  programming_pulses: number; clock_edges: number;
  active_s: number;                 // channel-seconds of analog activity (hardware time)
  extra: Record<string, number>;
}

export interface SimResult {
  events: number;
  synaptic_ops: number;
  /** Per neuron, "n[3]": spike count and times (hardware seconds). */
  spikes: Record<string, { count: number; times: number[] }>;
  activity: Record<string, Activity>;
  duration_s: number;               // data time simulated
  hardware_duration_s: number;
  timescale: number;
  wall_s: number;
  errors: string[];
}

/**
 * Build the twin from the IR and run it through the same runtime functions a generated twin
 * calls (runtime.ts: makeTwin, runTwin, summaryOf), so that `simulate()` and the compiled
 * twins of `snn compile` / `snn sim` cannot drift apart.
 */
export function simulate(ir: DesignIR, stimulus: SpikeList, opts: SimOptions = {}): SimResult {
  const t0 = startClock();
  const design: TwinDesign = {
    source: '', top: ir.top, snn: '', timescale: 1,
    resolution: opts.resolution ?? autoResolution(ir, stimulus, opts), duration_s: ir.simulation?.duration ?? null, seed: ir.simulation?.seed ?? 1,
    probes: probePatterns(ir.simulation?.probes ?? []),
    neurons: ir.instances.filter((i) => i.category === 'neuron').map((i) => i.path), errors: [],
  };
  const create = { seed: opts.seed ?? design.seed, sink: opts.sink ?? null, probes: opts.probes ?? ir.simulation?.probes ?? null, resolution: design.resolution };
  const engine = new Engine(engineOptions(create, design));
  const built = buildTwin(ir, engine, opts);
  const twin = makeTwin(engine, built.models, built.input, create, { ...design, timescale: built.timescale, errors: built.errors }, t0);
  runTwin(twin, stimulus, opts.duration ?? null, opts.onProgress);
  return summaryOf(twin);
}

/** The default resolution, or a coarser one when the run does not fit it (errors: the default, runTwin reports them). */
function autoResolution(ir: DesignIR, stimulus: SpikeList, opts: SimOptions): number {
  const k = opts.timescale ?? timescaleOf(ir, '');
  const c = runResolution(ir, runLength(stimulus, opts.duration, ir.simulation?.duration) / k);
  return 'error' in c ? DEFAULT_RESOLUTION : c.resolution;
}
