// The types of the kind registry: every kind (device, neuron, circuit, technology) declares
// its properties once here-shaped, and checking, defaults, the IR, the language reference,
// the twin and the cost model all read the same declaration (see kinds/*.ts).
import type { Dimension } from '../units/dimension.js';

export type Category = 'device' | 'neuron' | 'circuit' | 'technology';

export type PropType =
  /** A physical quantity (or a dimensionless number when dim is D.none). */
  | { t: 'quantity'; dim: Dimension; integer?: boolean }
  /** One of a fixed set of words, written bare (`config = MOD;`, `cell = 1T1R;`) or quoted. */
  | { t: 'enum'; choices: readonly string[] }
  | { t: 'bool' }
  /** A string, e.g. a file path. */
  | { t: 'string' }
  /** A two-element list [lo, hi] of one dimension, e.g. clipping rails. */
  | { t: 'interval'; dim: Dimension }
  /** A list of quantities of one dimension. */
  | { t: 'list'; dim: Dimension }
  /** A reference to a declared type of a category (optionally restricted to some kinds). */
  | { t: 'ref'; category: Category; kinds?: readonly string[] };

/** Default values are given in SI base units (numbers), or as the plain value for other types. */
export type DefaultValue = number | string | boolean | readonly [number, number] | readonly number[] | null;

export interface PropSchema {
  name: string;
  type: PropType;
  /** undefined: required. null: optional with no value. */
  default?: DefaultValue;
  /** Inclusive bounds in SI base units (quantities and intervals). */
  min?: number;
  max?: number;
  /** Exclusive lower bound (e.g. a time constant must be > 0). */
  minExclusive?: boolean;
  /** One-line documentation: what it is, and where the default comes from. */
  doc: string;
  /** The unit it is usually written in, for the reference tables (e.g. 'ms', 'uS'). */
  displayUnit?: string;
  /** A time constant in the design's data time: divided by the macro's timescale. */
  scaled?: boolean;
}

/**
 * An RC relation: a kernel given either as a time constant or as R and C, one implying the
 * other. The time constant is in data time; R*C is in hardware time (tau / timescale).
 */
export interface RcRelation { tau: string; r: string; c: string; doc: string }

export type PortDir = 'in' | 'out';
/** Width of a port: an instance array dimension (dim0, dim1), a property name, or 1. */
export interface PortSchema { name: string; dir: PortDir; width: 'dim0' | 'dim1' | 'one' | { prop: string }; doc: string }

export interface KindSchema {
  name: string;
  category: Category;
  doc: string;
  props: readonly PropSchema[];
  /** Number of array dimensions an instance takes ([] for scalars, [n] or [rows, cols]). */
  dims?: readonly string[];
  rc?: readonly RcRelation[];
  ports?: readonly PortSchema[];
  /** Default input and output port for `connect a -> b` without a port name. */
  defaultIn?: string;
  defaultOut?: string;
}
