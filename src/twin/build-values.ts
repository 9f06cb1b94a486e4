// IR -> model parameters for the twin's builder (src/twin/build.ts): reading IR values, the
// timescale and technology of the macro an instance sits in, weight files, and the parameter
// records of the S1 kinds (crossbar, tia, srm, lif, io).
// Input: InstanceIR / DesignIR (src/elaborate/ir.ts), the run's timescale k.
// Output: plain records of model parameters (hardware time, SI units) under the models' names.
// Invariants: pure apart from reading weight files; every property is read by its registry
//   name (src/semantics/kinds); `scaled` time constants are divided by k here; user problems
//   (an unreadable weight file) are pushed to `errors`, never thrown.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ComponentIR, DesignIR, InstanceIR, Value } from '../elaborate/ir.js';
import type { RawValue } from './engine/params.js';
import { nmosOnResistance } from '../semantics/kinds/index.js';
import { bandwidthTau } from './models/tia.js';

export type Props = Record<string, Value>;
export const num = (p: Props, k: string): number | undefined => { const v = p[k]; return v && 'q' in v ? v.q : undefined; };
export const enm = (p: Props, k: string): string | undefined => { const v = p[k]; return v && 'enum' in v ? v.enum : v && 'str' in v ? v.str : undefined; };
export const bool = (p: Props, k: string): boolean | undefined => { const v = p[k]; return v && 'bool' in v ? v.bool : undefined; };
export const intv = (p: Props, k: string): [number, number] | undefined => { const v = p[k]; return v && 'interval' in v ? v.interval : undefined; };
export const comp = (p: Props, k: string): ComponentIR | undefined => { const v = p[k]; return v && 'component' in v ? v.component : undefined; };
export const str = (p: Props, k: string): string | undefined => { const v = p[k]; return v && 'str' in v ? v.str : undefined; };

/** The innermost macro containing an instance path (the top macro, path '', contains all). */
function macroOf(ir: DesignIR, p: string): DesignIR['macros'][number] | undefined {
  let best = ir.macros.find((m) => m.path === ''), len = -1;
  for (const m of ir.macros) {
    if (m.path !== '' && (p === m.path || p.startsWith(m.path + '.')) && m.path.length > len) { best = m; len = m.path.length; }
  }
  return best;
}

/** The timescale of the innermost macro containing an instance path. */
export function timescaleOf(ir: DesignIR, p: string): number {
  return macroOf(ir, p)?.timescale ?? 1;
}

/** The technology's supply voltage for an instance (its macro's technology), if declared. */
export function vddOf(ir: DesignIR, p: string): number | undefined {
  const t = macroOf(ir, p)?.technology;
  return t ? num(t.props, 'vdd') : undefined;
}

export function loadWeights(file: string, baseDir: string, rows: number, cols: number, errors: string[]): Float64Array | null {
  const full = path.resolve(baseDir, file);
  if (!full.endsWith('.json')) { errors.push(`weights '${file}': only JSON {"shape","weights"} is read by the twin`); return null; }
  try {
    const j = JSON.parse(fs.readFileSync(full, 'utf8')) as { shape?: number[]; weights?: unknown };
    const flat = (Array.isArray(j.weights) ? (j.weights as unknown[]).flat(Infinity) : []) as number[];
    if (flat.length !== rows * cols) { errors.push(`weights '${file}' have ${flat.length} values, the crossbar needs ${rows} x ${cols}`); return null; }
    return Float64Array.from(flat);
  } catch (e) {
    errors.push(`cannot read weights '${file}': ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}

export interface CrossbarSetup {
  values: Record<string, RawValue>;
  weights: ArrayLike<number>;
  /** Row pulse amplitude at the cells (V): read_voltage, else the io's spike amplitude. */
  amplitude: number;
}

/**
 * Crossbar parameters. Weights: `given` (BuildOptions.weights), else the crossbar's `weights`
 * file, else `layerFile` (a network layer's weights), else g_init everywhere, else 0. Signed
 * weights in [-1, 1] on differential pairs; single-ended arrays read their devices alone
 * (no reference column: I = sum V G, S2/S3/S4), weights in [0, 1] onto [g_min, g_max].
 */
export function crossbarValues(
  inst: InstanceIR, io: InstanceIR | undefined, given: ArrayLike<number> | undefined, layerFile: string | undefined,
  baseDir: string, errors: string[],
): CrossbarSetup {
  const p = inst.component.props, dev = comp(p, 'device')?.props ?? {}, sel = comp(p, 'selector')?.props;
  const [rows, cols] = [inst.shape[0] ?? 1, inst.shape[1] ?? 1];
  const gMin = num(dev, 'g_min') ?? 1e-6, gMax = num(dev, 'g_max') ?? 1e-4;
  const bits = num(p, 'bits');
  const levels = bits !== undefined ? Math.min(2 ** bits, num(dev, 'levels') ?? Infinity) : num(dev, 'levels') ?? 0;
  let rOn = 0;
  if (enm(p, 'cell') !== '1R' && sel) {
    const wl = num(p, 'selector_wl') ?? num(sel, 'wl');
    rOn = num(sel, 'r_on') ?? (wl !== undefined ? nmosOnResistance(num(sel, 'k_prime')!, wl, num(sel, 'v_gate')!, num(sel, 'v_th')!) : 0);
  }
  const rLine = num(p, 'r_line') ?? num(dev, 'r_line') ?? 0;
  const cLine = num(p, 'c_line');
  const differential = bool(p, 'differential') ?? false;
  const physCols = differential ? 2 * cols : cols;
  // Row line as a distributed RC across the physical columns: tau ~ R_total C_total / 2.
  const tauLine = cLine !== undefined ? (rLine * physCols * cLine * physCols) / 2 : 0;
  const amplitude = num(p, 'read_voltage') ?? (io ? num(io.component.props, 'spike_amplitude') : undefined) ?? num(dev, 'read_voltage') ?? 0.2;
  let weights: ArrayLike<number> | null = given ?? null;
  const file = str(p, 'weights') ?? layerFile;
  if (!weights && file) weights = loadWeights(file, baseDir, rows, cols, errors);
  const gInit = num(p, 'g_init');
  if (!weights) weights = new Float64Array(rows * cols).fill(gInit !== undefined && !differential ? (gInit - gMin) / (gMax - gMin) : 0);
  return {
    amplitude, weights,
    values: {
      g_min: gMin, g_max: gMax, levels, w_max: 1, differential, reference: false,
      program_sigma: num(p, 'program_sigma') ?? num(dev, 'program_sigma') ?? 0,
      program_dist: enm(dev, 'program_dist') ?? 'normal',
      read_sigma: num(p, 'read_noise') ?? num(dev, 'read_noise') ?? 0,
      read_noise_exp: num(dev, 'read_noise_exp') ?? 0,
      stuck_on: num(dev, 'stuck_on') ?? 0, stuck_off: num(dev, 'stuck_off') ?? 0,
      r_wire: rLine, r_on: rOn, config: enm(p, 'config') ?? 'MOD',
      v_gate: sel ? num(sel, 'v_gate') ?? Infinity : Infinity, v_th_sel: sel ? num(sel, 'v_th') ?? 0 : 0,
      // shared gates (S2's lia outputs): a selector conducts above its threshold; an ideal
      // switch (no selector) above 0.7 V
      v_gate_on: sel ? num(sel, 'v_th') ?? 0.7 : 0.7,
      tau_line: tauLine,
    },
  };
}

/**
 * SRM neuron. `tauIn` (hardware s, 0: none) is the pole of a TIA of finite bandwidth feeding
 * it (tiaPole), integrated by the neuron (models/srm.ts).
 */
export function srmValues(p: Props, k: number, tauIn = 0): Record<string, RawValue> {
  return {
    tau_s: num(p, 'tau_s')! / k, tau_r: num(p, 'tau_r')! / k, theta: num(p, 'theta') ?? 1,
    v_th: (num(p, 'threshold') ?? 0.5) + (num(p, 'offset') ?? 0),
    clip: intv(p, 'clip') ?? null,
    tau_sigma: num(p, 'tau_sigma') ?? 0, tau_in: tauIn,
  };
}

/** LIF neuron; `tauIn` as for srmValues. */
export function lifValues(p: Props, k: number, fromTia: boolean, tauIn = 0): Record<string, RawValue> {
  return {
    tau_m: num(p, 'tau_m')! / k, v_th: (num(p, 'threshold') ?? 0.5) + (num(p, 'offset') ?? 0),
    v_rest: num(p, 'v_rest') ?? 0, v_reset: num(p, 'v_reset') ?? 0, reset: enm(p, 'reset') ?? 'hard',
    t_ref: (num(p, 'refractory') ?? 0) / k, gain: fromTia ? 1 : num(p, 'r_m') ?? 1, tau_in: tauIn,
  };
}

/**
 * TIA: V = gain x I (the registry's convention). `invert` (S4: the TIA followed by an
 * inverting op-amp) describes the physical pair, whose inversions cancel (a bare TIA gives
 * -R I, the inverting stage restores the sign), so it does not flip the twin's output: it is
 * one more op-amp for the cost model.
 */
export function tiaValues(p: Props): Record<string, RawValue> {
  return {
    gain: num(p, 'gain') ?? 10e3, clip: intv(p, 'clip') ?? null, offset: num(p, 'offset') ?? 0,
    gain_sigma: num(p, 'gain_sigma') ?? 0, bandwidth: num(p, 'bandwidth') ?? null,
  };
}

/**
 * The closed-loop pole of a TIA instance, tau_b = 1 / (2 pi bandwidth) in hardware seconds
 * (bandwidth is a physical frequency: not scaled), 0 when the bandwidth is null (ideal).
 */
export function tiaPole(p: Props): number {
  return bandwidthTau(num(p, 'bandwidth'));
}
