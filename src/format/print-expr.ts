// Canonical text of expressions, paths and type references (the formatter's leaves).
// Input: AST fragments. Output: one-line strings.
// Invariants: the text parses back to the same AST (spans aside) as long as the tree is one
// the parser can produce (a Paren wherever precedence needs one; the printer never adds or
// drops brackets). Numbers and strings are printed as the user wrote them (`raw`). Binary
// operators are spaced (`a + b`), except `^` (`um^2`, `x^-1`).
import type {
  Arg, Expr, Index, Param, Path, PathSegment, QuantityLit, TypeRef, UnitFactor,
} from '../syntax/ast.js';

export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'Number': return e.raw;
    case 'Quantity': return printQuantity(e);
    case 'String': return e.raw;
    case 'Bool': return e.value ? 'true' : 'false';
    case 'Name': return e.parts.map((p) => p.name).join('.');
    case 'Binary': {
      const l = printExpr(e.left);
      const r = printExpr(e.right);
      return e.op === '^' ? `${l}^${r}` : `${l} ${e.op} ${r}`;
    }
    case 'Unary': return e.op + printExpr(e.operand);
    case 'Call': return `${e.callee.name}(${printArgs(e.args)})`;
    case 'List': return `[${e.items.map(printExpr).join(', ')}]`;
    case 'Paren': return `(${printExpr(e.inner)})`;
  }
}

export function printArgs(args: readonly Arg[]): string {
  return args.map((a) => (a.name ? `${a.name.name} = ${printExpr(a.value)}` : printExpr(a.value))).join(', ');
}

/** An exponent as the lexer reads it back: `2`, `-1`, `0.5`, `1e+21`. */
function printExponent(x: number): string {
  if (Object.is(x, -0)) return '-0';
  if (!Number.isFinite(x)) return x > 0 ? '1e999' : '-1e999';
  return String(x);
}

function printFactor(f: UnitFactor): string {
  return f.exponent === 1 ? f.name : `${f.name}^${printExponent(f.exponent)}`;
}

/** `<2 fF per um^2>`: numerator factors joined by `*`, then `per` and the denominator. */
export function printQuantity(q: QuantityLit): string {
  let s = '<' + q.numberRaw;
  if (q.unit.numerator.length > 0) s += ' ' + q.unit.numerator.map(printFactor).join(' * ');
  if (q.unit.denominator.length > 0) s += ' per ' + q.unit.denominator.map(printFactor).join(' * ');
  return s + '>';
}

function printIndex(i: Index): string {
  switch (i.kind) {
    case 'IndexStar': return '*';
    case 'IndexExpr': return printExpr(i.expr);
    case 'IndexRange': return `${printExpr(i.from)}..${printExpr(i.to)}`;
  }
}

function printSegment(s: PathSegment): string {
  return s.indices === null ? s.name.name : `${s.name.name}[${s.indices.map(printIndex).join(', ')}]`;
}

export function printPath(p: Path): string {
  return p.segments.map(printSegment).join('.');
}

export function printTypeRef(t: TypeRef): string {
  return t.args === null ? t.name.name : `${t.name.name}(${printArgs(t.args)})`;
}

export function printParams(params: readonly Param[]): string {
  if (params.length === 0) return '';
  return '(' + params.map((p) => (p.default ? `${p.name.name} = ${printExpr(p.default)}` : p.name.name)).join(', ') + ')';
}

export function printDims(dims: readonly Expr[]): string {
  return dims.length === 0 ? '' : `[${dims.map(printExpr).join(', ')}]`;
}
