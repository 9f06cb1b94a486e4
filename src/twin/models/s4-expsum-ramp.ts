// Exact crossings and maxima of a straight line plus three decaying exponentials,
//   f(t) = c + d t + a0 e^{-r0 t} + a1 e^{-r1 t} + a2 e^{-r2 t},  t in [0, T],
// the membrane of S4's three-stage linear cascade (DPI rise, DPI fall, LIF membrane) while its
// input ramps (a pulse edge: the particular solution of a ramp is a line). s4-expsum.ts
// covers d = 0 and is used there (this class is only for ramp segments).
// Input: set(c, d, a0, r0, a1, r1, a2, r2) with rates r > 0 (any a may be 0).
// Output: firstCrossing(theta, T, tol): the first t in [0, T] with f(t) >= theta (or
//   Infinity); max(T): the largest f on [0, T] and where (argMax); both from MonotonePieces.
// Invariants: no sampling and no step size. f' = d - sum a_i r_i e^{-r_i t} is itself a
//   constant plus three exponentials, so ExpSum3 gives its critical points (the zeros of
//   f'', at most two) in closed-form-bracketed pieces; f' is monotone on each of the at most
//   three pieces, so f has at most three critical points (each isolated by a sign change of
//   f' and refined by safeguarded Newton), and at most four monotone pieces; the first piece
//   whose right end reaches theta brackets the crossing. The returned crossing t has
//   f(t) >= theta up to rounding and f < theta on [0, t - tol). Fields only: no allocation
//   per call.
import { ExpSum3 } from './s4-expsum.js';
import { MonotonePieces } from './monotone-pieces.js';

export class ExpSumRamp extends MonotonePieces {
  c = 0; d = 0; a0 = 0; r0 = 1; a1 = 0; r1 = 1; a2 = 0; r2 = 1;
  /** Critical points found by the last criticalPoints() call (sorted), count in nCrit. */
  crit0 = 0; crit1 = 0; crit2 = 0; nCrit = 0;
  /** f' as a constant plus three exponentials. */
  private readonly dfs = new ExpSum3();

  set(c: number, d: number, a0: number, r0: number, a1: number, r1: number, a2: number, r2: number): this {
    this.c = c; this.d = d; this.a0 = a0; this.r0 = r0; this.a1 = a1; this.r1 = r1; this.a2 = a2; this.r2 = r2;
    this.dfs.set(d, -a0 * r0, r0, -a1 * r1, r1, -a2 * r2, r2);
    return this;
  }

  f(t: number): number {
    return this.c + this.d * t + this.a0 * Math.exp(-this.r0 * t) + this.a1 * Math.exp(-this.r1 * t) + this.a2 * Math.exp(-this.r2 * t);
  }

  df(t: number): number {
    return this.d - (this.a0 * this.r0 * Math.exp(-this.r0 * t) + this.a1 * this.r1 * Math.exp(-this.r1 * t) + this.a2 * this.r2 * Math.exp(-this.r2 * t));
  }

  /** Critical points of f in (0, T): sets crit0..crit2, nCrit. */
  criticalPoints(T: number): number {
    this.nCrit = 0;
    const g = this.dfs;
    const n = g.criticalPoints(T); // pieces of monotone f'
    let lo = 0;
    for (let k = 0; k <= n; k++) {
      const hi = k < n ? (k === 0 ? g.crit0 : g.crit1) : T;
      this.zeroOfDf(lo, hi);
      if (k < n && g.f(hi) === 0) this.add(hi); // f' touches 0 exactly at a piece boundary
      lo = hi;
    }
    return this.nCrit;
  }

  private add(z: number): void {
    if (this.nCrit > 0 && z === (this.nCrit === 1 ? this.crit0 : this.nCrit === 2 ? this.crit1 : this.crit2)) return;
    if (this.nCrit === 0) this.crit0 = z; else if (this.nCrit === 1) this.crit1 = z; else if (this.nCrit === 2) this.crit2 = z; else return;
    this.nCrit++;
  }

  /** The zero of f' on a piece [lo, hi] where f' is monotone, if it changes sign there. */
  private zeroOfDf(lo: number, hi: number): void {
    const g = this.dfs;
    let gl = g.f(lo), gh = g.f(hi);
    if (!((gl < 0 && gh > 0) || (gl > 0 && gh < 0))) return;
    const inc = gh > gl;
    for (let it = 0; it < 200; it++) {
      if (hi - lo <= 4e-16 * hi) break;
      const x = Math.abs(gl) < Math.abs(gh) ? lo : hi;
      const gx = x === lo ? gl : gh, s = g.df(x);
      let xn = s !== 0 ? x - gx / s : NaN;
      if (!(xn > lo && xn < hi)) xn = 0.5 * (lo + hi);
      const gn = g.f(xn);
      if (gn === 0) { lo = hi = xn; break; }
      if ((gn > 0) === inc) { hi = xn; gh = gn; } else { lo = xn; gl = gn; }
      if (it % 3 === 2) { // guaranteed halving now and then
        const m = 0.5 * (lo + hi), gm = g.f(m);
        if (gm === 0) { lo = hi = m; break; }
        if ((gm > 0) === inc) { hi = m; gh = gm; } else { lo = m; gl = gm; }
      }
    }
    this.add(0.5 * (lo + hi));
  }

  protected crit(k: number): number { return k === 0 ? this.crit0 : k === 1 ? this.crit1 : this.crit2; }
}
