// Exact crossings and maxima of a constant plus three decaying exponentials,
//   f(t) = c + a0 e^{-r0 t} + a1 e^{-r1 t} + a2 e^{-r2 t},  t in [0, T],
// the membrane of a linear three-stage cascade between two events (S4's DPI rise, DPI fall
// and LIF membrane). roots.ts covers two exponentials; this extends it to three.
// Input: set(c, a0, r0, a1, r1, a2, r2) with rates r > 0 (any may coincide, any a may be 0).
// Output: firstCrossing(theta, T, tol): the first t in [0, T] with f(t) >= theta (or
//   Infinity); max(T): the largest f on [0, T] and where (both from MonotonePieces).
// Invariants: no sampling and no step size. f' = -h, h(t) = sum a_i r_i e^{-r_i t}; the zeros
//   of h are those of H(t) = h(t) e^{r0 t} = a0 r0 + a1 r1 e^{-(r1-r0)t} + a2 r2 e^{-(r2-r0)t},
//   whose own derivative has at most one zero, in closed form. So H has at most two monotone
//   pieces, f at most two critical points (each isolated by a sign change and refined by
//   safeguarded Newton), and f at most three monotone pieces; the first piece whose right
//   end reaches theta brackets the crossing. The returned crossing t has f(t) >= theta up to
//   rounding and f < theta on [0, t - tol). Fields only: no allocation per call.
import { MonotonePieces } from './monotone-pieces.js';

export class ExpSum3 extends MonotonePieces {
  c = 0; a0 = 0; r0 = 1; a1 = 0; r1 = 1; a2 = 0; r2 = 1;
  /** Critical points found by the last criticalPoints() call (sorted), count in nCrit. */
  crit0 = 0; crit1 = 0; nCrit = 0;

  set(c: number, a0: number, r0: number, a1: number, r1: number, a2: number, r2: number): this {
    this.c = c; this.a0 = a0; this.r0 = r0; this.a1 = a1; this.r1 = r1; this.a2 = a2; this.r2 = r2;
    return this;
  }

  f(t: number): number {
    return this.c + this.a0 * Math.exp(-this.r0 * t) + this.a1 * Math.exp(-this.r1 * t) + this.a2 * Math.exp(-this.r2 * t);
  }

  df(t: number): number {
    return -(this.a0 * this.r0 * Math.exp(-this.r0 * t) + this.a1 * this.r1 * Math.exp(-this.r1 * t) + this.a2 * this.r2 * Math.exp(-this.r2 * t));
  }

  /** H(t) = -f'(t) e^{r0 t} (same sign changes as -f'). */
  private H(t: number): number {
    return this.a0 * this.r0 + this.a1 * this.r1 * Math.exp(-(this.r1 - this.r0) * t) + this.a2 * this.r2 * Math.exp(-(this.r2 - this.r0) * t);
  }

  private dH(t: number): number {
    const d1 = this.r1 - this.r0, d2 = this.r2 - this.r0;
    return -(this.a1 * this.r1 * d1 * Math.exp(-d1 * t) + this.a2 * this.r2 * d2 * Math.exp(-d2 * t));
  }

  /** Critical points of f in (0, T): sets crit0, crit1, nCrit. */
  criticalPoints(T: number): number {
    this.nCrit = 0;
    // H' = -(b1 e^{-d1 t} + b2 e^{-d2 t}); its zero splits [0, T] into monotone pieces of H.
    const d1 = this.r1 - this.r0, d2 = this.r2 - this.r0;
    const b1 = this.a1 * this.r1 * d1, b2 = this.a2 * this.r2 * d2;
    let split = -1;
    if (b1 * b2 < 0 && d1 !== d2) {
      const s = Math.log(-b2 / b1) / (d2 - d1);
      if (s > 0 && s < T) split = s;
    }
    if (split > 0) {
      this.zeroOfH(0, split);
      this.zeroOfH(split, T);
    } else this.zeroOfH(0, T);
    return this.nCrit;
  }

  /** A zero of H on a monotone piece [lo, hi] (if H changes sign), appended to the list. */
  private zeroOfH(lo: number, hi: number): void {
    let hl = this.H(lo), hh = this.H(hi);
    if (hl === 0 || hh === 0 || (hl > 0) === (hh > 0)) return;
    const inc = hh > hl;
    for (let it = 0; it < 200; it++) {
      if (hi - lo <= 4e-16 * hi) break;
      const x = Math.abs(hl) < Math.abs(hh) ? lo : hi;
      const hx = x === lo ? hl : hh, d = this.dH(x);
      let xn = d !== 0 ? x - hx / d : NaN;
      if (!(xn > lo && xn < hi)) xn = 0.5 * (lo + hi);
      const hn = this.H(xn);
      if (hn === 0) { lo = hi = xn; break; }
      if ((hn > 0) === inc) { hi = xn; hh = hn; } else { lo = xn; hl = hn; }
      if (it > 2 && (hi - lo) > 0.25 * (hi + lo) && it % 3 === 0) {
        // keep progress guaranteed when Newton stalls at one end
        const m = 0.5 * (lo + hi), hm = this.H(m);
        if ((hm > 0) === inc) { hi = m; hh = hm; } else { lo = m; hl = hm; }
      }
    }
    const z = 0.5 * (lo + hi);
    if (this.nCrit === 0) { this.crit0 = z; this.nCrit = 1; } else if (this.nCrit === 1) { this.crit1 = z; this.nCrit = 2; }
  }

  protected crit(k: number): number { return k === 0 ? this.crit0 : this.crit1; }
}
