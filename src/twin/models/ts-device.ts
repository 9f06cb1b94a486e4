// ts-device: the volatile threshold-switching (diffusive Ag filament) memristor of S2's neuron,
// as a bank of independent devices (one per neuron channel) with exact piecewise-linear state.
// Input: the ts_memristor properties (src/semantics/kinds/devices.ts), read through Params as
//   `<name>`, else `device.<name>`, else the registry default; the device voltage of each
//   channel, piecewise constant between the owner's events (set with `drive`).
// Output: per channel the filament state s in [0, 1], the ON/OFF flag, and the time to the
//   next switching event (OFF -> ON when s reaches 1, ON -> OFF when s falls back to 0).
// Invariants and model (one state variable, every law from the registry's names):
//   - s grows while the device voltage V > v_hold:  ds/dt = +1 / t_int(V),
//       t_int(V) = t_int * m_int * exp(-(V - v_ref - dv) / v_int_slope);
//     and shrinks while V <= v_hold:                ds/dt = -1 / t_relax(V_last),
//       t_relax(V) = t_relax * m_relax * exp((V - v_ref) / v_relax_slope),
//     V_last being the last voltage above v_hold seen while OFF (the driving amplitude).
//     s is clamped to [0, 1]. A pulse train therefore integrates with a leak, and one long
//     pulse at V switches after exactly t_int(V) (S2 Fig. 2c/d).
//   - hysteresis: the device switches ON when s reaches 1 and stays ON (r_on) until s has
//     relaxed back to 0, i.e. exactly t_relax(V_last) after the drive falls below v_hold
//     (the relaxation time of S2 Fig. 2c/d); then it is OFF (r_off) in its initial state.
//     Re-driving an ON device before it relaxed keeps it ON: the "sub-threshold firing" of
//     S2 Fig. 2e when the interval is shorter than the relaxation.
//   - stochasticity (stochastic = true): each time the drive rises above v_hold (a new
//     driving interval, e.g. an input pulse) m_int = LN(1, int_sigma) and
//     dv = v_threshold * v_threshold_sigma * N(0,1) are drawn (the switching-threshold
//     spread shifts the voltage axis of the law); each time it falls to or below v_hold,
//     m_relax = LN(1, relax_sigma). LN(1, cv) is log-normal with mean 1 and coefficient of
//     variation cv: one long pulse has a log-normal integration time, a pulse train a
//     random walk of growth and leak (so a neuron never locks into a draw that cannot
//     fire), and stochastic = false is the deterministic device at its mean times. All
//     draws from the owner's stream, in event order; no allocation per event.
//     v_threshold itself (the quasi-static threshold of a slow DC sweep) enters only as the
//     scale of that jitter; pulse dynamics are the time laws above.
//   - the time laws are closed form, so switching times are exact (no root finding needed;
//     the owner rounds them up to its next tick).
import type { Params, RandomSource } from '../model.js';
import { findKind, findProp } from '../../semantics/kinds/index.js';

/** A registry default (SI) of a kind's numeric property, or `fallback`. */
export function registryDefault(kind: string, prop: string, fallback: number): number {
  const k = findKind(kind);
  const d = k ? findProp(k, prop)?.default : undefined;
  return typeof d === 'number' ? d : fallback;
}

/**
 * A property that may come from a referenced component (e.g. the neuron's `device`): the
 * instance's own `name` if set (an override), else `prefix.name` (the reference flattened
 * with its prefix), else the registry default of the referenced `kind`.
 */
export function refNum(p: Params, prefix: string, kind: string, name: string): number {
  return p.opt(name) ?? p.opt(`${prefix}.${name}`) ?? registryDefault(kind, name, NaN);
}

/** Parameters of the time laws (SI, hardware time: device physics does not time-scale). */
export interface TsLaw {
  vHold: number; vRef: number; vThreshold: number;
  tInt: number; vIntSlope: number; tRelax: number; vRelaxSlope: number;
  rOn: number; rOff: number;
  intSigma: number; relaxSigma: number; vThSigma: number;
}

export function readTsLaw(p: Params): TsLaw {
  const g = (n: string): number => refNum(p, 'device', 'ts_memristor', n);
  const law: TsLaw = {
    vHold: g('v_hold'), vRef: g('v_ref'), vThreshold: g('v_threshold'),
    tInt: g('t_int'), vIntSlope: g('v_int_slope'), tRelax: g('t_relax'), vRelaxSlope: g('v_relax_slope'),
    rOn: g('r_on'), rOff: g('r_off'),
    intSigma: g('int_sigma'), relaxSigma: g('relax_sigma'), vThSigma: g('v_threshold_sigma'),
  };
  for (const [k, v] of Object.entries(law)) {
    if (!Number.isFinite(v)) throw new Error(`twin: ts_memristor parameter ${k} is not a finite number`);
  }
  return law;
}

/** Mean integration time at device voltage v (no randomness). */
export function meanIntegrationTime(law: TsLaw, v: number): number {
  return law.tInt * Math.exp(-(v - law.vRef) / law.vIntSlope);
}

/** Mean relaxation time after driving at v (no randomness). */
export function meanRelaxationTime(law: TsLaw, v: number): number {
  return law.tRelax * Math.exp((v - law.vRef) / law.vRelaxSlope);
}

/** A log-normal factor with mean 1 and coefficient of variation cv. */
export function lognormalUnitMean(rng: RandomSource, cv: number): number {
  if (!(cv > 0)) return 1;
  const s2 = Math.log1p(cv * cv);
  return Math.exp(Math.sqrt(s2) * rng.normal() - 0.5 * s2);
}

/** n independent TS devices. Times in seconds; the owner converts to ticks. */
export class TsDeviceBank {
  readonly s: Float64Array;        // filament state in [0, 1]
  readonly on: Uint8Array;         // 1 while the filament bridges (r_on)
  readonly rate: Float64Array;     // current ds/dt (1/s)
  readonly vLast: Float64Array;    // last driving amplitude above v_hold while OFF
  readonly mInt: Float64Array;
  readonly mRelax: Float64Array;
  readonly dv: Float64Array;
  readonly integrating: Uint8Array; // 1 while the drive is above v_hold
  /** Switching events so far (OFF -> ON), all channels. */
  switches = 0;

  constructor(readonly n: number, readonly law: TsLaw, private readonly rng: RandomSource | null) {
    this.s = new Float64Array(n);
    this.on = new Uint8Array(n);
    this.rate = new Float64Array(n);
    this.vLast = new Float64Array(n).fill(law.vRef);
    this.mInt = new Float64Array(n).fill(1);
    this.mRelax = new Float64Array(n).fill(1);
    this.dv = new Float64Array(n);
    this.integrating = new Uint8Array(n);
    for (let c = 0; c < n; c++) this.newRelax(c);
  }

  /** Resistance of channel c's device now. */
  resistance(c: number): number { return this.on[c] ? this.law.rOn : this.law.rOff; }

  private newDrive(c: number): void {
    const r = this.rng;
    if (!r) return;
    this.mInt[c] = lognormalUnitMean(r, this.law.intSigma);
    this.dv[c] = this.law.vThSigma > 0 ? this.law.vThreshold * this.law.vThSigma * r.normal() : 0;
  }

  private newRelax(c: number): void {
    if (this.rng) this.mRelax[c] = lognormalUnitMean(this.rng, this.law.relaxSigma);
  }

  /** Integration time of channel c at device voltage v (this cycle's draws). */
  integrationTime(c: number, v: number): number {
    const L = this.law;
    return L.tInt * this.mInt[c]! * Math.exp(-(v - L.vRef - this.dv[c]!) / L.vIntSlope);
  }

  /** Relaxation time of channel c (this switching's draw, from its last driving amplitude). */
  relaxationTime(c: number): number {
    const L = this.law;
    return L.tRelax * this.mRelax[c]! * Math.exp((this.vLast[c]! - L.vRef) / L.vRelaxSlope);
  }

  /** Advance channel c by dt seconds at its current rate (clamped; switching is the owner's timer). */
  advance(c: number, dt: number): void {
    if (dt <= 0) return;
    const r = this.rate[c]!;
    if (r === 0) return;
    let s = this.s[c]! + r * dt;
    if (s > 1) s = 1; else if (s < 0) s = 0;
    this.s[c] = s;
  }

  /** Set the device voltage of channel c from now on (after advancing it to now). */
  drive(c: number, v: number): void {
    if (v > this.law.vHold) {
      if (!this.integrating[c]) { this.integrating[c] = 1; this.newDrive(c); }
      if (!this.on[c]) this.vLast[c] = v;
      this.rate[c] = 1 / this.integrationTime(c, v);
    } else {
      if (this.integrating[c]) { this.integrating[c] = 0; this.newRelax(c); }
      this.rate[c] = -1 / this.relaxationTime(c);
    }
  }

  /** Seconds from now to channel c's next switching event at the current rate, or Infinity. */
  timeToSwitch(c: number): number {
    const r = this.rate[c]!, s = this.s[c]!;
    if (!this.on[c]) return r > 0 ? (1 - s) / r : Infinity;
    return r < 0 ? s / -r : Infinity;
  }

  /**
   * Apply the pending switching event of channel c (the owner's timer fired at the time
   * timeToSwitch predicted). Returns +1 for OFF -> ON, -1 for ON -> OFF.
   */
  switchNow(c: number): 1 | -1 {
    if (!this.on[c]) {
      this.on[c] = 1; this.s[c] = 1; this.switches++;
      return 1;
    }
    this.on[c] = 0; this.s[c] = 0;
    return -1;
  }
}
