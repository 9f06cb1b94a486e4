// Builds S1's PE macro (row drivers -> crossbar -> TIA -> SRM) into an engine, either as
// the chain of generic models or as the fused PeMacroS1, from one plain description.
// Input: an S1Def (data-time values, SI units, a timescale k) and an Engine.
// Output: the input model (feed the stimulus to its port 'in') and the model whose 'out'
//   port carries the neurons' spikes.
// Invariants: both forms read the same parameter objects, so they are the same design;
//   time constants and widths (the `scaled` names below) are divided by k; the row-line
//   parasitic tau_line is physical (not scaled), so spike-width attenuation is the one
//   effect that does not scale (nor does the TIA's bandwidth, a physical pole).
// Fusion is declined (the chain is built instead, here and in build.ts) while the parts use
//   something the fused model does not implement: s1FusionBlocker names it (read noise that
//   rises toward low conductance, TIA gain mismatch, a finite TIA bandwidth, kernel
//   time-constant mismatch).
import type { Engine } from './engine/engine.js';
import { params, type RawValue } from './engine/params.js';
import type { Model, ModelSpec } from './model.js';
import { IoDriver } from './models/io.js';
import { Crossbar } from './models/crossbar.js';
import { Tia } from './models/tia.js';
import { Srm } from './models/srm.js';
import { PeMacroS1 } from './macro-s1.js';

/** Property names whose values are data-time durations (divided by the timescale). */
export const S1_SCALED = ['width', 'spike_width', 'tau_s', 'tau_r', 't_dead'] as const;

export interface S1Def {
  path?: string;                      // macro path, default "pe"
  rows: number; cols: number;
  weights: ArrayLike<number>;         // rows x cols, row-major, in [-w_max, w_max]
  timescale?: number;
  io: Record<string, RawValue>;       // width, amplitude
  crossbar: Record<string, RawValue>; // g_min, g_max, levels, program_sigma, ...
  tia: Record<string, RawValue>;      // gain, rails
  srm: Record<string, RawValue>;      // tau_s, tau_r, theta, v_th, clip, gain, t_dead
}

function spec(path: string, kind: string, shape: number[], values: Record<string, RawValue>, k: number): ModelSpec {
  return { path, kind, shape, params: params(values, k, S1_SCALED, path), timescale: k };
}

export interface S1Built { input: Model; output: Model; models: Model[] }

/**
 * What keeps an io -> crossbar -> tia -> srm chain from being fused into PeMacroS1 (which
 * models none of these), or null when the fused model is the same design.
 */
export function s1FusionBlocker(xb: Crossbar, tia: Tia, srm: Srm): string | null {
  if (xb.dev.readSigma > 0 && xb.dev.readNoiseExp > 0) return `${xb.spec.path}: read noise rising toward low conductance (read_noise_exp)`;
  if (tia.gainSigma > 0) return `${tia.spec.path}: gain mismatch (gain_sigma)`;
  if (tia.tauB > 0 || srm.tauIn > 0) return `${tia.spec.path}: finite bandwidth`;
  if (srm.tauSigma > 0) return `${srm.spec.path}: kernel time-constant mismatch (tau_sigma)`;
  return null;
}

export function buildS1(engine: Engine, def: S1Def, fused: boolean): S1Built {
  const p = def.path ?? 'pe', k = def.timescale ?? 1;
  const io = new IoDriver(spec(`${p}.drv`, 'io', [def.rows], def.io, k));
  const xbValues = { ...def.crossbar, spike_width: def.crossbar['spike_width'] ?? def.io['width'] ?? null };
  const xb = new Crossbar(spec(`${p}.xb`, 'crossbar', [def.rows, def.cols], xbValues, k));
  xb.setWeights(def.weights);
  const tia = new Tia(spec(`${p}.tia`, 'tia', [def.cols], def.tia, k));
  // the TIA's pole is integrated by the neuron (models/tia.ts)
  const srmDef = tia.tauB > 0 && def.srm['tau_in'] === undefined ? { ...def.srm, tau_in: tia.tauB } : def.srm;
  const srm = new Srm(spec(`${p}.n`, 'srm', [def.cols], srmDef, k));
  if (fused && s1FusionBlocker(xb, tia, srm) === null) {
    const m = engine.add(new PeMacroS1(spec(p, 'pe_macro', [def.rows, def.cols], {}, k), { io, crossbar: xb, tia, srm, weights: def.weights }));
    return { input: m, output: m, models: [m] };
  }
  for (const m of [io, xb, tia, srm]) engine.add(m);
  engine.connect(io, 'out', xb, 'in');
  engine.connect(xb, 'out', tia, 'in');
  engine.connect(tia, 'out', srm, 'in');
  return { input: io, output: srm, models: [io, xb, tia, srm] };
}
