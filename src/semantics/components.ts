// Resolving declared types (device/neuron/circuit/technology) and inline instance bodies
// against the kind registry. Input: Decls and property lists; output: ComponentIR with every
// property checked (name, dimension, range, choices), every default filled in and the RC
// relations solved for the macro's timescale. Invariant: each declaration's own properties
// are evaluated and checked once (cached); derivation chains are walked most-derived first.
import type * as A from '../syntax/ast.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Span } from '../diagnostics/span.js';
import { D, type Dimension } from '../units/dimension.js';
import { formatQuantity } from '../units/quantity.js';
import type { ComponentIR, Value } from '../elaborate/ir.js';
import type { Category, KindSchema, PropSchema } from './schema.js';
import { findKind, kindNames } from './kinds/index.js';
import { didYouMean } from './suggest.js';
import { lookupDecl, visibleNames, type Decl } from './modules.js';
import { fmtVal, moduleScope, type Evaluator, type Scope } from './evaluate.js';
import { describeVal, type Val } from './values.js';
import type { Locator } from './locator.js';

/** One checked property assignment. */
interface Assigned { value: Value; span: Span }
/** The checked assignments of one level of a derivation chain. */
type LevelValues = Map<string, Assigned>;

interface ResolvedType {
  decl: Decl;
  kind: KindSchema;
  lineage: string[];          // most derived first, ending with the kind name
  levels: LevelValues[];      // most derived first
}

export class Components {
  private types = new Map<Decl, ResolvedType | null>();
  private active: Decl[] = [];

  constructor(private diags: Diagnostics, private ev: Evaluator, private loc: Locator) {
    ev.memberReader = (decl, prop, ident) => this.member(decl, prop, ident);
  }

  /** Resolve a declared type; null after reporting if it cannot be resolved. */
  resolveType(decl: Decl): ResolvedType | null {
    if (this.types.has(decl)) return this.types.get(decl)!;
    const node = decl.node as A.TypeDecl;
    if (this.active.includes(decl)) {
      const i = this.active.indexOf(decl);
      this.diags.report('SNN4008', node.name.span, { cycle: [...this.active.slice(i), decl].map((d) => d.name).join(' : ') });
      return null;
    }
    this.active.push(decl);
    const r = this.resolveTypeUncached(decl, node);
    this.active.pop();
    this.types.set(decl, r);
    return r;
  }

  private resolveTypeUncached(decl: Decl, node: A.TypeDecl): ResolvedType | null {
    const category = node.category;
    let kind: KindSchema | undefined;
    let lineage: string[] = [decl.name];
    let baseLevels: LevelValues[] = [];
    if (node.base === null) {
      if (category !== 'technology') {
        this.diags.report('SNN4007', node.name.span, { name: `${decl.name} (no base)`, hint: `write '${category} ${decl.name} : KIND { ... }' with KIND one of ${kindNames(category).join(', ')}` });
        return null;
      }
      kind = findKind('technology');
    } else {
      const baseName = node.base.name;
      const k = findKind(baseName);
      const baseDecl = k ? undefined : lookupDecl(decl.module, baseName);
      if (k) {
        if (k.category !== category) {
          this.diags.report('SNN4009', node.base.span, { name: decl.name, base: baseName, baseCategory: `${k.category} kind`, category });
          return null;
        }
        kind = k; lineage.push(k.name);
      } else if (baseDecl && baseDecl.kind === 'type') {
        const bnode = baseDecl.node as A.TypeDecl;
        if (bnode.category !== category) {
          this.diags.report('SNN4009', node.base.span, { name: decl.name, base: baseName, baseCategory: bnode.category, category });
          return null;
        }
        const base = this.resolveType(baseDecl);
        if (!base) return null;
        kind = base.kind; lineage = [decl.name, ...base.lineage]; baseLevels = base.levels;
      } else if (baseDecl) {
        this.diags.report('SNN4006', node.base.span, { name: baseName, actual: baseDecl.what.replace(/^an? /, ''), expected: `${category} kind or type` });
        return null;
      } else {
        const cands = [...kindNames(category), ...visibleNames(decl.module).filter((n) => lookupDecl(decl.module, n)?.kind === 'type')];
        this.diags.report('SNN4007', node.base.span, { name: baseName, hint: didYouMean(baseName, cands) });
        return null;
      }
    }
    if (!kind) return null;
    const own = this.checkLevel(kind, node.body, moduleScope(decl.module), decl.name);
    return { decl, kind, lineage, levels: [own, ...baseLevels] };
  }

  /** Check one level's property assignments against a kind. */
  checkLevel(kind: KindSchema, props: readonly A.Property[], scope: Scope, _owner: string): LevelValues {
    const out: LevelValues = new Map();
    for (const p of props) {
      const schema = kind.props.find((s) => s.name === p.name.name);
      if (!schema) {
        this.diags.report('SNN5001', p.name.span, { prop: p.name.name, kind: kind.name, hint: didYouMean(p.name.name, kind.props.map((s) => s.name)) });
        continue;
      }
      const prev = out.get(schema.name);
      if (prev) {
        const pos = this.loc.position(prev.span);
        this.diags.report('SNN5004', p.name.span, { prop: schema.name, first: pos });
        continue;
      }
      const v = this.propValue(kind, schema, p.value, scope);
      if (v) out.set(schema.name, { value: v, span: p.value.span });
    }
    // A level that gives all three of tau, R and C over-determines the kernel.
    for (const rel of kind.rc ?? []) {
      const third = out.get(rel.c);
      if (out.has(rel.tau) && out.has(rel.r) && third) {
        this.diags.report('SNN5006', third.span, { what: `kernel ${rel.tau}`, detail: `${rel.tau}, ${rel.r} and ${rel.c} are all given (${rel.tau} = ${rel.r} * ${rel.c} * timescale)` });
      }
    }
    return out;
  }

  /** Evaluate and check one property value; null after reporting. */
  propValue(kind: KindSchema, s: PropSchema, e: A.Expr, scope: Scope): Value | null {
    const t = s.type;
    if (t.t === 'enum') {
      const word = e.kind === 'Name' && e.parts.length === 1 ? e.parts[0]!.name
        : e.kind === 'Number' && e.unit !== null ? e.raw
          : e.kind === 'String' ? e.value : null;
      if (word === null) { this.diags.report('SNN5008', e.span, { prop: s.name, kind: kind.name, expected: `one of ${t.choices.join(', ')}`, actual: 'an expression' }); return null; }
      if (!t.choices.includes(word)) {
        this.diags.report('SNN5005', e.span, { prop: s.name, value: word, choices: t.choices.join(', ') });
        return null;
      }
      return { enum: word };
    }
    if (t.t === 'ref') {
      const v = this.ev.eval(e, scope);
      if (v.k === 'poison') return null;
      if (v.k !== 'ref' || v.decl.kind !== 'type' || (v.decl.node as A.TypeDecl).category !== t.category) {
        this.diags.report('SNN5008', e.span, { prop: s.name, kind: kind.name, expected: `a ${t.category} type`, actual: describeVal(v) });
        return null;
      }
      const r = this.resolveType(v.decl);
      if (!r) return null;
      if (t.kinds && !t.kinds.includes(r.kind.name)) {
        this.diags.report('SNN5008', e.span, { prop: s.name, kind: kind.name, expected: `a ${t.kinds.join(' or ')} ${t.category}`, actual: `${v.decl.name} (a ${r.kind.name})` });
        return null;
      }
      return { component: this.component(r, null, 1) };
    }
    const v = this.ev.eval(e, scope);
    if (v.k === 'poison') return null;
    switch (t.t) {
      case 'bool':
        if (v.k !== 'bool') return this.typeError(kind, s, e, 'true or false', v);
        return { bool: v.value };
      case 'string':
        if (v.k !== 'str') return this.typeError(kind, s, e, 'a string', v);
        return { str: v.value };
      case 'quantity': {
        if (v.k !== 'q') return this.typeError(kind, s, e, t.dim.describe, v);
        if (v.dim !== t.dim) { this.dimError(kind, s, e, t.dim, v); return null; }
        if (t.integer && !Number.isInteger(v.value)) {
          this.diags.report('SNN5003', e.span, { prop: s.name, value: fmtVal(v), kind: kind.name, range: 'must be a whole number', doc: s.doc });
          return null;
        }
        if (!this.inRange(kind, s, v.value, t.dim, e.span)) return null;
        return { q: v.value, unit: t.dim.symbol };
      }
      case 'interval': case 'list': {
        if (v.k !== 'list') return this.typeError(kind, s, e, t.t === 'interval' ? `a list [lo, hi] of ${t.dim.describe}` : `a list of ${t.dim.describe}`, v);
        const xs: number[] = [];
        for (let i = 0; i < v.items.length; i++) {
          const it = v.items[i]!;
          const span = e.kind === 'List' ? e.items[i]!.span : e.span;
          if (it.k === 'poison') return null;
          if (it.k !== 'q') { this.diags.report('SNN3010', span, { expected: t.dim.describe, actual: describeVal(it) }); return null; }
          if (it.dim !== t.dim) { this.diags.report('SNN3003', span, { prop: s.name, kind: kind.name, expected: t.dim.describe, actual: `${fmtVal(it)} (${it.dim.name})`, hint: '' }); return null; }
          if (!this.inRange(kind, s, it.value, t.dim, span)) return null;
          xs.push(it.value);
        }
        if (t.t === 'interval') {
          if (xs.length !== 2) { this.diags.report('SNN5008', e.span, { prop: s.name, kind: kind.name, expected: 'two values [lo, hi]', actual: `${xs.length} values` }); return null; }
          if (xs[0]! > xs[1]!) { this.diags.report('SNN5003', e.span, { prop: s.name, value: `[${xs.map((x) => formatQuantity(x, t.dim)).join(', ')}]`, kind: kind.name, range: 'lo must not exceed hi', doc: s.doc }); return null; }
          return { interval: [xs[0]!, xs[1]!], unit: t.dim.symbol };
        }
        return { list: xs, unit: t.dim.symbol };
      }
    }
  }

  private typeError(kind: KindSchema, s: PropSchema, e: A.Expr, expected: string, v: Val): null {
    this.diags.report('SNN5008', e.span, { prop: s.name, kind: kind.name, expected, actual: describeVal(v) });
    return null;
  }

  private dimError(kind: KindSchema, s: PropSchema, e: A.Expr, want: Dimension, v: Val & { k: 'q' }): void {
    const hint = want === D.none && v.dim !== D.none ? 'write a plain number' : `write it in ${want.symbol || 'plain numbers'}, e.g. ${s.displayUnit ? `1${s.displayUnit}` : want.symbol}`;
    this.diags.report('SNN3003', e.span, { prop: s.name, kind: kind.name, expected: want.describe, actual: `${fmtVal(v)} (${v.dim.name})`, hint });
  }

  private inRange(kind: KindSchema, s: PropSchema, x: number, dim: Dimension, span: Span): boolean {
    const f = (y: number) => formatQuantity(y, dim);
    let bad: string | null = null;
    if (s.min !== undefined && (s.minExclusive ? !(x > s.min) : !(x >= s.min))) bad = s.max !== undefined ? `must be in ${s.minExclusive ? '(' : '['}${f(s.min)}, ${f(s.max)}]` : `must be ${s.minExclusive ? '>' : '>='} ${f(s.min)}`;
    else if (s.max !== undefined && !(x <= s.max)) bad = s.min !== undefined ? `must be in [${f(s.min)}, ${f(s.max)}]` : `must be <= ${f(s.max)}`;
    if (bad) this.diags.report('SNN5003', span, { prop: s.name, value: f(x), kind: kind.name, range: bad, doc: s.doc });
    return bad === null;
  }

  /** `SRM50.tau_s` in an expression: the property of a type, as a Val. */
  private member(decl: Decl, prop: string, ident: A.Ident): Val {
    if (decl.kind !== 'type') {
      this.diags.report('SNN4006', ident.span, { name: decl.name, actual: decl.what.replace(/^an? /, ''), expected: 'device, neuron, circuit or technology' });
      return { k: 'poison' };
    }
    const r = this.resolveType(decl);
    if (!r) return { k: 'poison' };
    const c = this.component(r, null, 1);
    const v = c.props[prop];
    const s = r.kind.props.find((p) => p.name === prop);
    if (!v || !s) {
      this.diags.report('SNN5001', ident.span, { prop, kind: r.kind.name, hint: didYouMean(prop, r.kind.props.map((p) => p.name)) });
      return { k: 'poison' };
    }
    return irToVal(v, s);
  }

  /**
   * Build the component of a resolved type with an optional extra (instance) level on top,
   * for a design running `timescale` times faster than data time.
   */
  component(r: ResolvedType, extra: { values: LevelValues; name: string } | null, timescale: number, span?: Span | null): ComponentIR {
    const levels = extra ? [extra.values, ...r.levels] : r.levels;
    const lineage = extra ? [extra.name, ...r.lineage] : r.lineage;
    return this.assemble(r.kind, lineage, levels, timescale, span ?? (r.decl.node as A.TypeDecl).name.span);
  }

  /** Build the component of an inline instance (`crossbar xb { ... }`) of a bare kind. */
  inline(kind: KindSchema, values: LevelValues, name: string, timescale: number, span: Span): ComponentIR {
    return this.assemble(kind, [name, kind.name], [values], timescale, span);
  }

  private assemble(kind: KindSchema, lineage: string[], levels: LevelValues[], timescale: number, span: Span): ComponentIR {
    const props: Record<string, Value> = {};
    const derived: Record<string, Value> = {};
    const depthOf = new Map<string, number>();
    for (const s of kind.props) {
      for (let d = 0; d < levels.length; d++) {
        const a = levels[d]!.get(s.name);
        if (a) { props[s.name] = a.value; depthOf.set(s.name, d); break; }
      }
    }
    // RC relations: keep the (at most two) most-derived explicit members, imply the third.
    const implied = new Set<string>();
    for (const rel of kind.rc ?? []) {
      const members = [rel.tau, rel.r, rel.c].filter((m) => depthOf.has(m)).sort((a, b) => depthOf.get(a)! - depthOf.get(b)!);
      const keep = new Set(members.slice(0, 2));
      // Fill from defaults until two are known, preferring tau then R.
      for (const m of [rel.tau, rel.r, rel.c]) {
        if (keep.size >= 2) break;
        if (!keep.has(m)) {
          const s = kind.props.find((p) => p.name === m)!;
          if (s.default !== undefined && s.default !== null) keep.add(m);
        }
      }
      const num = (m: string): number | null => {
        if (!keep.has(m)) return null;
        if (depthOf.has(m)) return (props[m] as { q: number }).q;
        const s = kind.props.find((p) => p.name === m)!;
        return typeof s.default === 'number' ? s.default : null;
      };
      let tau = num(rel.tau), r = num(rel.r), c = num(rel.c);
      if (tau !== null && r !== null && c === null) { c = tau / timescale / r; implied.add(rel.c); }
      else if (tau !== null && c !== null && r === null) { r = tau / timescale / c; implied.add(rel.r); }
      else if (r !== null && c !== null) { if (!keep.has(rel.tau) || tau === null) implied.add(rel.tau); tau = r * c * timescale; }
      if (tau !== null && r !== null && c !== null) {
        props[rel.tau] = { q: tau, unit: 's' };
        props[rel.r] = { q: r, unit: 'Ohm' };
        props[rel.c] = { q: c, unit: 'F' };
        for (const m of [rel.tau, rel.r, rel.c]) if (implied.has(m)) derived[m] = props[m]!;
      }
    }
    for (const s of kind.props) {
      if (s.name in props) continue;
      if (s.default === undefined) {
        this.diags.report('SNN5002', span, { prop: s.name, kind: kind.name, doc: s.doc });
        continue;
      }
      if (s.default === null) continue;
      props[s.name] = defaultValue(s);
    }
    for (const s of kind.props) {
      if (!s.scaled) continue;
      const v = props[s.name];
      if (v && 'q' in v) derived[`${s.name}_hw`] = { q: v.q / timescale, unit: 's' };
    }
    const ordered: Record<string, Value> = {};
    for (const s of kind.props) if (s.name in props) ordered[s.name] = props[s.name]!;
    return {
      name: lineage[0]!, kind: kind.name, category: kind.category as Category, lineage,
      props: ordered, derived, loc: this.loc.loc(span),
    };
  }
}

export function defaultValue(s: PropSchema): Value {
  const t = s.type, d = s.default;
  switch (t.t) {
    case 'quantity': return { q: d as number, unit: t.dim.symbol };
    case 'enum': return { enum: d as string };
    case 'bool': return { bool: d as boolean };
    case 'string': return { str: d as string };
    case 'interval': return { interval: [(d as number[])[0]!, (d as number[])[1]!], unit: t.dim.symbol };
    case 'list': return { list: [...(d as number[])], unit: t.dim.symbol };
    case 'ref': return { str: String(d) };
  }
}

export function irToVal(v: Value, s: PropSchema): Val {
  if ('q' in v) return { k: 'q', value: v.q, dim: s.type.t === 'quantity' ? s.type.dim : D.none };
  if ('enum' in v) return { k: 'word', value: v.enum };
  if ('bool' in v) return { k: 'bool', value: v.bool };
  if ('str' in v) return { k: 'str', value: v.str };
  const dim = s.type.t === 'interval' || s.type.t === 'list' ? s.type.dim : D.none;
  if ('interval' in v) return { k: 'list', items: v.interval.map((x) => ({ k: 'q' as const, value: x, dim })) };
  if ('list' in v) return { k: 'list', items: v.list.map((x) => ({ k: 'q' as const, value: x, dim })) };
  return { k: 'poison' };
}

export type { LevelValues, ResolvedType };
