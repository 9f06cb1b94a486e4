// The IR: the flattened, unit-resolved design that every later stage reads (twin, cost
// model, backends, sweeps) and nothing else. Invariants: every quantity is a number in SI
// base units with its unit symbol beside it; every default is filled in; every connection is
// explicit; every item keeps the source location it came from; the whole object is plain
// JSON and is printed deterministically (keys in declaration order). Documented by
// lang/ir.schema.json; bump IR_VERSION on any incompatible change.

export const IR_VERSION = '1.0';

export interface Loc { file: string; line: number; column: number; endLine: number; endColumn: number }

/** A resolved property value. */
export type Value =
  | { q: number; unit: string }                      // a quantity in SI base units; unit '' = dimensionless
  | { enum: string }
  | { bool: boolean }
  | { str: string }
  | { interval: [number, number]; unit: string }
  | { list: number[]; unit: string }
  | { component: ComponentIR };                      // a referenced device/neuron/technology, resolved

/** A declared type resolved against its kind: the full property set with defaults filled in. */
export interface ComponentIR {
  name: string;          // declared name (e.g. "HfO2"), or the kind name for an inline instance
  kind: string;          // schema kind (e.g. "rram")
  category: 'device' | 'neuron' | 'circuit' | 'technology';
  lineage: string[];     // derivation chain, most derived first: ["SRM10", "SRM50", "srm"]
  props: Record<string, Value>;
  /** Values implied by others: capacitors from time constants, hardware-time constants, ... */
  derived: Record<string, Value>;
  loc: Loc | null;
}

export interface InstanceIR {
  path: string;          // hierarchical name: "xb", "out.xb", "out.n"
  kind: string;          // schema kind: crossbar, tia, srm, ...
  category: 'device' | 'neuron' | 'circuit';
  type: string | null;   // the declared type it instantiates (for neurons: "SRM50")
  shape: number[];       // array dimensions; [] for a scalar
  component: ComponentIR;
  loc: Loc;
}

export interface PortRef { instance: string; port: string; width: number }
export interface ConnectionIR { from: PortRef; to: PortRef; loc: Loc }

export interface MacroIR {
  path: string;          // "" for the top macro, else the instance path of a sub-macro or layer
  name: string;          // the macro declaration
  params: Record<string, Value>;
  timescale: number;     // hardware runs `timescale` times faster than data time
  technology: ComponentIR | null;
  /** The macro's boundary: where its inputs enter and its outputs leave (null if unconnected). */
  input: PortRef | null;
  output: PortRef | null;
  loc: Loc;
}

export interface LayerIR {
  name: string;
  macro: string | null;       // the macro path implementing it, or null for a software layer
  software: boolean;
  inputs: number;
  outputs: number;
  weights: { file: string; shape: number[] } | null;
  loc: Loc;
}

export interface NetworkIR {
  name: string;
  inputs: Array<{ name: string; width: number; loc: Loc }>;
  layers: LayerIR[];
  connections: Array<{ from: string; to: string; width: number; loc: Loc }>;
  loc: Loc;
}

export interface ProbeIR { path: string; instance: string; signal: string; indices: number[][] | null; loc: Loc }

export interface StimulusIR {
  name: string;
  props: Record<string, Value>;
  encoder: { name: string; args: Record<string, Value> } | null;
  loc: Loc;
}

export interface SimulationIR {
  name: string;
  duration: number;      // seconds, data time
  seed: number;
  vcd: string | null;
  probes: ProbeIR[];
  props: Record<string, Value>;
  loc: Loc;
}

export interface SweepIR {
  name: string;
  run: string;
  vary: Array<{ target: string; values: Value[]; loc: Loc }>;
  keep: Array<{ target: string; expr: string; loc: Loc }>;
  metrics: string[];
  loc: Loc;
}

export interface DesignIR {
  ir_version: string;
  top: { kind: 'macro' | 'network' | 'simulate'; name: string };
  files: string[];                 // every source file read, relative to the top file's folder
  macros: MacroIR[];
  instances: InstanceIR[];
  connections: ConnectionIR[];
  network: NetworkIR | null;
  stimulus: StimulusIR | null;
  simulation: SimulationIR | null;
  sweeps: SweepIR[];
  warnings: Array<{ code: string; message: string; loc: Loc | null }>;
}
