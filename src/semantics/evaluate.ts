// Expression evaluation with units. Input: an AST expression and a Scope; output: a Val.
// Every dimension mismatch is reported here, in one place, naming both sides; an error
// yields POISON, and POISON operands stay silent so that one mistake gives one message.
import type * as A from '../syntax/ast.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { D, type Dimension } from '../units/dimension.js';
import { applyScale, parseUnit, unitHint } from '../units/units.js';
import { formatQuantity } from '../units/quantity.js';
import { lookupDecl, visibleNames, type Decl, type Module } from './modules.js';
import { POISON, describeVal, type CallArg, type Val } from './values.js';
import { didYouMean } from './suggest.js';

/** A lexical scope: macro parameters and loop-free local bindings over a module's names. */
export interface Scope {
  module: Module;
  locals: Map<string, Val> | null;
  parent: Scope | null;
}

export const moduleScope = (module: Module): Scope => ({ module, locals: null, parent: null });
export const childScope = (parent: Scope, locals: Map<string, Val>): Scope => ({ module: parent.module, locals, parent });

const MATH = new Set(['min', 'max', 'exp', 'log', 'sqrt', 'abs']);
/** Non-mathematical calls whose arguments are evaluated and kept for a consumer to check. */
export const ENCODERS = new Set(['latency', 'poisson', 'pulses', 'software']);

/** Hook through which `Type.prop` names are read (set by the component resolver). */
export type MemberReader = (decl: Decl, prop: string, span: A.Ident) => Val;

export function fmtVal(v: Val): string {
  if (v.k === 'q') return v.dim.isDimensionless ? String(v.value) : `${formatQuantity(v.value, v.dim)}`;
  return describeVal(v);
}

export class Evaluator {
  private constCache = new Map<Decl, Val>();
  private constActive: Decl[] = [];
  memberReader: MemberReader | null = null;

  constructor(private diags: Diagnostics) {}

  eval(e: A.Expr, scope: Scope): Val {
    switch (e.kind) {
      case 'Number': return this.number(e);
      case 'Quantity': return this.angle(e);
      case 'String': return { k: 'str', value: e.value };
      case 'Bool': return { k: 'bool', value: e.value };
      case 'Paren': return this.eval(e.inner, scope);
      case 'List': return { k: 'list', items: e.items.map((x) => this.eval(x, scope)) };
      case 'Name': return this.name(e, scope);
      case 'Unary': {
        const v = this.eval(e.operand, scope);
        if (v.k === 'poison') return v;
        if (v.k !== 'q') { this.diags.report('SNN3010', e.operand.span, { expected: 'a quantity', actual: describeVal(v) }); return POISON; }
        return e.op === '-' ? { k: 'q', value: -v.value, dim: v.dim } : v;
      }
      case 'Binary': return this.binary(e, scope);
      case 'Call': return this.call(e, scope);
    }
  }

  /** Evaluate and require a quantity (optionally of a dimension); POISON after reporting. */
  quantity(e: A.Expr, scope: Scope, dim?: Dimension): Val {
    const v = this.eval(e, scope);
    if (v.k === 'poison') return v;
    if (v.k !== 'q') {
      this.diags.report('SNN3010', e.span, { expected: dim ? dim.describe : 'a quantity', actual: describeVal(v) });
      return POISON;
    }
    if (dim && v.dim !== dim) {
      this.diags.report('SNN3010', e.span, { expected: dim.describe, actual: `${fmtVal(v)} (${v.dim.name})` });
      return POISON;
    }
    return v;
  }

  private number(e: A.NumberLit): Val {
    if (!Number.isFinite(e.value)) { this.diags.report('SNN3009', e.span, { detail: `${e.raw} overflows` }); return POISON; }
    if (e.unit === null) return { k: 'q', value: e.value, dim: D.none };
    const u = parseUnit(e.unit);
    if (!u) {
      // Not a unit: a word such as 1T1R is fine where an enumeration is expected; the
      // property checker asks for it before evaluating. Here it is an error.
      this.diags.report('SNN3001', e.span, { unit: e.unit, hint: unitHint(e.unit) });
      return POISON;
    }
    return { k: 'q', value: applyScale(e.value, u.scale), dim: u.dim };
  }

  private angle(e: A.QuantityLit): Val {
    let scale = 1, dim = D.none, ok = true;
    const apply = (f: A.UnitFactor, sign: number) => {
      const u = parseUnit(f.name);
      if (!u) { this.diags.report('SNN3001', f.span, { unit: f.name, hint: unitHint(f.name) }); ok = false; return; }
      const p = f.exponent * sign;
      scale *= Math.pow(u.scale, p);
      dim = dim.mul(u.dim.pow(p));
    };
    e.unit.numerator.forEach((f) => apply(f, 1));
    e.unit.denominator.forEach((f) => apply(f, -1));
    if (!ok) return POISON;
    return { k: 'q', value: e.value * scale, dim };
  }

  private name(e: A.NameRef, scope: Scope): Val {
    const first = e.parts[0]!;
    let v: Val | undefined;
    for (let s: Scope | null = scope; s && v === undefined; s = s.parent) v = s.locals?.get(first.name);
    if (v === undefined) {
      const d = lookupDecl(scope.module, first.name);
      if (d) v = d.kind === 'const' ? this.constValue(d) : { k: 'ref', decl: d };
    }
    if (v === undefined && e.parts.length === 1) {
      const u = parseUnit(first.name);
      if (u) return { k: 'q', value: u.scale, dim: u.dim }; // a bare unit: `2fF/um^2`
    }
    if (v === undefined) {
      const locals: string[] = [];
      for (let s: Scope | null = scope; s; s = s.parent) if (s.locals) locals.push(...s.locals.keys());
      this.diags.report('SNN4001', first.span, { name: first.name, hint: didYouMean(first.name, [...locals, ...visibleNames(scope.module)]) });
      return POISON;
    }
    for (const part of e.parts.slice(1)) {
      if (v.k === 'poison') return v;
      if (v.k !== 'ref' || !this.memberReader) {
        this.diags.report('SNN4006', part.span, { name: part.name, actual: describeVal(v), expected: 'declaration with properties' });
        return POISON;
      }
      v = this.memberReader(v.decl, part.name, part);
    }
    return v;
  }

  constValue(d: Decl): Val {
    const cached = this.constCache.get(d);
    if (cached) return cached;
    if (this.constActive.includes(d)) {
      const i = this.constActive.indexOf(d);
      const cycle = [...this.constActive.slice(i), d].map((x) => x.name).join(' -> ');
      this.diags.report('SNN4010', (d.node as A.ConstDecl).name.span, { name: d.name, cycle });
      return POISON;
    }
    this.constActive.push(d);
    const v = this.eval((d.node as A.ConstDecl).value, moduleScope(d.module));
    this.constActive.pop();
    this.constCache.set(d, v);
    return v;
  }

  private binary(e: A.Binary, scope: Scope): Val {
    const l = this.eval(e.left, scope);
    const r = this.eval(e.right, scope);
    if (l.k === 'poison' || r.k === 'poison') return POISON;
    if (l.k !== 'q') { this.diags.report('SNN3010', e.left.span, { expected: 'a quantity', actual: describeVal(l) }); return POISON; }
    if (r.k !== 'q') { this.diags.report('SNN3010', e.right.span, { expected: 'a quantity', actual: describeVal(r) }); return POISON; }
    let value: number, dim: Dimension;
    switch (e.op) {
      case '+': case '-':
        if (l.dim !== r.dim) {
          this.diags.report('SNN3002', e.span, {
            op: e.op === '+' ? 'add' : 'subtract',
            left: `${fmtVal(l)} (${l.dim.name})`, right: `${fmtVal(r)} (${r.dim.name})`,
          });
          return POISON;
        }
        value = e.op === '+' ? l.value + r.value : l.value - r.value; dim = l.dim; break;
      case '*': value = l.value * r.value; dim = l.dim.mul(r.dim); break;
      case '/':
        if (r.value === 0) { this.diags.report('SNN3008', e.right.span); return POISON; }
        value = l.value / r.value; dim = l.dim.div(r.dim); break;
      case '^':
        if (!r.dim.isDimensionless) { this.diags.report('SNN3004', e.right.span, { actual: r.dim.describe }); return POISON; }
        value = Math.pow(l.value, r.value); dim = l.dim.pow(r.value); break;
    }
    if (!Number.isFinite(value)) { this.diags.report('SNN3009', e.span, { detail: `${e.op} gives ${value}` }); return POISON; }
    return { k: 'q', value, dim };
  }

  private call(e: A.Call, scope: Scope): Val {
    const fn = e.callee.name;
    if (ENCODERS.has(fn)) {
      const args: CallArg[] = e.args.map((a) => ({ name: a.name?.name ?? null, value: this.eval(a.value, scope), span: a.span }));
      return { k: 'call', name: fn, args, span: e.span };
    }
    if (!MATH.has(fn)) {
      this.diags.report('SNN3006', e.callee.span, { fn });
      return POISON;
    }
    for (const a of e.args) if (a.name) this.diags.report('SNN3005', a.name.span, { fn, expected: 'a positional argument', actual: `a named one (${a.name.name} =)` });
    const vals = e.args.map((a) => this.quantity(a.value, scope));
    if (vals.some((v) => v.k === 'poison')) return POISON;
    const qs = vals as Array<{ k: 'q'; value: number; dim: Dimension }>;
    const arity = (n: number) => {
      if (qs.length !== n) { this.diags.report('SNN3007', e.span, { fn, expected: String(n), actual: String(qs.length) }); return false; }
      return true;
    };
    let out: Val;
    switch (fn) {
      case 'min': case 'max': {
        if (qs.length < 1) { this.diags.report('SNN3007', e.span, { fn, expected: 'at least 1', actual: '0' }); return POISON; }
        const d0 = qs[0]!.dim;
        for (let i = 1; i < qs.length; i++) {
          if (qs[i]!.dim !== d0) {
            this.diags.report('SNN3005', e.args[i]!.value.span, { fn, expected: d0.describe, actual: qs[i]!.dim.describe });
            return POISON;
          }
        }
        const xs = qs.map((x) => x.value);
        out = { k: 'q', value: fn === 'min' ? Math.min(...xs) : Math.max(...xs), dim: d0 };
        break;
      }
      case 'exp': case 'log': {
        if (!arity(1)) return POISON;
        const x = qs[0]!;
        if (!x.dim.isDimensionless) { this.diags.report('SNN3005', e.args[0]!.value.span, { fn, expected: 'dimensionless', actual: x.dim.describe }); return POISON; }
        if (fn === 'log' && x.value <= 0) { this.diags.report('SNN3009', e.span, { detail: `log of ${x.value}` }); return POISON; }
        out = { k: 'q', value: fn === 'exp' ? Math.exp(x.value) : Math.log(x.value), dim: D.none };
        break;
      }
      case 'sqrt': {
        if (!arity(1)) return POISON;
        const x = qs[0]!;
        if (x.value < 0) { this.diags.report('SNN3009', e.span, { detail: `sqrt of ${x.value}` }); return POISON; }
        out = { k: 'q', value: Math.sqrt(x.value), dim: x.dim.pow(0.5) };
        break;
      }
      default: {
        if (!arity(1)) return POISON;
        out = { k: 'q', value: Math.abs(qs[0]!.value), dim: qs[0]!.dim };
      }
    }
    if (out.k === 'q' && !Number.isFinite(out.value)) { this.diags.report('SNN3009', e.span, { detail: `${fn}() overflows` }); return POISON; }
    return out;
  }
}
