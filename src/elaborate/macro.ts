// Macro elaboration: binds parameters, reads the macro's own properties (timescale,
// technology), instantiates every component (recursing into sub-macros) and resolves
// connect chains into explicit port-to-port connections with checked widths.
// Input: a macro Decl and argument values; output: MacroIR, InstanceIRs and ConnectionIRs
// appended to the context, with paths prefixed by the instance path of the macro.
import type * as A from '../syntax/ast.js';
import type { Span } from '../diagnostics/span.js';
import { D } from '../units/dimension.js';
import { childScope, fmtVal, moduleScope, type Scope } from '../semantics/evaluate.js';
import { findKind, kindNames } from '../semantics/kinds/index.js';
import { lookupDecl, visibleNames, type Decl } from '../semantics/modules.js';
import { didYouMean } from '../semantics/suggest.js';
import { describeVal, type Val } from '../semantics/values.js';
import type { ComponentIR, InstanceIR, MacroIR, Value } from './ir.js';
import type { ElabContext, MacroPorts } from './context.js';
import { findPort, inferWidth, portWidth } from './ports.js';

export interface MacroArgs { values: Map<string, { value: Val; span: Span }> }

const MACRO_PROPS = ['timescale', 'technology'];
/** Largest instance array (cells of a crossbar, neurons of an array): 2^24. */
export const MAX_ELEMENTS = 1 << 24;

function valToIR(v: Val): Value | null {
  if (v.k === 'q') return { q: v.value, unit: v.dim.symbol };
  if (v.k === 'bool') return { bool: v.value };
  if (v.k === 'str') return { str: v.value };
  if (v.k === 'word') return { enum: v.value };
  return null;
}

export function elaborateMacro(cx: ElabContext, decl: Decl, args: MacroArgs, prefix: string, stack: Decl[], at: Span): MacroPorts | null {
  const node = decl.node as A.MacroDecl;
  if (stack.includes(decl)) {
    cx.diags.report('SNN7006', at, { cycle: [...stack, decl].map((d) => d.name).join(' -> ') });
    return null;
  }
  // ---- parameters
  const locals = new Map<string, Val>();
  const scope: Scope = childScope(moduleScope(decl.module), locals);
  for (const [name, a] of args.values) {
    if (!node.params.some((p) => p.name.name === name)) {
      cx.diags.report('SNN4011', a.span, { name, macro: decl.name, hint: didYouMean(name, node.params.map((p) => p.name.name)) });
    }
  }
  const params: Record<string, Value> = {};
  for (const p of node.params) {
    const given = args.values.get(p.name.name);
    let v: Val;
    if (given) v = given.value;
    else if (p.default) v = cx.ev.eval(p.default, scope);
    else { cx.diags.report('SNN4012', at, { name: p.name.name, macro: decl.name }); v = { k: 'poison' }; }
    locals.set(p.name.name, v);
    const ir = valToIR(v);
    if (ir) params[p.name.name] = ir;
  }
  // ---- the macro's own properties
  let timescale = 1;
  let technology: ComponentIR | null = null;
  const seenProps = new Map<string, Span>();
  for (const item of node.body) {
    if (item.kind !== 'Property') continue;
    const name = item.name.name;
    if (!MACRO_PROPS.includes(name)) {
      cx.diags.report('SNN5001', item.name.span, { prop: name, kind: `macro ${decl.name}`, hint: didYouMean(name, MACRO_PROPS) });
      continue;
    }
    if (seenProps.has(name)) { cx.diags.report('SNN5004', item.name.span, { prop: name, first: cx.locator.position(seenProps.get(name)!) }); continue; }
    seenProps.set(name, item.name.span);
    if (name === 'timescale') {
      const v = cx.ev.quantity(item.value, scope, D.none);
      if (v.k === 'q') {
        if (!(v.value > 0)) cx.diags.report('SNN5003', item.value.span, { prop: 'timescale', value: fmtVal(v), kind: 'macro', range: 'must be > 0', doc: 'hardware runs timescale times faster than data time' });
        else timescale = v.value;
      }
    } else {
      const v = cx.ev.eval(item.value, scope);
      if (v.k === 'ref' && v.decl.kind === 'type' && (v.decl.node as A.TypeDecl).category === 'technology') {
        const r = cx.components.resolveType(v.decl);
        if (r) technology = cx.components.component(r, null, 1);
      } else if (v.k !== 'poison') {
        cx.diags.report('SNN5008', item.value.span, { prop: 'technology', kind: 'macro', expected: 'a technology', actual: describeVal(v) });
      }
    }
  }
  // A sub-macro inherits the technology and timescale of its parent unless it sets its own.
  const parent = cx.macros.find((m) => prefix !== '' && prefix.startsWith(m.path === '' ? '' : m.path + '.'));
  if (parent) {
    if (!seenProps.has('timescale')) timescale = parent.timescale;
    if (!seenProps.has('technology')) technology = parent.technology;
  }
  const macroIR: MacroIR = { path: prefix, name: decl.name, params, timescale, technology, input: null, output: null, loc: cx.loc(node.name.span) };
  cx.macros.push(macroIR);

  // ---- instances
  const local = new Map<string, { inst: InstanceIR | null; sub: MacroPorts | null; span: Span }>();
  const pathOf = (name: string) => (prefix ? `${prefix}.${name}` : name);
  for (const item of node.body) {
    if (item.kind !== 'Instance') continue;
    const name = item.name.name;
    if (local.has(name)) {
      cx.diags.report('SNN4002', item.name.span, { name, first: cx.locator.position(local.get(name)!.span) });
      continue;
    }
    const entry = instantiate(cx, item, scope, pathOf(name), timescale, [...stack, decl]);
    local.set(name, { ...entry, span: item.name.span });
  }

  // ---- connections
  let first: MacroPorts['input'] = null;
  let last: MacroPorts['output'] = null;
  for (const item of node.body) {
    if (item.kind !== 'Connect') continue;
    const ends = item.chain.map((p, i) => resolveEnd(cx, p, local, scope, i === 0 ? 'out' : i === item.chain.length - 1 ? 'in' : 'through'));
    for (let i = 0; i + 1 < ends.length; i++) {
      const a = ends[i], b = ends[i + 1];
      if (!a || !b) continue;
      const from = a.out, to = b.in;
      if (!from || !to) continue;
      // A width set by an unset property (io drivers/receivers) is taken from the other end.
      if (from.width === null && to.width !== null) { from.width = to.width; inferPortWidth(cx, from); }
      if (to.width === null && from.width !== null) { to.width = from.width; inferPortWidth(cx, to); }
      if (from.width === null || to.width === null) {
        cx.diags.report('SNN7001', item.chain[i]!.span, { path: from.instance, port: from.port, hint: 'neither end of this connection has a known width: set it on one of them' });
        continue;
      }
      if (from.width !== to.width) {
        cx.diags.report('SNN7002', { file: item.span.file, start: item.chain[i]!.span.start, end: item.chain[i + 1]!.span.end }, {
          from: `${from.instance}.${from.port}`, fromWidth: String(from.width), to: `${to.instance}.${to.port}`, toWidth: String(to.width),
        });
        continue;
      }
      cx.connections.push({ from: from as PortEnd, to: to as PortEnd, loc: cx.loc(item.span) });
      // The macro's boundary: an io instance drives inputs in (its out port) and takes outputs
      // out (its in port); otherwise the first chain's source and the last chain's sink.
      if (!first) first = (cx.instance(from.instance)?.kind === 'io' ? from : a.in ?? from) as PortEnd;
      last = (cx.instance(to.instance)?.kind === 'io' ? to : b.out ?? to) as PortEnd;
    }
  }
  macroIR.input = first;
  macroIR.output = last;
  return { input: first, output: last };
}

interface PortEnd { instance: string; port: string; width: number }
interface OpenEnd { instance: string; port: string; width: number | null }
interface End { in: OpenEnd | null; out: OpenEnd | null }

function inferPortWidth(cx: ElabContext, end: OpenEnd): void {
  const inst = cx.instance(end.instance);
  if (!inst) return;
  const ps = findPort(findKind(inst.kind)!, end.port);
  if (ps) inferWidth(ps, inst, end.width!);
}

function resolveEnd(cx: ElabContext, p: A.Path, local: Map<string, { inst: InstanceIR | null; sub: MacroPorts | null; span: Span }>, scope: Scope, role: 'in' | 'out' | 'through'): End | null {
  const seg0 = p.segments[0]!;
  const entry = local.get(seg0.name.name);
  if (!entry) {
    cx.diags.report('SNN7005', seg0.name.span, { name: seg0.name.name, scope: 'macro', hint: didYouMean(seg0.name.name, [...local.keys()]) });
    return null;
  }
  if (!entry.inst) {
    if (entry.sub) return { in: entry.sub.input, out: entry.sub.output };
    return null; // the instance had errors, already reported
  }
  const inst = entry.inst;
  const kind = findKind(inst.kind)!;
  let sliceCount: number | null = null;
  const indexed = [seg0, p.segments[1]].find((s) => s && s.indices);
  if (indexed && indexed.indices) {
    sliceCount = 0;
    for (const ix of indexed.indices) {
      const n = indexCount(cx, ix, scope, inst.shape[0] ?? 1, seg0.name.name);
      if (n === null) return null;
      sliceCount = n;
    }
  }
  const named = p.segments[1];
  if (p.segments.length > 2) {
    cx.diags.report('SNN7001', p.segments[2]!.span, { path: inst.path, port: p.segments.slice(1).map((s) => s.name.name).join('.'), hint: 'a connection names an instance and optionally one of its ports' });
    return null;
  }
  const mk = (portName: string | undefined) => {
    if (!portName) return null;
    const ps = findPort(kind, portName);
    if (!ps) return null;
    return { instance: inst.path, port: ps.name, width: sliceCount ?? portWidth(ps, inst) };
  };
  if (named) {
    const ps = findPort(kind, named.name.name);
    if (!ps) {
      cx.diags.report('SNN7001', named.name.span, { path: inst.path, port: named.name.name, hint: didYouMean(named.name.name, (kind.ports ?? []).map((x) => x.name)) });
      return null;
    }
    const ref = mk(ps.name);
    return ps.dir === 'in' ? { in: ref, out: null } : { in: null, out: ref };
  }
  const end = { in: mk(kind.defaultIn), out: mk(kind.defaultOut) };
  if ((role === 'out' || role === 'through') && !end.out) {
    cx.diags.report('SNN7001', seg0.name.span, { path: inst.path, port: '(output)', hint: `${kind.name} has no output port` });
    return null;
  }
  if ((role === 'in' || role === 'through') && !end.in) {
    cx.diags.report('SNN7001', seg0.name.span, { path: inst.path, port: '(input)', hint: `${kind.name} has no input port` });
    return null;
  }
  return end;
}

/** Number of elements an index selects (1 for a single index), or null after reporting. */
export function indexCount(cx: ElabContext, ix: A.Index, scope: Scope, size: number, name: string): number | null {
  if (ix.kind === 'IndexStar') return size;
  const num = (e: A.Expr): number | null => {
    const v = cx.ev.quantity(e, scope, D.none);
    if (v.k !== 'q') return null;
    if (!Number.isInteger(v.value) || v.value < 0 || v.value >= size) {
      cx.diags.report('SNN7004', e.span, { index: fmtVal(v), name, size: String(size) });
      return null;
    }
    return v.value;
  };
  if (ix.kind === 'IndexExpr') return num(ix.expr) === null ? null : 1;
  const a = num(ix.from), b = num(ix.to);
  if (a === null || b === null) return null;
  return Math.abs(b - a) + 1;
}

function instantiate(cx: ElabContext, item: A.InstanceDecl, scope: Scope, path: string, timescale: number, stack: Decl[]): { inst: InstanceIR | null; sub: MacroPorts | null } {
  const none = { inst: null, sub: null };
  const kname = item.kindName.name;
  // ---- dims
  const shape: number[] = [];
  let ok = true;
  for (const d of item.dims) {
    const v = cx.ev.quantity(d, scope, D.none);
    if (v.k !== 'q') { ok = false; continue; }
    if (!Number.isInteger(v.value) || v.value < 1) { cx.diags.report('SNN7003', d.span, { value: fmtVal(v) }); ok = false; continue; }
    shape.push(v.value);
  }
  // ---- sub-macro
  const declNamed = lookupDecl(scope.module, kname);
  if (!findKind(kname) && declNamed?.kind === 'macro') {
    if (item.dims.length) { cx.diags.report('SNN7003', item.dims[0]!.span, { value: 'an array of macros (not supported: declare each instance)' }); return none; }
    const values = new Map<string, { value: Val; span: Span }>();
    for (const p of item.body ?? []) values.set(p.name.name, { value: cx.ev.eval(p.value, scope), span: p.name.span });
    const sub = elaborateMacro(cx, declNamed, { values }, path, stack, item.kindName.span);
    return { inst: null, sub };
  }
  // ---- the kind and the type
  let kind = findKind(kname);
  let typeDecl: Decl | null = null;
  if (!kind && declNamed?.kind === 'type') { typeDecl = declNamed; }
  if (!kind && !typeDecl && kname !== 'neurons') {
    const cands = [...kindNames(), 'neurons', ...visibleNames(scope.module)];
    cx.diags.report('SNN4007', item.kindName.span, { name: kname, hint: didYouMean(kname, cands) });
    return none;
  }
  if (item.type) {
    if (item.type.args) cx.diags.report('SNN2002', item.type.span, { found: 'arguments', context: 'a component type takes no arguments; set properties in a { } block' });
    const t = lookupDecl(scope.module, item.type.name.name);
    if (!t || t.kind !== 'type') {
      if (t) cx.diags.report('SNN4006', item.type.name.span, { name: t.name, actual: t.what.replace(/^an? /, ''), expected: 'component type' });
      else cx.diags.report('SNN4007', item.type.name.span, { name: item.type.name.name, hint: didYouMean(item.type.name.name, visibleNames(scope.module)) });
      return none;
    }
    if (typeDecl) { cx.diags.report('SNN2002', item.type.span, { found: `': ${t.name}'`, context: `${kname} is already a type` }); return none; }
    typeDecl = t;
  }
  if (kname === 'neurons' && !typeDecl) {
    cx.diags.report('SNN4007', item.kindName.span, { name: 'neurons without a type', hint: 'write neurons n[N] : TYPE; with a neuron type such as SRM50' });
    return none;
  }
  if (!ok) return none;
  const elements = shape.reduce((a, b) => a * b, 1);
  if (elements > MAX_ELEMENTS) {
    cx.diags.report('SNN7003', { file: item.name.span.file, start: item.dims[0]!.span.start, end: item.dims[item.dims.length - 1]!.span.end }, { value: `${elements} elements (at most ${MAX_ELEMENTS} per instance)` });
    return none;
  }
  let component: ComponentIR;
  if (typeDecl) {
    const r = cx.components.resolveType(typeDecl);
    if (!r) return none;
    if (kind && r.kind !== kind) {
      cx.diags.report('SNN5009', item.type!.name.span, { name: typeDecl.name, category: kname, hint: `${typeDecl.name} is a ${r.kind.name}` });
      return none;
    }
    if (kname === 'neurons' && r.kind.category !== 'neuron') {
      cx.diags.report('SNN5009', item.type?.name.span ?? item.kindName.span, { name: typeDecl.name, category: 'neuron', hint: `${typeDecl.name} is a ${r.kind.category}` });
      return none;
    }
    kind = r.kind;
    const values = cx.components.checkLevel(kind, item.body ?? [], scope, item.name.name);
    component = cx.components.component(r, item.body && item.body.length ? { values, name: item.name.name } : null, timescale, item.name.span);
  } else {
    const values = cx.components.checkLevel(kind!, item.body ?? [], scope, item.name.name);
    component = cx.components.inline(kind!, values, item.name.name, timescale, item.name.span);
  }
  if (kind!.category === 'technology') {
    cx.diags.report('SNN5009', item.kindName.span, { name: kname, category: 'device, neuron or circuit', hint: 'a technology is set with technology = NAME; in the macro' });
    return none;
  }
  const wantDims = kind!.dims?.length ?? 1;
  if (shape.length > wantDims) {
    cx.diags.report('SNN7003', item.dims[wantDims]!.span, { value: `${shape.length} dimensions (${kind!.name} takes ${wantDims})` });
    return none;
  }
  const inst: InstanceIR = {
    path, kind: kind!.name, category: kind!.category as InstanceIR['category'],
    type: typeDecl ? typeDecl.name : null, shape, component, loc: cx.loc(item.span),
  };
  cx.instances.push(inst);
  cx.instanceSpans.set(path, item.name.span);
  return { inst, sub: null };
}
