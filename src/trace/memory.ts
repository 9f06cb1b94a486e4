// A TraceSink that keeps every change in memory, for tests of the twin.
// Input: the TraceSink call stream.
// Output: per handle, a history [[tick, value], ...] that starts with the state at tick 0
//   (the declared init, overwritten by writes at tick 0), then one entry per change.
// Invariants: the same rules and the same entries as the lines of the VCD writer (declare
//   first, time nondecreasing, changes only, writes at one later tick all kept); ticks are
//   stored as bigint.
import { SignalTable, type DeclaredSignal } from './signals.js';
import { checkTick, type Handle, type SignalKind, type SignalSpec, type Tick, type TraceSink } from './sink.js';

export type TraceValue = number | bigint;
export type History = Array<[bigint, TraceValue]>;

export class MemorySink implements TraceSink {
  private readonly table = new SignalTable();
  private readonly hist: History[] = [];
  private started = false;
  private now = 0n;
  closed = false;

  declare(spec: SignalSpec): Handle {
    if (this.started) throw new Error(`trace: declare('${spec.name}') after the first time or value call`);
    const s = this.table.declare(spec);
    this.hist.push([[0n, normalize(s, s.init)]]);
    return s.handle;
  }

  time(t: Tick): void {
    this.started = true;
    const tt = BigInt(checkTick(t));
    if (tt < this.now) throw new RangeError(`trace: time went backwards from ${this.now} to ${tt}`);
    this.now = tt;
  }

  bit(h: Handle, v: 0 | 1): void { this.set(h, 'wire', v ? 1 : 0); }
  vec(h: Handle, v: number | bigint): void { this.set(h, 'vector', v); }
  real(h: Handle, x: number): void { this.set(h, 'real', x); }
  close(): void { this.closed = true; }
  abort(): void { this.closed = true; }

  signals(): readonly DeclaredSignal[] { return this.table.list(); }

  /** The change history of one handle. */
  history(h: Handle): History {
    const x = this.hist[h];
    if (!x) throw new RangeError(`trace: unknown handle ${h}`);
    return x;
  }

  /** The value a handle holds at tick t. */
  valueAt(h: Handle, t: Tick): TraceValue {
    const tt = BigInt(t);
    let v: TraceValue = this.history(h)[0]![1];
    for (const [when, x] of this.history(h)) { if (when > tt) break; v = x; }
    return v;
  }

  private set(h: Handle, kind: SignalKind, raw: TraceValue): void {
    this.started = true;
    if (this.closed) throw new Error('trace: value written after close()');
    const s = this.table.get(h);
    if (s.kind !== kind) throw new TypeError(`trace: ${kind} value on ${s.kind} signal '${[...s.scope, s.name].join('.')}'`);
    const v = normalize(s, raw);
    const hist = this.hist[h]!;
    if (this.now === 0n) { hist[0]![1] = v; return; } // the state at tick 0 (one entry)
    if (same(hist[hist.length - 1]![1], v)) return;
    hist.push([this.now, v]);
  }
}

function same(a: TraceValue, b: TraceValue): boolean {
  return a === b || (a !== a && b !== b);
}

function normalize(s: DeclaredSignal, v: TraceValue): TraceValue {
  if (s.kind === 'real') return Number(v);
  if (s.kind === 'wire') return v ? 1 : 0;
  const x = BigInt.asUintN(s.width, typeof v === 'bigint' ? v : BigInt(Math.trunc(v)));
  return s.width <= 53 ? Number(x) : x;
}
