// Helpers for the example-level twin tests: the examples' IR through the real front end,
// edited copies of it (a property of one instance, as a sweep or an ablation would set it),
// their stimuli through stimulusFromIR, and a twin built with buildTwin whose state can be
// sampled at chosen times (the same stimulus conversion as simulate(): data time / timescale,
// rounded to the tick; amplitudes relative to the io driver's).
import * as path from 'node:path';
import { frontEnd } from '../../../src/driver/pipeline.js';
import { Diagnostics } from '../../../src/diagnostics/diagnostic.js';
import type { DesignIR, StimulusIR, Value } from '../../../src/elaborate/ir.js';
import { stimulusFromIR } from '../../../src/data/stimulus-ir.js';
import type { SpikeList } from '../../../src/data/spikes.js';
import { Engine } from '../../../src/twin/engine/engine.js';
import { buildTwin, type BuildOptions, type Built } from '../../../src/twin/build.js';
import type { Model } from '../../../src/twin/model.js';
import { createRng } from '../../../src/twin/rng.js';

export const EXAMPLES = path.resolve(__dirname, '../../../examples');

export function exampleIr(file: string, top?: string): DesignIR {
  const r = frontEnd(path.join(EXAMPLES, file), top ? { top } : {});
  if (!r.ir) throw new Error(`front end failed on ${file}: ${r.diags.items.map((d) => d.message).join('; ')}`);
  return r.ir;
}

/** A copy of the IR with property `name` of instance `inst` set (`a.b` reaches into a referenced component). */
export function withProp(ir: DesignIR, inst: string, name: string, v: Value): DesignIR {
  const c = structuredClone(ir);
  const i = c.instances.find((x) => x.path === inst);
  if (!i) throw new Error(`no instance ${inst}`);
  const parts = name.split('.');
  let props = i.component.props;
  for (const p of parts.slice(0, -1)) {
    const sub = props[p];
    if (!sub || !('component' in sub)) throw new Error(`${inst}.${p} is not a component`);
    props = sub.component.props;
  }
  props[parts[parts.length - 1]!] = v;
  return c;
}

export const q = (x: number, unit = ''): Value => ({ q: x, unit });
export const b = (x: boolean): Value => ({ bool: x });

/** The stimulus of the IR (or a given StimulusIR) as spikes, the run's duration by default. */
export function stimulusOf(ir: DesignIR, st: StimulusIR | null = ir.stimulus, duration = ir.simulation?.duration ?? 1): SpikeList {
  if (!st) throw new Error('no stimulus');
  const diags = new Diagnostics();
  const s = stimulusFromIR(st, { baseDir: EXAMPLES, duration, inputCount: null, rng: createRng(ir.simulation?.seed ?? 1), diags });
  if (diags.items.length > 0) throw new Error(diags.items.map((d) => d.message).join('; '));
  return s;
}

/** Spikes from a list of (data time, channel[, amplitude]). */
export function spikeList(ev: Array<[number, number, number?]>): SpikeList {
  const s = [...ev].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const n = s.length;
  return {
    count: n, times: Float64Array.from(s.map((e) => e[0])), channels: Int32Array.from(s.map((e) => e[1])),
    amplitudes: Float64Array.from(s.map((e) => e[2] ?? NaN)), widths: new Float64Array(n).fill(NaN),
    rises: new Float64Array(n), falls: new Float64Array(n),
  };
}

export interface Twin {
  engine: Engine;
  built: Built;
  res: number;
  model(path: string): Model;
  /** Run to data time t and bring every model's state to it. */
  at(t: number): void;
  /** Spike times (data seconds) per channel of the model standing for `path`. */
  spikes(path: string): number[][];
}

/** Builds the IR's twin with the stimulus attached (see the header). */
export function twin(ir: DesignIR, st: SpikeList, opts: BuildOptions & { seed?: number; resolution?: number } = {}): Twin {
  const res = opts.resolution ?? 1e-12;
  const engine = new Engine({ resolution: res, seed: opts.seed ?? ir.simulation?.seed ?? 1 });
  const built = buildTwin(ir, engine, { baseDir: EXAMPLES, ...opts });
  if (built.errors.length > 0) throw new Error(built.errors.join('; '));
  const k = built.timescale, inp = built.input!;
  const ticks = Float64Array.from(st.times.subarray(0, st.count), (t) => Math.round(t / k / res));
  const values = Float64Array.from(st.amplitudes.subarray(0, st.count), (a) => (Number.isNaN(a) ? 1 : a / inp.amplitude));
  engine.stimulus(inp.model, inp.port, ticks, st.channels.subarray(0, st.count), values);
  const model = (p: string): Model => { const m = built.models.get(p); if (!m) throw new Error(`no model for ${p}`); return m; };
  return {
    engine, built, res, model,
    at(t: number): void {
      const tick = Math.round(t / k / res);
      engine.run(tick);
      for (const m of engine.models) m.advance(tick);
    },
    spikes(p: string): number[][] {
      const m = model(p), rec = engine.spikes[engine.models.indexOf(m)]!;
      const out: number[][] = Array.from({ length: m.ports.find((x) => x.name === 'out')?.width ?? 1 }, () => []);
      for (let i = 0; i < rec.n; i++) out[rec.ch[i]!]!.push(rec.t[i]! * res * k);
      return out;
    },
  };
}
