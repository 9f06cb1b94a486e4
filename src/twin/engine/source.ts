// A stimulus source model: replays a sorted spike list on its 'out' port.
// Input: ticks (nondecreasing), channels, optional values (default 1), channel count.
// Output: one emit per spike at its tick, STIMULUS priority (via its timer).
// Invariants: one pending timer at a time (the next spike's tick), so the queue stays small
//   however long the list is; spikes at the same tick go out in list order.
import { Counters, Prio, type Model, type ModelContext, type ModelSpec, type PortDecl, type Tick } from '../model.js';
import { params } from './params.js';

export class SpikeSource implements Model {
  readonly spec: ModelSpec;
  readonly ports: readonly PortDecl[];
  readonly counters = new Counters();
  private ctx!: ModelContext;
  private i = 0;

  constructor(path: string, width: number, private readonly times: Float64Array, private readonly chs: Int32Array, private readonly values: Float64Array | null) {
    this.spec = { path, kind: 'stimulus', shape: [width], params: params({}), timescale: 1 };
    this.ports = [{ name: 'out', dir: 'out', width, signal: 'spike' }];
  }

  init(ctx: ModelContext): void {
    this.ctx = ctx;
    if (this.times.length > 0) ctx.setTimer(0, this.times[0]!, Prio.STIMULUS);
  }

  input(): void { /* no inputs */ }

  timer(_slot: number, t: Tick): void {
    const times = this.times, chs = this.chs, vals = this.values, n = times.length;
    let i = this.i;
    while (i < n && times[i] === t) {
      this.ctx.emit(0, chs[i]!, vals ? vals[i]! : 1);
      i++;
    }
    this.i = i;
    if (i < n) this.ctx.setTimer(0, times[i]!, Prio.STIMULUS);
  }

  advance(): void {}
  read(): number { return NaN; }
  finish(): void {}
}
