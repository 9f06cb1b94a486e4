// Typed syntax tree of a .snn file, produced by cst-to-ast.ts from the chevrotain CST.
// Invariants: every node carries a Span (byte offsets into its file); nothing here is
// resolved (names are plain identifiers, quantities keep their raw unit text). The
// semantic passes read this tree; the elaborator turns it into the IR and no later stage
// reads it again.
import type { Span } from '../diagnostics/span.js';

export interface Ident { name: string; span: Span }

// ---------------------------------------------------------------- expressions
export type Expr =
  | NumberLit
  | QuantityLit
  | StringLit
  | BoolLit
  | NameRef
  | Binary
  | Unary
  | Call
  | ListExpr
  | Paren;

/** `10.14pF`, `3%`, `50000`, `1T1R` (an enum-like token: unit text not a unit). */
export interface NumberLit { kind: 'Number'; value: number; unit: string | null; raw: string; span: Span }
/** `<2 fF per um^2>`: a number with a compound unit written with spaces. */
export interface QuantityLit { kind: 'Quantity'; value: number; numberRaw: string; unit: UnitExpr; span: Span }
export interface UnitFactor { name: string; exponent: number; span: Span }
/** numerator factors then denominator factors (`per` or `/` starts the denominator). */
export interface UnitExpr { numerator: UnitFactor[]; denominator: UnitFactor[]; span: Span }
export interface StringLit { kind: 'String'; value: string; raw: string; span: Span }
export interface BoolLit { kind: 'Bool'; value: boolean; span: Span }
/** `VDD`, `SRM50.tau_s`: one or more dot-separated identifiers. */
export interface NameRef { kind: 'Name'; parts: Ident[]; span: Span }
export type BinaryOp = '+' | '-' | '*' | '/' | '^';
export interface Binary { kind: 'Binary'; op: BinaryOp; left: Expr; right: Expr; span: Span }
export interface Unary { kind: 'Unary'; op: '-' | '+'; operand: Expr; span: Span }
export interface Arg { name: Ident | null; value: Expr; span: Span }
export interface Call { kind: 'Call'; callee: Ident; args: Arg[]; span: Span }
export interface ListExpr { kind: 'List'; items: Expr[]; span: Span }
export interface Paren { kind: 'Paren'; inner: Expr; span: Span }

// ---------------------------------------------------------------- paths (connect, probe, vary)
export type Index =
  | { kind: 'IndexExpr'; expr: Expr; span: Span }
  | { kind: 'IndexRange'; from: Expr; to: Expr; span: Span }
  | { kind: 'IndexStar'; span: Span };
export interface PathSegment { name: Ident; indices: Index[] | null; span: Span }
export interface Path { kind: 'Path'; segments: PathSegment[]; span: Span }

// ---------------------------------------------------------------- statements
export interface Property { kind: 'Property'; name: Ident; value: Expr; span: Span }
export interface Param { name: Ident; default: Expr | null; span: Span }
export interface TypeRef { name: Ident; args: Arg[] | null; span: Span }

/** `crossbar xb[rows, cols] { ... }`, `neurons n[cols] : SRM50;`, `io { ... }`, `PE sub { rows = 64; }` */
export interface InstanceDecl {
  kind: 'Instance';
  kindName: Ident;          // a schema kind (crossbar, tia, neurons, ...) or a macro name
  name: Ident;              // equals kindName for the anonymous form `io { ... }`
  anonymous: boolean;
  dims: Expr[];
  type: TypeRef | null;     // `: SRM50`
  body: Property[] | null;  // null for `;`
  span: Span;
}
export interface ConnectStmt { kind: 'Connect'; chain: Path[]; span: Span }
export interface ProbeStmt { kind: 'Probe'; paths: Path[]; span: Span }
export interface InputDecl { kind: 'Input'; name: Ident; dims: Expr[]; span: Span }
export interface LayerDecl {
  kind: 'Layer'; name: Ident; type: TypeRef; weights: StringLit | null; body: Property[] | null; span: Span;
}
export interface VaryStmt { kind: 'Vary'; target: Path; values: Expr; span: Span }
export interface KeepStmt { kind: 'Keep'; target: Path; value: Expr; span: Span }

export type MacroItem = Property | InstanceDecl | ConnectStmt;
export type NetworkItem = Property | InputDecl | LayerDecl | ConnectStmt;
export type SimulateItem = Property | ProbeStmt;
export type SweepItem = Property | VaryStmt | KeepStmt;

// ---------------------------------------------------------------- declarations
export type TypeCategory = 'device' | 'neuron' | 'circuit' | 'technology';
export interface ImportDecl { kind: 'Import'; path: StringLit; span: Span }
export interface ConstDecl { kind: 'Const'; name: Ident; value: Expr; span: Span }
/** `device HfO2 : rram { ... }`, `neuron SRM10 : SRM50 { ... }`, `technology cmos180 { ... }` */
export interface TypeDecl {
  kind: 'TypeDecl'; category: TypeCategory; name: Ident; base: Ident | null; body: Property[]; span: Span;
}
export interface MacroDecl { kind: 'Macro'; name: Ident; params: Param[]; body: MacroItem[]; span: Span }
export interface NetworkDecl { kind: 'Network'; name: Ident; params: Param[]; body: NetworkItem[]; span: Span }
export interface StimulusDecl { kind: 'Stimulus'; name: Ident; body: Property[]; span: Span }
export interface SimulateDecl { kind: 'Simulate'; name: Ident; body: SimulateItem[]; span: Span }
export interface SweepDecl { kind: 'Sweep'; name: Ident; body: SweepItem[]; span: Span }

export type TopItem =
  | ImportDecl | ConstDecl | TypeDecl | MacroDecl | NetworkDecl | StimulusDecl | SimulateDecl | SweepDecl;

export interface Program { kind: 'Program'; file: string; items: TopItem[]; span: Span }
