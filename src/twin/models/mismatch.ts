// Device-to-device mismatch: the per-channel factor by which a fabricated part's nominal value
// (a TIA gain, a kernel time constant) differs from the drawn one, drawn once at init.
// Input: a random stream (ctx.rng of the instance, e.g. "gain", "tau") and a relative spread
//   sigma >= 0 (the registry's gain_sigma, tau_sigma).
// Output: mismatchFactor: 1 + sigma N, N standard normal, redrawn while it is not positive
//   (gains and time constants keep their sign; the truncation matters only for sigma above
//   about 0.2, where P(1 + sigma N <= 0) = P(N <= -5) is 3e-7); drawMismatch: nominal x
//   such a factor per channel, in channel order, or the nominal value itself (no draw, no
//   arithmetic: bit-identical to an ideal part) when sigma = 0.
// Invariants: randomness only from the stream passed in; channel j's factor depends only on
//   the stream and the factors before it (so a wider instance draws the same first channels).
import type { RandomSource } from '../model.js';

/** One relative mismatch factor 1 + sigma N (> 0); exactly 1 without a draw when sigma = 0. */
export function mismatchFactor(rng: RandomSource, sigma: number): number {
  if (!(sigma > 0)) return 1;
  for (;;) {
    const f = 1 + sigma * rng.normal();
    if (f > 0) return f;
  }
}

/** Fills out[j] = nominal * factor_j for each channel (out[j] = nominal when sigma = 0). */
export function drawMismatch(out: Float64Array, nominal: number, sigma: number, rng: RandomSource | null): void {
  if (!(sigma > 0) || !rng) { out.fill(nominal); return; }
  for (let j = 0; j < out.length; j++) out[j] = nominal * mismatchFactor(rng, sigma);
}
