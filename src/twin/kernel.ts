// What a generated twin's specialised model classes import from the runtime: the helpers and
// types that the runtime model sources (src/twin/models/*.ts, macro-s1.ts) import or export,
// under the same names, and the check that a specialised class was compiled for the constants it sees.
// Input: none (re-exports).
// Output: the names codegen/specialise.ts lists as a copied class's imports.
// Invariants: every value a specialisable model source imports or exports is exported here (the
//   generator refuses a class whose imports the runtime does not export, naming this file).
export { Counters, Prio } from './model.js';
export type { Model, ModelContext, ModelSpec, Params, PortDecl, RandomSource, Tick } from './model.js';
export { firstCrossing, expCrossing, distinctTau } from './engine/roots.js';
export { cellVoltage, chargeFactor, deviceParams, peakFactor, programDevices, readSigmaAt, series, type DeviceParams, type Devices } from './models/crossbar.js';
export { railsOf, bandwidthTau } from './models/tia.js';
export { S1Ring } from './macro-s1-ring.js';
export { drawMismatch } from './models/mismatch.js';
export { ExpSum3 } from './models/s4-expsum.js';
export { ExpSumRamp } from './models/s4-expsum-ramp.js';
export { RampInput } from './models/ramp-input.js';
export { ConductanceMirror } from './models/s2-learn.js';
export { refNum, readTsLaw, TsDeviceBank, type TsLaw } from './models/ts-device.js';
export type { S1Parts } from './macro-s1.js';

/**
 * Throws when a specialised class's constructor computed other constants than the ones its
 * handlers were compiled with (a twin generated for other parameters or another snn).
 */
export function checkFolded(model: object, name: string, folded: Readonly<Record<string, unknown>>): void {
  const m = model as Record<string, unknown>;
  for (const [k, v] of Object.entries(folded)) {
    if (!Object.is(m[k], v)) {
      throw new Error(`twin: ${name} was generated for ${k} = ${String(v)}, but this instance has ${String(m[k])}; regenerate the twin (snn compile)`);
    }
  }
}
