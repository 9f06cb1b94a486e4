// Shared state of one elaboration: the program, the diagnostics, the evaluator and the
// component resolver, and the IR being built. Passes in this folder read and append to it.
import * as path from 'node:path';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Span } from '../diagnostics/span.js';
import { Evaluator } from '../semantics/evaluate.js';
import { Components } from '../semantics/components.js';
import { Locator } from '../semantics/locator.js';
import type { Program } from '../semantics/modules.js';
import type { ConnectionIR, InstanceIR, Loc, MacroIR } from './ir.js';

/** The external ports of an elaborated macro: where a network layer feeds it and reads it. */
export interface MacroPorts { input: { instance: string; port: string; width: number } | null; output: { instance: string; port: string; width: number } | null }

export class ElabContext {
  readonly ev: Evaluator;
  readonly components: Components;
  readonly locator: Locator;
  readonly macros: MacroIR[] = [];
  readonly instances: InstanceIR[] = [];
  readonly connections: ConnectionIR[] = [];
  readonly macroPorts = new Map<string, MacroPorts>();
  /** Source span of each instance path, for design checks that report on the IR. */
  readonly instanceSpans = new Map<string, Span>();
  readonly irFile: (display: string) => string;

  constructor(readonly program: Program, readonly diags: Diagnostics) {
    this.ev = new Evaluator(diags);
    const byDisplay = new Map(program.modules.map((m) => [m.display, m]));
    const base = path.dirname(program.entry.abs);
    const cache = new Map<string, string>();
    this.irFile = (d: string) => {
      let f = cache.get(d);
      if (f === undefined) {
        const m = byDisplay.get(d);
        f = !m || m.std ? d : path.relative(base, m.abs).split(path.sep).join('/');
        cache.set(d, f);
      }
      return f;
    };
    this.locator = new Locator(program.sources, this.irFile);
    this.components = new Components(diags, this.ev, this.locator);
  }

  loc(span: Span): Loc { return this.locator.loc(span); }

  instance(path: string): InstanceIR | undefined {
    return this.instances.find((i) => i.path === path);
  }
}
