// How far the twin's clock reaches: time is an integer-valued float64 count of ticks, exact
// to 2^53 ticks (9.007 s of hardware time at the default 1 fs).
// Input: a run's hardware duration (s) and a resolution (s per tick).
// Output: whether the run fits. Shared by runTwin (which refuses a run that does not fit)
//   and resolution.ts (which chooses a resolution that does); kept free of imports so that
//   the generated twins' runtime stays light.

/** Ticks a run may span. */
export const MAX_TICKS = 2 ** 53;

/** True when a run of `duration` hardware seconds fits MAX_TICKS ticks of `resolution`. */
export function fits(duration: number, resolution: number): boolean {
  return duration / resolution <= MAX_TICKS;
}
