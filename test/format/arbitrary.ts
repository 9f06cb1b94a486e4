// fast-check arbitraries of well-formed .snn programs, built over the AST types. The trees are
// ones the parser can produce: a Paren wherever precedence needs one, names that are not
// keywords where the grammar needs an identifier, numbers whose raw text lexes back to them.
import fc from 'fast-check';
import type * as A from '../../src/syntax/ast.js';
import { KEYWORDS } from '../../src/syntax/tokens.js';

const S = { file: 'gen.snn', start: 0, end: 0 };
const KW = new Set<string>(KEYWORDS);

const ident: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('a', 'x1', 'rows', 'cols', 'tau_s', 'VDD', 'neurons', 'io', 'software', 'crossbar', '_g', 'inputs'),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,7}$/).filter((s) => !KW.has(s)),
);
/** What may name a property, a path segment or an argument: identifiers and keywords but true/false. */
const propName = fc.oneof(ident, fc.constantFrom(...KEYWORDS.filter((k) => k !== 'true' && k !== 'false')));
const unitName = fc.oneof(fc.constantFrom('fF', 'um', 's', 'V', 'kOhm', 'kΩ', 'µs', 'Ω', 'J', 'm'), ident);
const id = (name: string): A.Ident => ({ name, span: S });

const numeric = fc.oneof(
  fc.nat(100000).map(String),
  fc.tuple(fc.nat(999), fc.nat(999)).map(([a, b]) => `${a}.${b}`),
  fc.tuple(fc.nat(99), fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.nat(30)).map(([a, e, s, x]) => `${a}${e}${s}${x}`),
  fc.constant('1e999'),
);
const unit = fc.constantFrom(null, 'pF', 'kOhm', '%', 'T1R', 'kΩ', 'us', 'uS', 'ms', 'e', 'nm', 'V', 'µs', 'Hz');

const numberLit: fc.Arbitrary<A.Expr> = fc.tuple(numeric, unit).map(([n, u]) => ({
  kind: 'Number', value: Number(n), unit: u, raw: n + (u ?? ''), span: S,
}));

const factor: fc.Arbitrary<A.UnitFactor> = fc.tuple(unitName, fc.constantFrom(1, 1, 2, 3, -1, -2, 0, 0.5)).map(
  ([name, exponent]) => ({ name, exponent, span: S }),
);
const quantity: fc.Arbitrary<A.Expr> = fc
  .tuple(numeric, fc.array(factor, { maxLength: 2 }), fc.array(factor, { maxLength: 2 }))
  .filter(([, n, d]) => n.length + d.length > 0)
  .map(([num, numerator, denominator]) => ({
    kind: 'Quantity', value: Number(num), numberRaw: num, unit: { numerator, denominator, span: S }, span: S,
  }));

const stringLit = fc.string({ maxLength: 8 }).filter((s) => !/[\n\r]/.test(s)).map((value): A.StringLit => ({
  kind: 'String', value, raw: '"' + value.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"', span: S,
}));

const nameRef: fc.Arbitrary<A.Expr> = fc
  .tuple(fc.oneof(ident, fc.constantFrom('kΩ', 'µs')), fc.array(propName, { maxLength: 2 }))
  .map(([first, rest]) => ({ kind: 'Name', parts: [first, ...rest].map(id), span: S }));

const leaf: fc.Arbitrary<A.Expr> = fc.oneof(
  { weight: 4, arbitrary: numberLit },
  { weight: 1, arbitrary: quantity },
  { weight: 1, arbitrary: stringLit },
  { weight: 1, arbitrary: fc.boolean().map((value): A.Expr => ({ kind: 'Bool', value, span: S })) },
  { weight: 3, arbitrary: nameRef },
);

const { expr } = fc.letrec<{ expr: A.Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: leaf },
    {
      weight: 3,
      arbitrary: fc.tuple(fc.constantFrom<A.BinaryOp>('+', '-', '*', '/', '^'), tie('expr'), tie('expr')).map(
        ([op, left, right]): A.Expr => ({ kind: 'Binary', op, left, right, span: S }),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom<'-' | '+'>('-', '+'), tie('expr')).map(
        ([op, operand]): A.Expr => ({ kind: 'Unary', op, operand, span: S }),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(ident, fc.array(fc.tuple(fc.option(propName), tie('expr')), { maxLength: 3 })).map(
        ([callee, args]): A.Expr => ({
          kind: 'Call', callee: id(callee),
          args: args.map(([n, value]) => ({ name: n === null ? null : id(n), value, span: S })), span: S,
        }),
      ),
    },
    { weight: 1, arbitrary: fc.array(tie('expr'), { maxLength: 3 }).map((items): A.Expr => ({ kind: 'List', items, span: S })) },
    { weight: 1, arbitrary: tie('expr').map((inner): A.Expr => ({ kind: 'Paren', inner, span: S })) },
  ),
}));

/** Binding strength of an expression's top operator (5: an atom). */
function prec(e: A.Expr): number {
  if (e.kind === 'Binary') return e.op === '+' || e.op === '-' ? 1 : e.op === '^' ? 4 : 2;
  return e.kind === 'Unary' ? 3 : 5;
}
const paren = (e: A.Expr): A.Expr => ({ kind: 'Paren', inner: e, span: S });

/** Insert the brackets the grammar's precedence needs, so that printing round-trips. */
export function normalise(e: A.Expr): A.Expr {
  switch (e.kind) {
    case 'Binary': {
      let left = normalise(e.left);
      let right = normalise(e.right);
      if (e.op === '^') {
        if (prec(left) < 5) left = paren(left);
        if (prec(right) < 3) right = paren(right);
      } else {
        const p = prec(e);
        if (prec(left) < p) left = paren(left);
        if (prec(right) <= p) right = paren(right);
      }
      return { ...e, left, right };
    }
    case 'Unary': {
      const operand = normalise(e.operand);
      return { ...e, operand: prec(operand) < 3 ? paren(operand) : operand };
    }
    case 'Call': return { ...e, args: e.args.map((a) => ({ ...a, value: normalise(a.value) })) };
    case 'List': return { ...e, items: e.items.map(normalise) };
    case 'Paren': return { ...e, inner: normalise(e.inner) };
    default: return e;
  }
}

export const expression: fc.Arbitrary<A.Expr> = expr.map(normalise);

const index: fc.Arbitrary<A.Index> = fc.oneof(
  fc.constant<A.Index>({ kind: 'IndexStar', span: S }),
  expression.map((e): A.Index => ({ kind: 'IndexExpr', expr: e, span: S })),
  fc.tuple(expression, expression).map(([from, to]): A.Index => ({ kind: 'IndexRange', from, to, span: S })),
);
const path: fc.Arbitrary<A.Path> = fc
  .array(fc.tuple(propName, fc.option(fc.array(index, { minLength: 1, maxLength: 2 }), { freq: 2 })), { minLength: 1, maxLength: 3 })
  .map((segs) => ({ kind: 'Path', segments: segs.map(([n, indices]) => ({ name: id(n), indices, span: S })), span: S }));

const property: fc.Arbitrary<A.Property> = fc.tuple(propName, expression).map(([n, value]) => ({
  kind: 'Property', name: id(n), value, span: S,
}));
const props = fc.array(property, { maxLength: 3 });
const args = fc.array(fc.tuple(fc.option(propName), expression), { maxLength: 2 }).map((as) =>
  as.map(([n, value]): A.Arg => ({ name: n === null ? null : id(n), value, span: S })));
const typeRef: fc.Arbitrary<A.TypeRef> = fc.tuple(ident, fc.option(args)).map(([n, a]) => ({ name: id(n), args: a, span: S }));
const dims = fc.array(expression, { minLength: 1, maxLength: 2 });
const params = fc.array(fc.tuple(ident, fc.option(expression)), { maxLength: 3 }).map((ps) =>
  ps.map(([n, d]): A.Param => ({ name: id(n), default: d, span: S })));

const instance: fc.Arbitrary<A.InstanceDecl> = fc.oneof(
  fc.tuple(ident, props).map(([k, body]): A.InstanceDecl => ({
    kind: 'Instance', kindName: id(k), name: id(k), anonymous: true, dims: [], type: null, body, span: S,
  })),
  fc.tuple(ident, ident, fc.option(dims), fc.option(typeRef), fc.option(props)).map(([k, n, d, t, body]): A.InstanceDecl => ({
    kind: 'Instance', kindName: id(k), name: id(n), anonymous: false, dims: d ?? [], type: t, body, span: S,
  })),
);
const connect: fc.Arbitrary<A.ConnectStmt> = fc.array(path, { minLength: 2, maxLength: 3 }).map((chain) => ({ kind: 'Connect', chain, span: S }));

const macroItem: fc.Arbitrary<A.MacroItem> = fc.oneof(property, instance, connect);
const networkItem: fc.Arbitrary<A.NetworkItem> = fc.oneof(
  property, connect,
  fc.tuple(ident, dims).map(([n, d]): A.NetworkItem => ({ kind: 'Input', name: id(n), dims: d, span: S })),
  fc.tuple(ident, typeRef, fc.option(stringLit), fc.option(props)).map(([n, type, weights, body]): A.NetworkItem => ({
    kind: 'Layer', name: id(n), type, weights, body, span: S,
  })),
);
const simulateItem: fc.Arbitrary<A.SimulateItem> = fc.oneof(
  property,
  fc.array(path, { minLength: 1, maxLength: 3 }).map((paths): A.SimulateItem => ({ kind: 'Probe', paths, span: S })),
);
const sweepItem: fc.Arbitrary<A.SweepItem> = fc.oneof(
  property,
  fc.tuple(path, expression).map(([target, values]): A.SweepItem => ({ kind: 'Vary', target, values, span: S })),
  fc.tuple(path, expression).map(([target, value]): A.SweepItem => ({ kind: 'Keep', target, value, span: S })),
);

const topItem: fc.Arbitrary<A.TopItem> = fc.oneof(
  stringLit.map((p): A.TopItem => ({ kind: 'Import', path: p, span: S })),
  fc.tuple(ident, expression).map(([n, value]): A.TopItem => ({ kind: 'Const', name: id(n), value, span: S })),
  fc.tuple(fc.constantFrom<A.TypeCategory>('device', 'neuron', 'circuit', 'technology'), ident, fc.option(ident), props).map(
    ([category, n, base, body]): A.TopItem => ({ kind: 'TypeDecl', category, name: id(n), base: base === null ? null : id(base), body, span: S }),
  ),
  fc.tuple(ident, params, fc.array(macroItem, { maxLength: 4 })).map(([n, ps, body]): A.TopItem => ({ kind: 'Macro', name: id(n), params: ps, body, span: S })),
  fc.tuple(ident, params, fc.array(networkItem, { maxLength: 4 })).map(([n, ps, body]): A.TopItem => ({ kind: 'Network', name: id(n), params: ps, body, span: S })),
  fc.tuple(ident, props).map(([n, body]): A.TopItem => ({ kind: 'Stimulus', name: id(n), body, span: S })),
  fc.tuple(ident, fc.array(simulateItem, { maxLength: 3 })).map(([n, body]): A.TopItem => ({ kind: 'Simulate', name: id(n), body, span: S })),
  fc.tuple(ident, fc.array(sweepItem, { maxLength: 3 })).map(([n, body]): A.TopItem => ({ kind: 'Sweep', name: id(n), body, span: S })),
);

export const program: fc.Arbitrary<A.Program> = fc.array(topItem, { maxLength: 5 }).map((items) => ({
  kind: 'Program', file: 'gen.snn', items, span: S,
}));
