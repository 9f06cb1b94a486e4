// CST -> AST: turns the chevrotain CST of parser.ts into the typed tree of ast.ts.
// Input: the 'program' CST node, the SourceText, Diagnostics. Output: a Program.
// Invariants: never throws; every node gets a span [start, end) of offsets into the file
// (a name repaired by the parser's recovery gets an empty name and an empty span). Statements
// the parser dropped are simply absent. Flat expressions get the grammar's precedence here:
// ^ tightest and right-associative, then unary signs, then * /, then + -. Expression trees are
// bounded (SNN2003): at most MAX_CHAIN operators in one flat expression and MAX_EXPR_DEPTH
// levels in all, so that later recursive passes cannot overflow the stack.
import type { CstNode, IToken } from 'chevrotain';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { SourceText, Span } from '../diagnostics/span.js';
import type * as A from './ast.js';

/** Most binary and prefix operators in one expression without brackets. */
export const MAX_CHAIN = 512;
/** Deepest expression tree accepted. */
export const MAX_EXPR_DEPTH = 1024;

type Child = CstNode | IToken;
type Children = Record<string, Child[] | undefined>;

const NUMBER_PARTS = /^([0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)(.*)$/s;

/** Split a NUMBER token's text into its numeric part and its attached unit (null if none). */
export function splitNumber(raw: string): { num: string; unit: string | null } {
  const m = NUMBER_PARTS.exec(raw);
  if (!m) return { num: raw, unit: null };
  return { num: m[1]!, unit: m[2] ? m[2] : null };
}

/** The value of a string token: `\"` and `\\` are escapes; any other backslash is kept. */
export function unescapeString(raw: string): string {
  let body = raw.startsWith('"') ? raw.slice(1) : raw;
  if (body.length > 0 && body.endsWith('"') && raw.length >= 2) {
    // a closing quote is one that is not escaped: count the backslashes before it
    let n = 0;
    for (let i = body.length - 2; i >= 0 && body[i] === '\\'; i--) n++;
    if (n % 2 === 0) body = body.slice(0, -1);
  }
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && i + 1 < body.length && (body[i + 1] === '"' || body[i + 1] === '\\')) {
      out += body[i + 1];
      i++;
    } else out += c;
  }
  return out;
}

function isReal(t: IToken | undefined): t is IToken {
  return t !== undefined && !t.isInsertedInRecovery && Number.isFinite(t.startOffset);
}

type OpItem = { k: 'pre'; tok: IToken } | { k: 'prim'; expr: A.Expr } | { k: 'bin'; tok: IToken };
interface Entry { key: string; start: number; child: Child }

/** The children of an expression node that carry meaning (commas, dots and `=` do not). */
const ENTRY_KEYS = new Set([
  'PrefixOp', 'BinOp', 'NumberLiteral', 'Str', 'KwTrue', 'KwFalse', 'angleQuantity', 'ref', 'part',
  'callOpen', 'argName', 'argValue', 'callClose', 'parenOpen', 'inner', 'parenClose', 'listOpen', 'item', 'listClose',
]);
const DECLARATION_KEYS = [
  'importDecl', 'constDecl', 'typeDecl', 'macroDecl', 'networkDecl', 'stimulusDecl', 'simulateDecl', 'sweepDecl',
] as const;

class Builder {
  constructor(private readonly file: string, private readonly diags: Diagnostics) {}

  // ------------------------------------------------------------ helpers
  private span(start: number, end: number): Span {
    return { file: this.file, start, end };
  }
  private tokSpan(t: IToken): Span {
    return this.span(t.startOffset, t.endOffset! + 1);
  }
  private nodeSpan(n: CstNode, fallback: number): Span {
    const l = n.location;
    if (l && Number.isFinite(l.startOffset) && Number.isFinite(l.endOffset)) return this.span(l.startOffset, l.endOffset! + 1);
    return this.span(fallback, fallback);
  }
  private tok(ch: Children, key: string, i = 0): IToken | undefined {
    return ch[key]?.[i] as IToken | undefined;
  }
  private toks(ch: Children, key: string): IToken[] {
    return (ch[key] ?? []) as IToken[];
  }
  private node(ch: Children, key: string, i = 0): CstNode | undefined {
    return ch[key]?.[i] as CstNode | undefined;
  }
  private nodes(ch: Children, key: string): CstNode[] {
    return (ch[key] ?? []) as CstNode[];
  }
  private ident(t: IToken | undefined, fallback: number): A.Ident {
    if (isReal(t)) return { name: t.image, span: this.tokSpan(t) };
    return { name: '', span: this.span(fallback, fallback) };
  }
  private start(n: CstNode): number {
    const s = n.location?.startOffset;
    return s !== undefined && Number.isFinite(s) ? s : 0;
  }

  // ------------------------------------------------------------ program and declarations
  /** The child nodes under `keys`, in source order (block items are inlined in their block). */
  private ordered(ch: Children, keys: readonly string[]): Array<{ key: string; node: CstNode }> {
    const out: Array<{ key: string; node: CstNode }> = [];
    for (const key of keys) for (const node of this.nodes(ch, key)) out.push({ key, node });
    if (out.length > 1) out.sort((a, b) => this.start(a.node) - this.start(b.node));
    return out;
  }

  program(cst: CstNode | undefined, length: number): A.Program {
    const items: A.TopItem[] = [];
    for (const { key, node } of this.ordered(cst?.children ?? {}, DECLARATION_KEYS)) {
      const item = this.declaration(key, node);
      if (item) items.push(item);
    }
    return { kind: 'Program', file: this.file, items, span: this.span(0, length) };
  }

  private declaration(key: string, n: CstNode): A.TopItem | null {
    switch (key) {
      case 'importDecl': return this.importDecl(n);
      case 'constDecl': return this.constDecl(n);
      case 'typeDecl': return this.typeDecl(n);
      case 'macroDecl': return this.macroDecl(n);
      case 'networkDecl': return this.networkDecl(n);
      case 'stimulusDecl': return this.stimulusDecl(n);
      case 'simulateDecl': return this.simulateDecl(n);
      case 'sweepDecl': return this.sweepDecl(n);
      default: return null;
    }
  }

  private importDecl(n: CstNode): A.ImportDecl | null {
    const t = this.tok(n.children, 'path');
    const span = this.nodeSpan(n, 0);
    const path = isReal(t) ? this.stringLit(t) : { kind: 'String' as const, value: '', raw: '', span: this.span(span.end, span.end) };
    return { kind: 'Import', path, span };
  }

  private constDecl(n: CstNode): A.ConstDecl | null {
    const ch = n.children;
    const span = this.nodeSpan(n, 0);
    const value = this.topExpr(this.node(ch, 'value'));
    if (!value) return null;
    return { kind: 'Const', name: this.ident(this.tok(ch, 'name'), span.start), value, span };
  }

  private typeDecl(n: CstNode): A.TypeDecl | null {
    const ch = n.children;
    const span = this.nodeSpan(n, 0);
    const category = this.tok(ch, 'category')?.image as A.TypeCategory | undefined;
    if (!category) return null;
    const baseTok = this.tok(ch, 'base');
    return {
      kind: 'TypeDecl', category, name: this.ident(this.tok(ch, 'name'), span.start),
      base: baseTok ? this.ident(baseTok, span.start) : null,
      body: this.propBlock(this.node(ch, 'body')), span,
    };
  }

  private propBlock(n: CstNode | undefined): A.Property[] {
    const out: A.Property[] = [];
    if (!n) return out;
    for (const p of this.nodes(n.children, 'property')) {
      const prop = this.property(p);
      if (prop) out.push(prop);
    }
    return out;
  }

  private property(n: CstNode): A.Property | null {
    const ch = n.children;
    const span = this.nodeSpan(n, 0);
    const value = this.topExpr(n); // the value's children are inlined in the property node
    if (!value) return null;
    return { kind: 'Property', name: this.ident(this.tok(ch, 'name'), span.start), value, span };
  }

  private params(n: CstNode | undefined): A.Param[] {
    if (!n) return [];
    return this.nodes(n.children, 'param').map((p) => {
      const span = this.nodeSpan(p, 0);
      const d = this.node(p.children, 'default');
      return { name: this.ident(this.tok(p.children, 'name'), span.start), default: d ? this.topExpr(d) : null, span };
    });
  }

  private macroDecl(n: CstNode): A.MacroDecl {
    const ch = n.children;
    const span = this.nodeSpan(n, 0);
    const body: A.MacroItem[] = [];
    for (const { key, node: inner } of this.ordered(ch, ['property', 'instanceDecl', 'connectStmt'])) {
      const built = key === 'property' ? this.property(inner)
        : key === 'instanceDecl' ? this.instanceDecl(inner)
          : key === 'connectStmt' ? this.connectStmt(inner) : null;
      if (built) body.push(built);
    }
    return { kind: 'Macro', name: this.ident(this.tok(ch, 'name'), span.start), params: this.params(this.node(ch, 'params')), body, span };
  }

  private instanceDecl(n: CstNode): A.InstanceDecl {
    const ch = n.children;
    const span = this.nodeSpan(n, 0);
    const kindName = this.ident(this.tok(ch, 'kind'), span.start);
    const nameTok = this.tok(ch, 'name');
    const anonymous = nameTok === undefined;
    const name = anonymous ? { name: kindName.name, span: { ...kindName.span } } : this.ident(nameTok, span.start);
    const dimsNode = this.node(ch, 'dims');
    const typeNode = this.node(ch, 'type');
    const bodyNode = this.node(ch, 'body');
    return {
      kind: 'Instance', kindName, name, anonymous,
      dims: dimsNode ? this.dims(dimsNode) : [],
      type: typeNode ? this.typeRef(typeNode) : null,
      body: bodyNode ? this.propBlock(bodyNode) : null,
      span,
    };
  }

  private dims(n: CstNode): A.Expr[] {
    const out: A.Expr[] = [];
    for (const d of this.nodes(n.children, 'dim')) {
      const e = this.topExpr(d);
      if (e) out.push(e);
    }
    return out;
  }

  private typeRef(n: CstNode): A.TypeRef {
    const span = this.nodeSpan(n, 0);
    const argsNode = this.node(n.children, 'args');
    return { name: this.ident(this.tok(n.children, 'name'), span.start), args: argsNode ? this.args(argsNode, true) : null, span };
  }

  private args(n: CstNode, top: boolean): A.Arg[] {
    const out: A.Arg[] = [];
    for (const a of this.nodes(n.children, 'arg')) {
      const span = this.nodeSpan(a, 0);
      const v = this.node(a.children, 'value');
      const value = top ? this.topExpr(v) : v ? this.expression(v) : null;
      if (!value) continue;
      const nameTok = this.tok(a.children, 'name');
      out.push({ name: nameTok ? this.ident(nameTok, span.start) : null, value, span });
    }
    return out;
  }

  private connectStmt(n: CstNode): A.ConnectStmt {
    return { kind: 'Connect', chain: this.nodes(n.children, 'path').map((p) => this.path(p)), span: this.nodeSpan(n, 0) };
  }

  private networkDecl(n: CstNode): A.NetworkDecl {
    const ch = n.children;
    const span = this.nodeSpan(n, 0);
    const body: A.NetworkItem[] = [];
    for (const { key, node: inner } of this.ordered(ch, ['property', 'inputDecl', 'layerDecl', 'connectStmt'])) {
      const built = key === 'property' ? this.property(inner)
        : key === 'inputDecl' ? this.inputDecl(inner)
          : key === 'layerDecl' ? this.layerDecl(inner)
            : key === 'connectStmt' ? this.connectStmt(inner) : null;
      if (built) body.push(built);
    }
    return { kind: 'Network', name: this.ident(this.tok(ch, 'name'), span.start), params: this.params(this.node(ch, 'params')), body, span };
  }

  private inputDecl(n: CstNode): A.InputDecl {
    const span = this.nodeSpan(n, 0);
    const dimsNode = this.node(n.children, 'dims');
    return { kind: 'Input', name: this.ident(this.tok(n.children, 'name'), span.start), dims: dimsNode ? this.dims(dimsNode) : [], span };
  }

  private layerDecl(n: CstNode): A.LayerDecl | null {
    const ch = n.children;
    const span = this.nodeSpan(n, 0);
    const typeNode = this.node(ch, 'type');
    if (!typeNode) return null;
    const w = this.tok(ch, 'weights');
    const bodyNode = this.node(ch, 'body');
    return {
      kind: 'Layer', name: this.ident(this.tok(ch, 'name'), span.start), type: this.typeRef(typeNode),
      weights: isReal(w) ? this.stringLit(w) : null, body: bodyNode ? this.propBlock(bodyNode) : null, span,
    };
  }

  private stimulusDecl(n: CstNode): A.StimulusDecl {
    const span = this.nodeSpan(n, 0);
    return { kind: 'Stimulus', name: this.ident(this.tok(n.children, 'name'), span.start), body: this.propBlock(this.node(n.children, 'body')), span };
  }

  private simulateDecl(n: CstNode): A.SimulateDecl {
    const ch = n.children;
    const span = this.nodeSpan(n, 0);
    const body: A.SimulateItem[] = [];
    for (const { key, node: inner } of this.ordered(ch, ['property', 'probeStmt'])) {
      if (key === 'property') {
        const p = this.property(inner);
        if (p) body.push(p);
      } else if (key === 'probeStmt') {
        body.push({ kind: 'Probe', paths: this.nodes(inner.children, 'path').map((p) => this.path(p)), span: this.nodeSpan(inner, 0) });
      }
    }
    return { kind: 'Simulate', name: this.ident(this.tok(ch, 'name'), span.start), body, span };
  }

  private sweepDecl(n: CstNode): A.SweepDecl {
    const ch = n.children;
    const span = this.nodeSpan(n, 0);
    const body: A.SweepItem[] = [];
    for (const { key, node: inner } of this.ordered(ch, ['property', 'varyStmt', 'keepStmt'])) {
      const ich = inner.children;
      const target = this.node(ich, 'target');
      if (key === 'property') {
        const p = this.property(inner);
        if (p) body.push(p);
      } else if (key === 'varyStmt' && target) {
        const values = this.topExpr(this.node(ich, 'values'));
        if (values) body.push({ kind: 'Vary', target: this.path(target), values, span: this.nodeSpan(inner, 0) });
      } else if (key === 'keepStmt' && target) {
        const value = this.topExpr(this.node(ich, 'value'));
        if (value) body.push({ kind: 'Keep', target: this.path(target), value, span: this.nodeSpan(inner, 0) });
      }
    }
    return { kind: 'Sweep', name: this.ident(this.tok(ch, 'name'), span.start), body, span };
  }

  // ------------------------------------------------------------ paths
  /** Segment names and their index lists are flat in the path node: an index list belongs to the name before it. */
  private path(n: CstNode): A.Path {
    const span = this.nodeSpan(n, 0);
    const names = this.toks(n.children, 'name');
    const indexNodes = this.nodes(n.children, 'index');
    const closers = this.toks(n.children, 'RBracket').filter(isReal);
    const segments: A.PathSegment[] = [];
    let j = 0, c = 0;
    for (let i = 0; i < names.length; i++) {
      const name = this.ident(names[i], span.start);
      const limit = i + 1 < names.length && isReal(names[i + 1]) ? names[i + 1]!.startOffset : Infinity;
      const indices: A.Index[] = [];
      while (j < indexNodes.length && this.start(indexNodes[j]!) < limit) indices.push(this.index(indexNodes[j++]!));
      let end = indices.length > 0 ? indices[indices.length - 1]!.span.end : name.span.end;
      while (c < closers.length && closers[c]!.startOffset < limit) end = Math.max(end, closers[c++]!.endOffset! + 1);
      segments.push({ name, indices: indices.length > 0 ? indices : null, span: this.span(name.span.start, end) });
    }
    return { kind: 'Path', segments, span };
  }

  private index(n: CstNode): A.Index {
    const span = this.nodeSpan(n, 0);
    const fromNode = this.node(n.children, 'from');
    const from = fromNode ? this.topExpr(fromNode) : null;
    if (!from) return { kind: 'IndexStar', span };
    const toNode = this.node(n.children, 'to');
    const to = toNode ? this.topExpr(toNode) : null;
    return to ? { kind: 'IndexRange', from, to, span } : { kind: 'IndexExpr', expr: from, span };
  }

  // ------------------------------------------------------------ expressions
  /** An expression at statement level: built, then checked against MAX_EXPR_DEPTH. */
  private topExpr(n: CstNode | undefined): A.Expr | null {
    if (!n) return null;
    const e = this.expression(n);
    if (!e) return null;
    const k = e.kind;
    if (k !== 'Number' && k !== 'String' && k !== 'Name' && k !== 'Bool' && k !== 'Quantity' && exprDepth(e) > MAX_EXPR_DEPTH) {
      this.diags.report('SNN2003', e.span, { detail: `more than ${MAX_EXPR_DEPTH} levels` });
      return { kind: 'Number', value: 0, unit: null, raw: '0', span: e.span };
    }
    return e;
  }

  /**
   * A flat expression node: its children (prefix signs, primaries and their parts, binary
   * operators) are read in offset order into a sequence of prefix / primary / binary items,
   * which `pratt` turns into a tree by precedence.
   */
  private expression(n: CstNode): A.Expr | null {
    const ch = n.children;
    if (ch['BinOp'] === undefined && ch['PrefixOp'] === undefined) {
      // fast path: one literal or one dotted name
      let t: IToken | undefined;
      if ((t = ch['NumberLiteral']?.[0] as IToken | undefined) && isReal(t)) return this.numberLit(t);
      if ((t = ch['Str']?.[0] as IToken | undefined) && isReal(t)) return this.stringLit(t);
      if ((t = ch['ref']?.[0] as IToken | undefined) && isReal(t) && ch['callOpen'] === undefined) {
        const parts = [this.ident(t, t.startOffset)];
        for (const p of this.toks(ch, 'part')) if (isReal(p)) parts.push(this.ident(p, t.startOffset));
        return { kind: 'Name', parts, span: this.span(t.startOffset, parts[parts.length - 1]!.span.end) };
      }
    }
    const entries: Entry[] = [];
    for (const key in ch) {
      if (!ENTRY_KEYS.has(key)) continue;
      for (const c of ch[key]!) {
        const start = 'image' in c ? c.startOffset : c.location?.startOffset;
        if (start === undefined || !Number.isFinite(start)) continue; // inserted by recovery
        entries.push({ key, start, child: c });
      }
    }
    entries.sort((a, b) => a.start - b.start);
    const items: OpItem[] = [];
    let ops = 0;
    for (let i = 0; i < entries.length;) {
      const e = entries[i++]!;
      switch (e.key) {
        case 'PrefixOp': items.push({ k: 'pre', tok: e.child as IToken }); ops++; break;
        case 'BinOp': items.push({ k: 'bin', tok: e.child as IToken }); ops++; break;
        case 'NumberLiteral': items.push({ k: 'prim', expr: this.numberLit(e.child as IToken) }); break;
        case 'Str': items.push({ k: 'prim', expr: this.stringLit(e.child as IToken) }); break;
        case 'KwTrue': case 'KwFalse':
          items.push({ k: 'prim', expr: { kind: 'Bool', value: e.key === 'KwTrue', span: this.tokSpan(e.child as IToken) } });
          break;
        case 'angleQuantity': items.push({ k: 'prim', expr: this.quantity(e.child as CstNode) }); break;
        case 'ref': i = this.ref(entries, i, e.child as IToken, items); break;
        case 'parenOpen': {
          const inner = entries[i]?.key === 'inner' ? this.expression(entries[i++]!.child as CstNode) : null;
          if (!inner) break;
          const close = entries[i]?.key === 'parenClose' ? (entries[i++]!.child as IToken) : undefined;
          const end = close ? close.endOffset! + 1 : inner.span.end;
          items.push({ k: 'prim', expr: { kind: 'Paren', inner, span: this.span(e.start, end) } });
          break;
        }
        case 'listOpen': {
          const list: A.Expr[] = [];
          while (entries[i]?.key === 'item') {
            const x = this.expression(entries[i++]!.child as CstNode);
            if (x) list.push(x);
          }
          const close = entries[i]?.key === 'listClose' ? (entries[i++]!.child as IToken) : undefined;
          const end = close ? close.endOffset! + 1 : (list[list.length - 1]?.span.end ?? e.start + 1);
          items.push({ k: 'prim', expr: { kind: 'List', items: list, span: this.span(e.start, end) } });
          break;
        }
        default: break; // a stray part of a construct the recovery cut short
      }
    }
    if (items.length === 0) return null;
    if (ops > MAX_CHAIN) {
      const first = items.find((x): x is Extract<OpItem, { k: 'prim' }> => x.k === 'prim')?.expr ?? null;
      this.diags.report('SNN2003', this.nodeSpan(n, first?.span.start ?? 0), { detail: `more than ${MAX_CHAIN} operators in one expression` });
      return first;
    }
    if (items.length === 1) return items[0]!.k === 'prim' ? items[0]!.expr : null;
    return this.pratt(items, { pos: 0 }, 0);
  }

  /** Binding powers: + - 10, * / 20, unary 30, ^ 40 (right-associative). */
  private pratt(items: OpItem[], st: { pos: number }, minBp: number): A.Expr | null {
    const item = items[st.pos++];
    if (!item || item.k === 'bin') return null;
    let left: A.Expr;
    if (item.k === 'pre') {
      const operand = this.pratt(items, st, 30);
      if (!operand) return null;
      left = { kind: 'Unary', op: item.tok.image as '-' | '+', operand, span: this.span(item.tok.startOffset, operand.span.end) };
    } else left = item.expr;
    for (;;) {
      const next = items[st.pos];
      if (!next || next.k !== 'bin') break;
      const op = next.tok.image as A.BinaryOp;
      const lbp = op === '^' ? 40 : op === '*' || op === '/' ? 20 : 10;
      if (lbp <= minBp) break;
      st.pos++;
      const right = this.pratt(items, st, op === '^' ? 39 : lbp + 1);
      if (!right) break;
      left = { kind: 'Binary', op, left, right, span: this.span(left.span.start, right.span.end) };
    }
    return left;
  }

  /** A name `a.b.c` or a call `f(x, name = y)` starting at entry `i`; returns the next entry index. */
  private ref(entries: Entry[], i: number, head: IToken, items: OpItem[]): number {
    const callee = this.ident(head, head.startOffset);
    if (entries[i]?.key === 'callOpen') {
      i++;
      const args: A.Arg[] = [];
      let name: IToken | undefined;
      let end = head.endOffset! + 1;
      for (; i < entries.length; i++) {
        const e = entries[i]!;
        if (e.key === 'argName') name = e.child as IToken;
        else if (e.key === 'argValue') {
          const value = this.expression(e.child as CstNode);
          if (value) {
            const start = name ? name.startOffset : value.span.start;
            args.push({ name: name ? this.ident(name, start) : null, value, span: this.span(start, value.span.end) });
            end = value.span.end;
          }
          name = undefined;
        } else break;
      }
      if (entries[i]?.key === 'callClose') end = (entries[i++]!.child as IToken).endOffset! + 1;
      items.push({ k: 'prim', expr: { kind: 'Call', callee, args, span: this.span(head.startOffset, end) } });
      return i;
    }
    const parts = [callee];
    while (entries[i]?.key === 'part') parts.push(this.ident(entries[i++]!.child as IToken, head.startOffset));
    const last = parts[parts.length - 1]!;
    items.push({ k: 'prim', expr: { kind: 'Name', parts, span: this.span(head.startOffset, last.span.end) } });
    return i;
  }

  private numberLit(t: IToken): A.NumberLit {
    const { num, unit } = splitNumber(t.image);
    const span = isReal(t) ? this.tokSpan(t) : this.span(0, 0);
    return { kind: 'Number', value: Number(num), unit, raw: t.image, span };
  }

  private stringLit(t: IToken): A.StringLit {
    return { kind: 'String', value: unescapeString(t.image), raw: t.image, span: this.tokSpan(t) };
  }

  private quantity(n: CstNode): A.QuantityLit {
    const ch = n.children;
    const span = this.nodeSpan(n, 0);
    const numTok = this.tok(ch, 'number');
    const { num, unit } = isReal(numTok) ? splitNumber(numTok.image) : { num: '', unit: null };
    const numerator: A.UnitFactor[] = [];
    const denominator: A.UnitFactor[] = [];
    if (unit !== null && isReal(numTok)) {
      // `<2fF per um^2>`: the attached unit is the first factor of the numerator
      numerator.push({ name: unit, exponent: 1, span: this.span(numTok.startOffset + num.length, numTok.endOffset! + 1) });
    }
    const terms = this.nodes(ch, 'unitTerm');
    const ops = this.toks(ch, 'UnitOp');
    // `<2 per s>` has no first term: then every term follows an operator
    const shift = terms.length > ops.length ? 1 : 0;
    let inDenominator = false;
    for (let i = 0; i < terms.length; i++) {
      const op = ops[i - shift]?.image;
      if (op === '/' || op === 'per') inDenominator = true;
      const f = this.unitFactor(terms[i]!);
      if (f) (inDenominator ? denominator : numerator).push(f);
    }
    const all = [...numerator, ...denominator];
    const afterNum = isReal(numTok) ? numTok.endOffset! + 1 : span.start;
    const uspan = all.length > 0 ? this.span(all[0]!.span.start, all[all.length - 1]!.span.end) : this.span(afterNum, afterNum);
    if (all.length === 0) {
      const gt = this.tok(ch, 'Gt');
      this.diags.report('SNN2001', isReal(gt) ? this.tokSpan(gt) : uspan, { expected: 'a unit', found: "'>'" });
    }
    return { kind: 'Quantity', value: Number(num), numberRaw: num, unit: { numerator, denominator, span: uspan }, span };
  }

  private unitFactor(n: CstNode): A.UnitFactor | null {
    const ch = n.children;
    const nameTok = this.tok(ch, 'name');
    if (!isReal(nameTok)) return null; // repaired by the parser's recovery; the error is reported
    const span = this.nodeSpan(n, nameTok.startOffset);
    const expTok = this.tok(ch, 'exponent');
    let exponent = 1;
    if (isReal(expTok)) {
      const { num, unit } = splitNumber(expTok.image);
      if (unit !== null) {
        this.diags.report('SNN2002', this.tokSpan(expTok), {
          found: `'${expTok.image}'`, context: 'the exponent of a unit is a plain number, e.g. um^2',
        });
      }
      exponent = this.tok(ch, 'Minus') ? -Number(num) : Number(num);
    }
    return { name: nameTok.image, exponent, span };
  }
}

/** Depth of an expression tree, computed without recursion. */
export function exprDepth(root: A.Expr): number {
  let max = 0;
  const stack: Array<[A.Expr, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [e, d] = stack.pop()!;
    if (d > max) max = d;
    switch (e.kind) {
      case 'Binary': stack.push([e.left, d + 1], [e.right, d + 1]); break;
      case 'Unary': stack.push([e.operand, d + 1]); break;
      case 'Paren': stack.push([e.inner, d + 1]); break;
      case 'List': for (const i of e.items) stack.push([i, d + 1]); break;
      case 'Call': for (const a of e.args) stack.push([a.value, d + 1]); break;
      default: break;
    }
  }
  return max;
}

export function cstToAst(cst: CstNode | undefined, src: SourceText, diags: Diagnostics): A.Program {
  return new Builder(src.path, diags).program(cst, src.text.length);
}
