// Shared part of the learning rules (hebbian, stdp): the rule's copy of the conductances it
// trains and the update protocol towards a crossbar.
// Input: rows x cols, the initial conductances (param `g_init`: one number or a row-major
//   list of rows*cols; or setConductances() before the run; else a fallback).
// Output: `update` messages: channel k = row * cols + col (row-major cell index), value =
//   the cell's new conductance in siemens (absolute, not a delta), at LEARN priority, one
//   message per programmed cell.
// Traces: g[k] per cell (S), written at each update.
// Invariants: the rule owns the arithmetic of the update (bounds, nonlinearity, noise) and
//   keeps its copy equal to what it sent, so a crossbar applying the values verbatim stays
//   in sync; no allocation per event.
//   Protocol note for the crossbar: its learn port must be rows*cols wide (the registry
//   lists `update`/`learn` as width one); the rule declares its `update` port that wide.
import { Prio, type ModelContext, type Params } from '../model.js';

export class ConductanceMirror {
  readonly g: Float64Array;
  private trace: Int32Array | null = null;
  constructor(readonly rows: number, readonly cols: number, p: Params, fallback: number) {
    this.g = new Float64Array(rows * cols);
    if (p.has('g_init')) {
      let list: readonly number[] | null = null;
      try { list = p.list('g_init'); } catch { list = null; }
      if (list && list.length === rows * cols) this.g.set(list);
      else if (list && list.length === 1) this.g.fill(list[0]!);
      else this.g.fill(p.num('g_init'));
    } else this.g.fill(fallback);
  }

  set(values: ArrayLike<number>): void {
    if (values.length !== this.g.length) throw new Error(`twin: setConductances: expected ${this.g.length} values, got ${values.length}`);
    this.g.set(values);
  }

  /** Declare the conductance traces `g[k]` (call in init; initial values as declared). */
  declare(ctx: ModelContext): void {
    const hs = new Int32Array(this.g.length);
    let any = false;
    for (let k = 0; k < hs.length; k++) { hs[k] = ctx.declare('g', 'real', { ch: k, init: this.g[k]! }); if (hs[k]! >= 0) any = true; }
    this.trace = any ? hs : null;
  }

  /** Store and send the new conductance of cell k (LEARN priority, at ctx.now). */
  send(ctx: ModelContext, port: number, k: number, g: number): void {
    this.g[k] = g;
    ctx.emitAt(port, k, g, ctx.now, Prio.LEARN);
    if (this.trace && this.trace[k]! >= 0) ctx.real(this.trace[k]!, g);
  }
}
