// Exact threshold crossings of the sum of two decaying exponentials and a constant:
//   f(t) = c + a e^{-t/tau1} + b e^{-t/tau2} - theta,  t in [0, T]
// which is the membrane of every first-order RC model between two events (SRM: response
// kernel minus refractory kernel plus a drive; LIF: one exponential; DPI: two).
// Input: the coefficients, the two time constants (any unit, > 0), the horizon T (may be
//   Infinity) and an absolute tolerance in the same unit.
// Output: the first t in [0, T] with f(t) >= 0 (to within tol, or 1e-15 relative), or
//   Infinity when f stays below zero on [0, T].
// Invariants: no sampling and no step size: f has at most one critical point (located in
//   closed form), so [0, T] splits into at most two monotone pieces; the first piece whose
//   right end is >= 0 brackets the root, which safeguarded Newton/bisection then refines.
//   The returned t always has f(t) >= 0 (up to rounding) and f < 0 on [0, t - tol).

/** f and its derivative at t. Written out (no closures) because it is on the hot path. */
function fval(c: number, a: number, r1: number, b: number, r2: number, th: number, t: number): number {
  return c + a * Math.exp(-t * r1) + b * Math.exp(-t * r2) - th;
}

/**
 * The first crossing time of f upward through 0 in [0, T], or Infinity.
 * tau1, tau2 > 0 (equal is allowed); a or b may be 0.
 */
export function firstCrossing(
  c: number, a: number, tau1: number, b: number, tau2: number, theta: number, T: number, tol: number,
): number {
  const r1 = 1 / tau1, r2 = 1 / tau2;
  const f0 = c + a + b - theta;
  if (f0 >= 0) return 0;
  if (!(T > 0)) return Infinity;
  // Critical point: a r1 e^{-t r1} = -b r2 e^{-t r2}, needs a*b < 0 and r1 != r2.
  let lo = 0;
  if (a * b < 0 && r1 !== r2) {
    const ratio = -(a * r1) / (b * r2); // e^{-t r1} / e^{-t r2} = 1/ratio ... solve below
    // a r1 e^{-t r1} + b r2 e^{-t r2} = 0  <=>  e^{t (r2 - r1)} = -(b r2) / (a r1) = 1/ratio
    const ts = -Math.log(ratio) / (r2 - r1);
    if (ts > 0 && ts < T) {
      const fs = fval(c, a, r1, b, r2, theta, ts);
      if (fs >= 0) return refine(c, a, r1, b, r2, theta, 0, ts, tol);
      lo = ts; // f < 0 on [0, ts]; f is monotone after ts
    }
  }
  // f is monotone on [lo, T].
  if (T === Infinity) {
    if (!(c - theta > 0)) return Infinity;
    let span = Math.max(tau1, tau2);
    let hi = lo + span;
    while (fval(c, a, r1, b, r2, theta, hi) < 0) { span *= 2; hi = lo + span; }
    return refine(c, a, r1, b, r2, theta, lo, hi, tol);
  }
  if (fval(c, a, r1, b, r2, theta, T) < 0) return Infinity;
  return refine(c, a, r1, b, r2, theta, lo, T, tol);
}

/** Root of an increasing f on [lo, hi] with f(lo) < 0 <= f(hi): Newton kept inside the bracket. */
function refine(c: number, a: number, r1: number, b: number, r2: number, th: number, lo: number, hi: number, tol: number): number {
  let flo = fval(c, a, r1, b, r2, th, lo);
  let fhi = fval(c, a, r1, b, r2, th, hi);
  for (let it = 0; it < 200; it++) {
    const eps = Math.max(tol, 1e-15 * hi);
    if (hi - lo <= eps) break;
    // Newton from the end point with the smaller |f|.
    const x = -flo < fhi ? lo : hi;
    const e1 = a * Math.exp(-x * r1), e2 = b * Math.exp(-x * r2);
    const fx = x === lo ? flo : fhi;
    const d = -(e1 * r1 + e2 * r2);
    let xn = d > 0 ? x - fx / d : NaN;
    if (!(xn > lo && xn < hi)) xn = 0.5 * (lo + hi);
    const fn = fval(c, a, r1, b, r2, th, xn);
    if (fn >= 0) {
      hi = xn; fhi = fn;
      // Newton converging from above: probe just below to close the bracket.
      const p = xn - eps;
      if (p > lo) {
        const fp = fval(c, a, r1, b, r2, th, p);
        if (fp < 0) { lo = p; flo = fp; } else { hi = p; fhi = fp; }
      }
    } else {
      lo = xn; flo = fn;
      const p = xn + eps;
      if (p < hi) {
        const fp = fval(c, a, r1, b, r2, th, p);
        if (fp >= 0) { hi = p; fhi = fp; } else { lo = p; flo = fp; }
      }
    }
  }
  return hi;
}

/** One-exponential crossing in closed form: c + a e^{-t/tau} = theta, first t in [0, T] or Infinity. */
export function expCrossing(c: number, a: number, tau: number, theta: number, T: number): number {
  if (c + a >= theta) return 0;
  // rising toward c only if a < 0 and c > theta
  if (!(c > theta)) return Infinity;
  const t = tau * Math.log(-a / (c - theta));
  return t <= T ? Math.max(0, t) : Infinity;
}
