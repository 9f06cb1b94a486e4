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

type OpItem = { k: 'pre'; tok: IToken } | { k: 'prim'; node: CstNode } | { k: 'bin'; tok: IToken };

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
  program(cst: CstNode | undefined, length: number): A.Program {
    const items: A.TopItem[] = [];
    for (const decl of this.nodes(cst?.children ?? {}, 'declaration')) {
      const item = this.declaration(decl);
      if (item) items.push(item);
    }
    return { kind: 'Program', file: this.file, items, span: this.span(0, length) };
  }

  private declaration(decl: CstNode): A.TopItem | null {
    const ch = decl.children;
    const [key] = Object.keys(ch);
    const n = key ? this.node(ch, key) : undefined;
    if (!n) return null;
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
    for (const p of this.nodes(n.children, 'item')) {
      const prop = this.property(p);
      if (prop) out.push(prop);
    }
    return out;
  }

  private property(n: CstNode): A.Property | null {
    const ch = n.children;
    const span = this.nodeSpan(n, 0);
    const value = this.topExpr(this.node(ch, 'value'));
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
    for (const item of this.nodes(ch, 'item')) {
      const [key] = Object.keys(item.children);
      const inner = key ? this.node(item.children, key) : undefined;
      if (!inner) continue;
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
    for (const item of this.nodes(ch, 'item')) {
      const [key] = Object.keys(item.children);
      const inner = key ? this.node(item.children, key) : undefined;
      if (!inner) continue;
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
    for (const item of this.nodes(ch, 'item')) {
      const [key] = Object.keys(item.children);
      const inner = key ? this.node(item.children, key) : undefined;
      if (!inner) continue;
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
    for (const item of this.nodes(ch, 'item')) {
      const [key] = Object.keys(item.children);
      const inner = key ? this.node(item.children, key) : undefined;
      if (!inner) continue;
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
  private path(n: CstNode): A.Path {
    const span = this.nodeSpan(n, 0);
    const segments = this.nodes(n.children, 'segment').map((s): A.PathSegment => {
      const sspan = this.nodeSpan(s, span.start);
      const indexNodes = this.nodes(s.children, 'index');
      const indices = indexNodes.length === 0 ? null : indexNodes.map((i) => this.index(i));
      return { name: this.ident(this.tok(s.children, 'name'), sspan.start), indices, span: sspan };
    });
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
    if (exprDepth(e) > MAX_EXPR_DEPTH) {
      this.diags.report('SNN2003', e.span, { detail: `more than ${MAX_EXPR_DEPTH} levels` });
      return { kind: 'Number', value: 0, unit: null, raw: '0', span: e.span };
    }
    return e;
  }

  /** A flat `operand { op operand }` with prefix signs, turned into a tree by precedence. */
  private expression(n: CstNode): A.Expr | null {
    const operands = this.nodes(n.children, 'operand');
    const ops = this.toks(n.children, 'BinOp');
    if (operands.length === 0) return null;
    const items: OpItem[] = [];
    let count = 0;
    for (let i = 0; i < operands.length; i++) {
      const o = operands[i]!;
      for (const p of this.toks(o.children, 'PrefixOp')) { items.push({ k: 'pre', tok: p }); count++; }
      items.push({ k: 'prim', node: o });
      if (i < ops.length && i + 1 < operands.length) { items.push({ k: 'bin', tok: ops[i]! }); count++; }
    }
    if (count > MAX_CHAIN) {
      const first = this.primary(operands[0]!);
      this.diags.report('SNN2003', this.nodeSpan(n, first?.span.start ?? 0), { detail: `more than ${MAX_CHAIN} operators in one expression` });
      return first;
    }
    if (items.length === 1) return this.primary(operands[0]!);
    const state = { pos: 0 };
    return this.pratt(items, state, 0);
  }

  /** Binding powers: + - 10, * / 20, unary 30, ^ 40 (right-associative). */
  private pratt(items: OpItem[], st: { pos: number }, minBp: number): A.Expr | null {
    const item = items[st.pos++];
    if (!item) return null;
    let left: A.Expr | null;
    if (item.k === 'bin') return null;
    if (item.k === 'pre') {
      const operand = this.pratt(items, st, 30);
      if (!operand) return null;
      left = { kind: 'Unary', op: item.tok.image as '-' | '+', operand, span: this.span(item.tok.startOffset, operand.span.end) };
    } else {
      left = this.primary(item.node);
    }
    if (!left) return null;
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

  /** The operand without its prefix signs. */
  private primary(n: CstNode): A.Expr | null {
    const ch = n.children;
    let t: IToken | undefined;
    if ((t = this.tok(ch, 'NumberLiteral'))) return this.numberLit(t);
    if ((t = this.tok(ch, 'Str'))) return this.stringLit(t);
    if ((t = this.tok(ch, 'KwTrue'))) return { kind: 'Bool', value: true, span: this.tokSpan(t) };
    if ((t = this.tok(ch, 'KwFalse'))) return { kind: 'Bool', value: false, span: this.tokSpan(t) };
    if ((t = this.tok(ch, 'ref'))) return this.ref(n, t);
    let sub: CstNode | undefined;
    if ((sub = this.node(ch, 'angleQuantity'))) return this.quantity(sub);
    if ((sub = this.node(ch, 'inner'))) {
      const inner = this.expression(sub);
      if (!inner) return null;
      const open = this.tok(ch, 'parenOpen');
      const close = this.tok(ch, 'parenClose');
      const start = isReal(open) ? open.startOffset : inner.span.start;
      const end = isReal(close) ? close.endOffset! + 1 : inner.span.end;
      return { kind: 'Paren', inner, span: this.span(start, end) };
    }
    const open = this.tok(ch, 'listOpen');
    if (open) {
      const items: A.Expr[] = [];
      for (const i of this.nodes(ch, 'item')) {
        const e = this.expression(i);
        if (e) items.push(e);
      }
      const close = this.tok(ch, 'listClose');
      const start = isReal(open) ? open.startOffset : (items[0]?.span.start ?? 0);
      const end = isReal(close) ? close.endOffset! + 1 : (items[items.length - 1]?.span.end ?? start);
      return { kind: 'List', items, span: this.span(start, end) };
    }
    return null;
  }

  private numberLit(t: IToken): A.NumberLit {
    const { num, unit } = splitNumber(t.image);
    const span = isReal(t) ? this.tokSpan(t) : this.span(0, 0);
    return { kind: 'Number', value: Number(num), unit, raw: t.image, span };
  }

  private stringLit(t: IToken): A.StringLit {
    return { kind: 'String', value: unescapeString(t.image), raw: t.image, span: this.tokSpan(t) };
  }

  /** A name `a.b.c` or a call `f(x, name = y)` (inlined in the operand node). */
  private ref(n: CstNode, head: IToken): A.Expr {
    const ch = n.children;
    const callee = this.ident(head, head.startOffset);
    const open = this.tok(ch, 'callOpen');
    if (open) {
      const close = this.tok(ch, 'callClose');
      const names = this.toks(ch, 'argName');
      const args: A.Arg[] = [];
      let j = 0;
      let prevEnd = isReal(open) ? open.startOffset : head.startOffset;
      for (const v of this.nodes(ch, 'argValue')) {
        const value = this.expression(v);
        if (!value) continue;
        // the name of this argument, if any, is the last name token between the previous value and this one
        let name: IToken | undefined;
        while (j < names.length && names[j]!.startOffset < value.span.start) {
          if (names[j]!.startOffset > prevEnd) name = names[j];
          j++;
        }
        const start = name ? name.startOffset : value.span.start;
        args.push({ name: name ? this.ident(name, start) : null, value, span: this.span(start, value.span.end) });
        prevEnd = value.span.end;
      }
      const end = isReal(close) ? close.endOffset! + 1 : prevEnd;
      return { kind: 'Call', callee, args, span: this.span(head.startOffset, end) };
    }
    const parts = [callee, ...this.toks(ch, 'part').map((p) => this.ident(p, head.startOffset))];
    const last = parts[parts.length - 1]!;
    return { kind: 'Name', parts, span: this.span(head.startOffset, Math.max(last.span.end, callee.span.end)) };
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
      (inDenominator ? denominator : numerator).push(f);
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

  private unitFactor(n: CstNode): A.UnitFactor {
    const ch = n.children;
    const span = this.nodeSpan(n, 0);
    const nameTok = this.tok(ch, 'name');
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
    return { name: isReal(nameTok) ? nameTok.image : '', exponent, span };
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
