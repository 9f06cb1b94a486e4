// Exact crossings and maxima of a constant plus three decaying exponentials,
//   f(t) = c + a0 e^{-r0 t} + a1 e^{-r1 t} + a2 e^{-r2 t},  t in [0, T],
// the membrane of a linear three-stage cascade between two events (S4's DPI rise, DPI fall
// and LIF membrane). roots.ts covers two exponentials; this extends it to three.
// Input: set(c, a0, r0, a1, r1, a2, r2) with rates r > 0 (any may coincide, any a may be 0).
// Output: firstCrossing(theta, T, tol): the first t in [0, T] with f(t) >= theta (or
//   Infinity); max(T): the largest f on [0, T] and where.
// Invariants: no sampling and no step size. f' = -h, h(t) = sum a_i r_i e^{-r_i t}; the zeros
//   of h are those of H(t) = h(t) e^{r0 t} = a0 r0 + a1 r1 e^{-(r1-r0)t} + a2 r2 e^{-(r2-r0)t},
//   whose own derivative has at most one zero, in closed form. So H has at most two monotone
//   pieces, f at most two critical points (each isolated by a sign change and refined by
//   safeguarded Newton), and f at most three monotone pieces; the first piece whose right
//   end reaches theta brackets the crossing. The returned crossing t has f(t) >= theta up to
//   rounding and f < theta on [0, t - tol). Fields only: no allocation per call.

export class ExpSum3 {
  c = 0; a0 = 0; r0 = 1; a1 = 0; r1 = 1; a2 = 0; r2 = 1;
  /** Critical points found by the last criticalPoints() call (sorted), count in nCrit. */
  crit0 = 0; crit1 = 0; nCrit = 0;
  /** Argument of the maximum from the last max() call. */
  argMax = 0;

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

  /** First t in [0, T] with f(t) >= theta, or Infinity. T must be finite. */
  firstCrossing(theta: number, T: number, tol: number): number {
    if (this.f(0) >= theta) return 0;
    const n = this.criticalPoints(T);
    let lo = 0;
    for (let k = 0; k <= n; k++) {
      const hi = k < n ? (k === 0 ? this.crit0 : this.crit1) : T;
      if (this.f(hi) >= theta) return this.refine(theta, lo, hi, tol);
      lo = hi;
    }
    return Infinity;
  }

  /** Root of f = theta on an increasing piece [lo, hi] with f(lo) < theta <= f(hi). */
  private refine(theta: number, lo: number, hi: number, tol: number): number {
    let flo = this.f(lo) - theta, fhi = this.f(hi) - theta;
    for (let it = 0; it < 300; it++) {
      const eps = Math.max(tol, 4e-16 * hi);
      if (hi - lo <= eps) break;
      const x = -flo < fhi ? lo : hi;
      const fx = x === lo ? flo : fhi, d = this.df(x);
      let xn = d > 0 ? x - fx / d : NaN;
      if (!(xn > lo && xn < hi)) xn = 0.5 * (lo + hi);
      const fn = this.f(xn) - theta;
      if (fn >= 0) {
        hi = xn; fhi = fn;
        const p = xn - eps;
        if (p > lo) { const fp = this.f(p) - theta; if (fp < 0) { lo = p; flo = fp; } else { hi = p; fhi = fp; } }
      } else {
        lo = xn; flo = fn;
        const p = xn + eps;
        if (p < hi) { const fp = this.f(p) - theta; if (fp >= 0) { hi = p; fhi = fp; } else { lo = p; flo = fp; } }
      }
      if (it % 4 === 3) { // guaranteed halving now and then
        const m = 0.5 * (lo + hi), fm = this.f(m) - theta;
        if (fm >= 0) { hi = m; fhi = fm; } else { lo = m; flo = fm; }
      }
    }
    return hi;
  }

  /** The largest value of f on [0, T] (T finite); its argument in argMax. */
  max(T: number): number {
    let best = this.f(0); this.argMax = 0;
    const fT = this.f(T);
    if (fT > best) { best = fT; this.argMax = T; }
    const n = this.criticalPoints(T);
    if (n > 0) { const v = this.f(this.crit0); if (v > best) { best = v; this.argMax = this.crit0; } }
    if (n > 1) { const v = this.f(this.crit1); if (v > best) { best = v; this.argMax = this.crit1; } }
    return best;
  }
}
