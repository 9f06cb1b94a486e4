// Network elaboration: inputs, layers (each a macro instance or an ideal software layer),
// weights files checked against the layer's shape, and the connections between them.
import { ioReason } from '../diagnostics/io-reason.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as A from '../syntax/ast.js';
import type { Span } from '../diagnostics/span.js';
import { D } from '../units/dimension.js';
import { childScope, fmtVal, moduleScope } from '../semantics/evaluate.js';
import { lookupDecl, visibleNames, type Decl } from '../semantics/modules.js';
import { didYouMean } from '../semantics/suggest.js';
import type { Val } from '../semantics/values.js';
import type { LayerIR, NetworkIR } from './ir.js';
import type { ElabContext } from './context.js';
import { elaborateMacro } from './macro.js';

export function elaborateNetwork(cx: ElabContext, decl: Decl): NetworkIR {
  const node = decl.node as A.NetworkDecl;
  const locals = new Map<string, Val>();
  const scope = childScope(moduleScope(decl.module), locals);
  for (const p of node.params) {
    if (p.default) locals.set(p.name.name, cx.ev.eval(p.default, scope));
    else { cx.diags.report('SNN4012', p.name.span, { name: p.name.name, macro: `network ${decl.name}` }); locals.set(p.name.name, { k: 'poison' }); }
  }
  const net: NetworkIR = { name: decl.name, inputs: [], layers: [], connections: [], loc: cx.loc(node.name.span) };
  const widths = new Map<string, { in: number; out: number; span: Span }>();
  for (const item of node.body) {
    if (item.kind === 'Property') {
      cx.diags.report('SNN5001', item.name.span, { prop: item.name.name, kind: `network ${decl.name}`, hint: 'a network holds input, layer and connect statements' });
    } else if (item.kind === 'Input') {
      const w = item.dims.map((d) => cx.ev.quantity(d, scope, D.none)).reduce((acc, v) => {
        if (v.k !== 'q' || acc < 0) return -1;
        if (!Number.isInteger(v.value) || v.value < 1) { cx.diags.report('SNN7003', item.span, { value: fmtVal(v) }); return -1; }
        return acc * v.value;
      }, 1);
      if (widths.has(item.name.name)) { cx.diags.report('SNN4002', item.name.span, { name: item.name.name, first: cx.locator.position(widths.get(item.name.name)!.span) }); continue; }
      if (w > 0) {
        net.inputs.push({ name: item.name.name, width: w, loc: cx.loc(item.span) });
        widths.set(item.name.name, { in: w, out: w, span: item.name.span });
      }
    } else if (item.kind === 'Layer') {
      if (widths.has(item.name.name)) { cx.diags.report('SNN4002', item.name.span, { name: item.name.name, first: cx.locator.position(widths.get(item.name.name)!.span) }); continue; }
      const layer = elaborateLayer(cx, item, decl, scope);
      if (!layer) continue;
      net.layers.push(layer);
      widths.set(item.name.name, { in: layer.inputs, out: layer.outputs, span: item.name.span });
    }
  }
  for (const item of node.body) {
    if (item.kind !== 'Connect') continue;
    for (let i = 0; i + 1 < item.chain.length; i++) {
      const a = item.chain[i]!, b = item.chain[i + 1]!;
      const na = a.segments[0]!.name, nb = b.segments[0]!.name;
      const wa = widths.get(na.name), wb = widths.get(nb.name);
      for (const [n, w] of [[na, wa], [nb, wb]] as const) {
        if (!w) cx.diags.report('SNN7005', n.span, { name: n.name, scope: 'network', hint: didYouMean(n.name, [...widths.keys()]) });
      }
      if (!wa || !wb) continue;
      if (wa.out !== wb.in) {
        cx.diags.report('SNN7002', { file: item.span.file, start: a.span.start, end: b.span.end }, { from: na.name, fromWidth: String(wa.out), to: nb.name, toWidth: String(wb.in) });
        continue;
      }
      net.connections.push({ from: na.name, to: nb.name, width: wa.out, loc: cx.loc(item.span) });
    }
  }
  return net;
}

function elaborateLayer(cx: ElabContext, item: A.LayerDecl, net: Decl, scope: ReturnType<typeof childScope>): LayerIR | null {
  const tname = item.type.name.name;
  const args = new Map<string, { value: Val; span: Span }>();
  for (const a of item.type.args ?? []) {
    if (!a.name) { cx.diags.report('SNN2002', a.span, { found: 'a positional argument', context: 'layer arguments are named: PE(rows = 64, cols = 10)' }); continue; }
    args.set(a.name.name, { value: cx.ev.eval(a.value, scope), span: a.name.span });
  }
  for (const p of item.body ?? []) args.set(p.name.name, { value: cx.ev.eval(p.value, scope), span: p.name.span });
  let layer: LayerIR;
  if (tname === 'software') {
    const num = (k: string) => {
      const a = args.get(k);
      if (!a) { cx.diags.report('SNN4012', item.type.span, { name: k, macro: 'software' }); return 0; }
      return a.value.k === 'q' && Number.isInteger(a.value.value) && a.value.value > 0 ? a.value.value : (cx.diags.report('SNN7003', a.span, { value: a.value.k === 'q' ? fmtVal(a.value) : 'not a number' }), 0);
    };
    const inputs = num('inputs'), outputs = num('outputs');
    for (const k of args.keys()) if (k !== 'inputs' && k !== 'outputs') cx.diags.report('SNN4011', args.get(k)!.span, { name: k, macro: 'software', hint: "did you mean 'inputs' or 'outputs'?" });
    if (!inputs || !outputs) return null;
    layer = { name: item.name.name, macro: null, software: true, inputs, outputs, weights: null, loc: cx.loc(item.span) };
  } else {
    const d = lookupDecl(net.module, tname);
    if (!d || d.kind !== 'macro') {
      if (d) cx.diags.report('SNN4006', item.type.name.span, { name: tname, actual: d.what.replace(/^an? /, ''), expected: "macro or 'software'" });
      else cx.diags.report('SNN4007', item.type.name.span, { name: tname, hint: didYouMean(tname, [...visibleNames(net.module), 'software']) });
      return null;
    }
    const ports = elaborateMacro(cx, d, { values: args }, item.name.name, [], item.type.name.span);
    if (!ports || !ports.input || !ports.output) {
      if (ports) cx.diags.report('SNN7001', item.type.name.span, { path: tname, port: ports.input ? '(output)' : '(input)', hint: 'a macro used as a layer needs a connect chain: its first element is the layer input, its last the output' });
      return null;
    }
    layer = { name: item.name.name, macro: item.name.name, software: false, inputs: ports.input.width, outputs: ports.output.width, weights: null, loc: cx.loc(item.span) };
  }
  if (item.weights) layer.weights = readWeights(cx, item.weights, layer);
  return layer;
}

function readWeights(cx: ElabContext, w: A.StringLit, layer: LayerIR): LayerIR['weights'] {
  const src = cx.program.modules.find((m) => m.display === w.span.file);
  const abs = path.resolve(path.dirname(src?.abs ?? '.'), w.value);
  const expected = `${layer.inputs} x ${layer.outputs}`;
  let data: unknown;
  try {
    if (!w.value.endsWith('.json')) throw new Error('only JSON weight files ({"shape": [rows, cols], "weights": [[...], ...]}) are read so far');
    data = JSON.parse(fs.readFileSync(abs, 'utf8'));
  } catch (e) {
    cx.diags.report('SNN7007', w.span, { path: w.value, reason: ioReason(e) });
    return null;
  }
  const m = (data as { weights?: unknown }).weights;
  if (!Array.isArray(m) || !m.every((r) => Array.isArray(r) && r.every((x) => typeof x === 'number' && Number.isFinite(x)))) {
    cx.diags.report('SNN7007', w.span, { path: w.value, reason: "expected an object with a 'weights' array of rows of numbers" });
    return null;
  }
  const rows = m.length, cols = rows ? (m[0] as number[]).length : 0;
  if (!m.every((r) => (r as number[]).length === cols) || rows !== layer.inputs || cols !== layer.outputs) {
    cx.diags.report('SNN7008', w.span, { path: w.value, actual: `${rows} x ${cols}`, expected });
    return null;
  }
  const rel = path.relative(path.dirname(cx.program.entry.abs), abs).split(path.sep).join('/');
  return { file: rel, shape: [rows, cols] };
}
