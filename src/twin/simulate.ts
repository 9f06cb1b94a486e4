// The simulation entry: IR + stimulus -> a run of the twin and its summary.
// Input: a DesignIR, a SpikeList (src/data/spikes.ts; times in data time), options
//   (duration in data time, seed, trace sink and probes, resolution, fusion, weights).
// Output: SimResult {events, synaptic_ops, spikes per neuron path, activity per instance,
//   duration_s, hardware_duration_s, timescale, wall_s, errors}. Nothing runs when errors
//   is not empty (a stimulus channel the design does not have, a kind without a model, ...).
// Invariants: stimulus times are divided by the timescale and rounded to the tick; spike
//   times in the result are hardware seconds (data time = hardware x timescale); the same IR,
//   stimulus, seed and options give identical results (probes never change them).
import type { DesignIR, ProbeIR } from '../elaborate/ir.js';
import type { SpikeList } from '../data/spikes.js';
import type { TraceSink } from '../trace/sink.js';
import { Engine } from './engine/engine.js';
import type { Counters, Model } from './model.js';
import { buildTwin, type BuildOptions } from './build.js';

export interface SimOptions extends BuildOptions {
  /** Data-time seconds (default: the IR's simulation duration, else the last spike + 10%). */
  duration?: number;
  seed?: number;
  sink?: TraceSink | null;
  /** IR probes (`n[*].spike`, `n[0].v`) or engine patterns ("n.out", "xb.i"). */
  probes?: readonly ProbeIR[] | readonly string[] | null;
  /** Seconds per tick (default 1e-15). */
  resolution?: number;
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

/** Signal names of the IR probes -> the names the models declare. */
const SIGNAL_ALIAS: Record<string, string> = { spike: 'out', spikes: 'out', membrane: 'v' };

function probePatterns(probes: readonly ProbeIR[] | readonly string[]): string[] {
  return probes.map((p) => (typeof p === 'string' ? p : `${p.instance}.${SIGNAL_ALIAS[p.signal] ?? p.signal}`));
}

function activityOf(kind: string, c: Counters, res: number): Activity {
  return {
    kind, input_pulses: c.input_pulses, synaptic_ops: c.synaptic_ops, output_spikes: c.output_spikes,
    programming_pulses: c.programming_pulses, clock_edges: c.clock_edges, active_s: c.active_ticks * res, extra: { ...c.extra },
  };
}

type Multi = Model & { instances?: () => Array<{ path: string; kind: string; counters: Counters; spikes: boolean }> };

export function simulate(ir: DesignIR, stimulus: SpikeList, opts: SimOptions = {}): SimResult {
  const t0 = process.hrtime.bigint();
  const resolution = opts.resolution ?? 1e-15;
  const probes = opts.probes ?? ir.simulation?.probes ?? null;
  const engine = new Engine({
    resolution, seed: opts.seed ?? ir.simulation?.seed ?? 1, sink: opts.sink ?? null,
    probes: opts.sink && probes && probes.length > 0 ? probePatterns(probes) : null,
  });
  const built = buildTwin(ir, engine, opts);
  const errors = [...built.errors];
  const k = built.timescale;
  const last = stimulus.count > 0 ? stimulus.times[stimulus.count - 1]! : 0;
  const duration = opts.duration ?? ir.simulation?.duration ?? last * 1.1;
  const empty: SimResult = { events: 0, synaptic_ops: 0, spikes: {}, activity: {}, duration_s: duration, hardware_duration_s: duration / k, timescale: k, wall_s: 0, errors };
  if (!built.input && stimulus.count > 0) errors.push('the design has no io driver to take the stimulus');
  if (duration / k / resolution > 2 ** 53) errors.push(`duration ${duration} s is too long for a ${resolution} s resolution`);
  let values: Float64Array | null = null;
  if (built.input) {
    for (let i = 0; i < stimulus.count; i++) {
      const ch = stimulus.channels[i]!;
      if (ch >= built.input.width) { errors.push(`stimulus channel ${ch} does not exist: '${built.input.path}' has ${built.input.width} inputs`); break; }
    }
    for (let i = 0; i < stimulus.count; i++) {
      const a = stimulus.amplitudes[i]!;
      if (!Number.isNaN(a)) { values ??= new Float64Array(stimulus.count).fill(1); values[i] = a / built.input.amplitude; }
    }
    // Per-event widths: only the driver's own pulse width (data time = hardware x k) is taken.
    const pw = built.input.pulseWidth;
    const odd = stimulus.widths.subarray(0, stimulus.count).find((w) => !Number.isNaN(w) && !(pw !== undefined && Math.abs(w / k - pw) <= 1e-9 * pw));
    if (odd !== undefined) errors.push(`stimulus pulse width ${odd} s differs from the io spike_width${pw !== undefined ? ` (${pw * k} s)` : ''}: per-event widths are not supported by the twin yet`);
  }
  if (errors.length > 0) return empty;

  if (built.input) {
    const ticks = new Float64Array(stimulus.count);
    for (let i = 0; i < stimulus.count; i++) ticks[i] = Math.round(stimulus.times[i]! / k / resolution);
    engine.stimulus(built.input.model, built.input.port, ticks, stimulus.channels.subarray(0, stimulus.count), values);
  }
  engine.run(Math.round(duration / k / resolution));
  engine.finish();
  opts.sink?.close();

  // Summary: per instance activity (fused models report their parts), spikes per neuron.
  const activity: Record<string, Activity> = {};
  const spikes: SimResult['spikes'] = {};
  let synOps = 0;
  const seen = new Set<Model>();
  for (const [p, m] of built.models) {
    if (seen.has(m)) continue;
    seen.add(m);
    const parts = (m as Multi).instances?.call(m) ?? [{ path: p, kind: m.spec.kind, counters: m.counters, spikes: true }];
    for (const part of parts) {
      activity[part.path] = activityOf(part.kind, part.counters, resolution);
      synOps += part.counters.synaptic_ops;
    }
    const rec = engine.spikes[engine.models.indexOf(m)]!;
    const isNeuron = ir.instances.find((i) => i.path === m.spec.path)?.category === 'neuron';
    if (!isNeuron) continue;
    const n = m.ports.find((q) => q.name === 'out')?.width ?? 0;
    for (let c = 0; c < n; c++) spikes[`${m.spec.path}[${c}]`] = { count: 0, times: [] };
    for (let i = 0; i < rec.n; i++) {
      const s = spikes[`${m.spec.path}[${rec.ch[i]!}]`]!;
      s.count++; s.times.push(rec.t[i]! * resolution);
    }
  }
  return {
    events: engine.totalEvents(), synaptic_ops: synOps, spikes, activity,
    duration_s: duration, hardware_duration_s: duration / k, timescale: k,
    wall_s: Number(process.hrtime.bigint() - t0) / 1e9, errors,
  };
}
