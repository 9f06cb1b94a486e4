// Learning rules as the twin's builder makes them (src/twin/build.ts): hebbian and stdp whose
// copy of the conductances starts from the crossbar they train.
// Input: the rule's spec and the Crossbar model its update port drives (added to the engine
//   before the rule, so that it is programmed first: the engine inits in add order).
// Output: a Hebbian / Stdp that, at init, takes the crossbar's programmed device conductances
//   (programming error, quantisation and stuck cells included) as its starting copy.
// Invariants: nothing else differs from the plain rule; the crossbar is the constructor's
//   second argument and kept as the field `source` (a generated twin rebuilds it from there).
import type { ModelContext, ModelSpec } from './model.js';
import type { Crossbar } from './models/crossbar.js';
import { Hebbian } from './models/hebbian.js';
import { Stdp } from './models/stdp.js';

export class SyncedHebbian extends Hebbian {
  constructor(spec: ModelSpec, readonly source: Crossbar) { super(spec); }
  override init(ctx: ModelContext): void { this.setConductances(this.source.deviceConductances()); super.init(ctx); }
}

export class SyncedStdp extends Stdp {
  constructor(spec: ModelSpec, readonly source: Crossbar) { super(spec); }
  override init(ctx: ModelContext): void { this.setConductances(this.source.deviceConductances()); super.init(ctx); }
}
