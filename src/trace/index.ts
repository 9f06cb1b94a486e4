// The tracing layer's public surface: the sink interface and its implementations.
// Input/output: re-exports only. Invariant: the twin imports tracing from here.
export type { Handle, SignalKind, SignalSpec, Tick, TraceSink } from './sink.js';
export { NullSink } from './sink.js';
export { MemorySink, type History, type TraceValue } from './memory.js';
export { VcdWriter, openVcdFile, memoryVcd, formatReal, type VcdOptions } from './vcd.js';
export type { DeclaredSignal, ScopeNode } from './signals.js';
export { renderGtkw, groupByInstance, gtkwPaths, facilityName, type GtkwGroup, type GtkwOptions } from './gtkw.js';
export { chooseTimescale, type Timescale } from './timescale.js';
