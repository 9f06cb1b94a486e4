// From the IR's stimulus to input events. Input: a StimulusIR (file, spikes, or an encoder
// with its arguments), the folder the IR's paths are relative to, the run's duration and RNG.
// Output: a SpikeList in data time (the twin divides by the timescale). Invariants: pure apart
// from reading the named files; every problem is a diagnostic, never a throw.
import * as path from 'node:path';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { StimulusIR, Value } from '../elaborate/ir.js';
import type { Rng } from '../twin/rng.js';
import { readDatasetFile } from './dataset.js';
import { checkLatency, checkPoisson, checkPulses, latency, poisson, pulses } from './encoders.js';
import { readStimulusFile } from './read-stimulus.js';
import { emptySpikes, SpikeBuilder, type SpikeList } from './spikes.js';

export interface StimulusContext {
  /** Folder that the IR's relative paths start from (the top file's folder). */
  baseDir: string;
  /** Run length in data time (s): the default length of Poisson trains and pulse trains. */
  duration: number;
  /** Number of input channels of the design (events beyond are SNN8001). */
  inputCount: number | null;
  rng: Rng;
  diags: Diagnostics;
}

const num = (v: Value | undefined): number | undefined => (v && 'q' in v ? v.q : undefined);

function bad(cx: StimulusContext, st: StimulusIR, problems: string[]): SpikeList {
  cx.diags.report('SNN8003', null, { path: `stimulus ${st.name}`, reason: problems.join('; ') });
  return emptySpikes();
}

export function stimulusFromIR(st: StimulusIR, cx: StimulusContext): SpikeList {
  const shape = { amplitude: num(st.props.amplitude), width: num(st.props.width) };
  const file = st.props.file;
  if (file && 'str' in file) {
    return readStimulusFile(path.resolve(cx.baseDir, file.str), cx.diags, cx.inputCount !== null ? { inputCount: cx.inputCount } : {});
  }
  const spikes = st.props.spikes;
  if (spikes && 'list' in spikes) {
    const b = new SpikeBuilder();
    for (let i = 0; i + 1 < spikes.list.length; i += 2) b.push(spikes.list[i]!, spikes.list[i + 1]!, shape.amplitude, shape.width);
    return b.build();
  }
  const enc = st.encoder;
  if (!enc) return emptySpikes();
  const a = enc.args;
  const channels = num(a.channels) ?? num(st.props.channels) ?? cx.inputCount ?? 1;
  switch (enc.name) {
    case 'poisson': {
      const rate = num(a.rate) ?? 0;
      const o = { duration: num(a.duration) ?? cx.duration, rng: cx.rng, channels, key: `stimulus/${st.name}`, ...defined(shape) };
      const problems = checkPoisson(rate, o);
      return problems.length ? bad(cx, st, problems) : poisson(rate, o);
    }
    case 'pulses': {
      const o = {
        amplitude: num(a.amplitude) ?? shape.amplitude ?? 1,
        channels: Array.from({ length: channels }, (_, i) => i),
        ...defined({ start: num(a.start), frequency: num(a.frequency), width: num(a.width) ?? shape.width, duty: num(a.duty), count: num(a.count), rise: num(a.rise), fall: num(a.fall) }),
      } as Parameters<typeof pulses>[0];
      if (o.count === undefined) o.duration = cx.duration;
      const problems = checkPulses(o);
      return problems.length ? bad(cx, st, problems) : pulses(o);
    }
    case 'latency': {
      const ds = st.props.dataset;
      if (!ds || !('str' in ds)) return bad(cx, st, ['latency encoding needs dataset = "file.csv"']);
      const data = readDatasetFile(path.resolve(cx.baseDir, ds.str), cx.diags);
      const index = num(st.props.sample) ?? 0;
      const sample = data.samples[index];
      if (!sample) return bad(cx, st, [`sample ${index} does not exist (the data set has ${data.samples.length})`]);
      const tMaxS = num(a.t_max) ?? 0, step = num(a.t_step) ?? tMaxS / 20;
      const o = { tMax: Math.round(tMaxS / step), threshold: num(a.threshold) ?? 0, dt: step, ...defined(shape) };
      const problems = checkLatency(o);
      return problems.length ? bad(cx, st, problems) : latency(sample, o);
    }
    default:
      return bad(cx, st, [`unknown encoder ${enc.name}()`]);
  }
}

function defined<T extends Record<string, number | undefined>>(o: T): Partial<Record<keyof T, number>> {
  const out: Partial<Record<keyof T, number>> = {};
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] !== undefined) out[k] = o[k] as number;
  return out;
}
