// First crossings and maxima of a smooth function on [0, T] whose critical points a subclass
// finds in closed-form-bracketed pieces (ExpSum3: a constant plus three exponentials;
// ExpSumRamp: a line plus three exponentials). Between two critical points f is monotone,
// so the first piece whose right end reaches theta brackets the first crossing, and the
// maximum is at 0, T or a critical point.
// Input (from the subclass): f, df, criticalPoints(T) (sorted, in (0, T)) and crit(k).
// Output: firstCrossing(theta, T, tol): the first t in [0, T] with f(t) >= theta, or
//   Infinity; max(T): the largest f on [0, T], its argument in argMax.
// Invariants: no sampling and no step size; the returned crossing t has f(t) >= theta up to
//   rounding and f < theta on [0, t - tol) (safeguarded Newton with guaranteed halvings);
//   fields only, no allocation per call.

export abstract class MonotonePieces {
  /** Argument of the maximum from the last max() call. */
  argMax = 0;

  abstract f(t: number): number;
  abstract df(t: number): number;
  /** Finds the critical points of f in (0, T), sorted; returns how many (read with crit). */
  abstract criticalPoints(T: number): number;
  /** The k-th critical point found by the last criticalPoints() call. */
  protected abstract crit(k: number): number;

  /** First t in [0, T] with f(t) >= theta, or Infinity. T must be finite. */
  firstCrossing(theta: number, T: number, tol: number): number {
    if (this.f(0) >= theta) return 0;
    const n = this.criticalPoints(T);
    let lo = 0;
    for (let k = 0; k <= n; k++) {
      const hi = k < n ? this.crit(k) : T;
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
    for (let k = 0; k < n; k++) {
      const x = this.crit(k), v = this.f(x);
      if (v > best) { best = v; this.argMax = x; }
    }
    return best;
  }
}
