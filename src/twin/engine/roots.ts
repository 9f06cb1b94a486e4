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
//   No allocation: firstCrossing is a small wrapper that hands its doubles to the search
//   through a module-level typed array (a double argument or result of a call is boxed).
// distinctTau keeps two cascaded time constants apart for the closed forms that divide by
// their difference (the membrane of a neuron behind a TIA pole).

/** f and its derivative at t. Written out (no closures) because it is on the hot path. */
function fval(c: number, a: number, r1: number, b: number, r2: number, th: number, t: number): number {
  return c + a * Math.exp(-t * r1) + b * Math.exp(-t * r2) - th;
}

/**
 * The arguments and result of the crossing search, in a typed array: doubles passed to or
 * returned from a call that is not inlined are boxed (one allocation each), and callers
 * such as the fused S1 macro search a crossing per column walk. Layout: c, a, tau1, b, tau2,
 * theta, T, tol, r1 = 1/tau1, r2 = 1/tau2, the result, and refine's bracket [lo, hi].
 */
const S = new Float64Array(13);
const C_ = 0, A_ = 1, TAU1 = 2, B_ = 3, TAU2 = 4, TH = 5, T_ = 6, TOL = 7, R1 = 8, R2 = 9, OUT = 10, LO = 11, HI = 12;

/**
 * The first crossing time of f upward through 0 in [0, T], or Infinity.
 * tau1, tau2 > 0 (equal is allowed); a or b may be 0.
 * (A small wrapper, so that callers inline it: the search itself takes no double arguments.)
 */
export function firstCrossing(
  c: number, a: number, tau1: number, b: number, tau2: number, theta: number, T: number, tol: number,
): number {
  S[C_] = c; S[A_] = a; S[TAU1] = tau1; S[B_] = b; S[TAU2] = tau2; S[TH] = theta; S[T_] = T; S[TOL] = tol;
  crossing();
  return S[OUT]!;
}

/** firstCrossing on the arguments in S; the result goes to S[OUT]. */
function crossing(): void {
  const c = S[C_]!, a = S[A_]!, tau1 = S[TAU1]!, b = S[B_]!, tau2 = S[TAU2]!, theta = S[TH]!, T = S[T_]!;
  const r1 = 1 / tau1, r2 = 1 / tau2;
  S[R1] = r1; S[R2] = r2;
  const f0 = c + a + b - theta;
  if (f0 >= 0) { S[OUT] = 0; return; }
  if (!(T > 0)) { S[OUT] = Infinity; return; }
  // Critical point: a r1 e^{-t r1} = -b r2 e^{-t r2}, needs a*b < 0 and r1 != r2.
  let lo = 0;
  if (a * b < 0 && r1 !== r2) {
    const ratio = -(a * r1) / (b * r2); // e^{-t r1} / e^{-t r2} = 1/ratio ... solve below
    // a r1 e^{-t r1} + b r2 e^{-t r2} = 0  <=>  e^{t (r2 - r1)} = -(b r2) / (a r1) = 1/ratio
    const ts = -Math.log(ratio) / (r2 - r1);
    if (ts > 0 && ts < T) {
      const fs = fval(c, a, r1, b, r2, theta, ts);
      if (fs >= 0) { S[LO] = 0; S[HI] = ts; refine(); return; }
      lo = ts; // f < 0 on [0, ts]; f is monotone after ts
    }
  }
  // f is monotone on [lo, T].
  if (T === Infinity) {
    if (!(c - theta > 0)) { S[OUT] = Infinity; return; }
    let span = Math.max(tau1, tau2);
    let hi = lo + span;
    while (fval(c, a, r1, b, r2, theta, hi) < 0) { span *= 2; hi = lo + span; }
    S[LO] = lo; S[HI] = hi; refine();
    return;
  }
  if (fval(c, a, r1, b, r2, theta, T) < 0) { S[OUT] = Infinity; return; }
  S[LO] = lo; S[HI] = T; refine();
}

/**
 * Root of an increasing f on [lo, hi] = S[LO..HI] with f(lo) < 0 <= f(hi): Newton kept
 * inside the bracket; the result goes to S[OUT].
 */
function refine(): void {
  const c = S[C_]!, a = S[A_]!, r1 = S[R1]!, b = S[B_]!, r2 = S[R2]!, th = S[TH]!, tol = S[TOL]!;
  let lo = S[LO]!, hi = S[HI]!;
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
  S[OUT] = hi;
}

/** One-exponential crossing in closed form: c + a e^{-t/tau} = theta, first t in [0, T] or Infinity. */
export function expCrossing(c: number, a: number, tau: number, theta: number, T: number): number {
  if (c + a >= theta) return 0;
  // rising toward c only if a < 0 and c > theta
  if (!(c > theta)) return Infinity;
  const t = tau * Math.log(-a / (c - theta));
  return t <= T ? Math.max(0, t) : Infinity;
}

/**
 * Time constant b kept apart from a for partial fractions: b itself unless the two are within
 * 1e-7 relative, then b (1 + 1e-7) (the response of a cascade with equal poles changes by
 * about 1e-7 relative; the divided differences stay finite).
 */
export function distinctTau(a: number, b: number): number {
  return Math.abs(a - b) <= 1e-7 * Math.max(a, b) ? b * (1 + 1e-7) : b;
}
