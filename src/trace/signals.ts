// The table of declared signals shared by the trace writers.
// Input: SignalSpecs in declaration order (raw user names).
// Output: DeclaredSignals with handles 0..n-1, sanitized unique names, and a scope tree
//   that keeps first-appearance order (the order the VCD header and .gtkw list them).
// Invariants: within one scope, scope and signal names are pairwise distinct after
//   sanitizing (collisions get a `_k` suffix); declaring the same raw (scope, name) twice
//   throws; the same raw scope path always maps to the same ScopeNode.
import { checkSpec, type Handle, type SignalKind, type SignalSpec } from './sink.js';
import { sanitizeName, uniqueName } from './names.js';

export interface DeclaredSignal {
  readonly handle: Handle;
  readonly kind: SignalKind;
  /** 1 for wires, the bit count for vectors, 64 for reals. */
  readonly width: number;
  /** Sanitized scope path (what the VCD and GTKWave show). */
  readonly scope: readonly string[];
  /** Sanitized signal name. */
  readonly name: string;
  /** The names as declared, for messages and reports. */
  readonly rawScope: readonly string[];
  readonly rawName: string;
  readonly init: number | bigint;
}

export interface ScopeNode {
  readonly name: string; // sanitized; "" for the root
  readonly path: readonly string[];
  readonly scopes: ScopeNode[];
  readonly signals: DeclaredSignal[];
}

interface MutableScope extends ScopeNode {
  readonly byRaw: Map<string, MutableScope>;
  readonly rawSignals: Set<string>;
  readonly used: Set<string>;
}

function newScope(name: string, path: readonly string[]): MutableScope {
  return { name, path, scopes: [], signals: [], byRaw: new Map(), rawSignals: new Set(), used: new Set() };
}

export class SignalTable {
  private readonly root: MutableScope = newScope('', []);
  private readonly all: DeclaredSignal[] = [];

  get size(): number { return this.all.length; }

  declare(spec: SignalSpec): DeclaredSignal {
    const width = checkSpec(spec);
    let node = this.root;
    for (const raw of spec.scope) {
      let child = node.byRaw.get(raw);
      if (!child) {
        const name = uniqueName(sanitizeName(raw, true), node.used);
        node.used.add(name);
        child = newScope(name, [...node.path, name]);
        node.byRaw.set(raw, child);
        node.scopes.push(child);
      }
      node = child;
    }
    if (node.rawSignals.has(spec.name)) {
      throw new Error(`trace: signal '${[...spec.scope, spec.name].join('.')}' declared twice`);
    }
    const name = uniqueName(sanitizeName(spec.name), node.used);
    node.used.add(name);
    node.rawSignals.add(spec.name);
    const sig: DeclaredSignal = {
      handle: this.all.length, kind: spec.kind, width, scope: node.path, name,
      rawScope: [...spec.scope], rawName: spec.name, init: spec.init ?? 0,
    };
    node.signals.push(sig);
    this.all.push(sig);
    return sig;
  }

  /** All signals by handle. */
  list(): readonly DeclaredSignal[] { return this.all; }

  /** The scope tree; the root holds signals declared with an empty scope path. */
  tree(): ScopeNode { return this.root; }

  get(h: Handle): DeclaredSignal {
    const s = this.all[h];
    if (s === undefined) throw new RangeError(`trace: unknown handle ${h}`);
    return s;
  }
}
