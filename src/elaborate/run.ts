// Elaboration of stimulus, simulate and sweep declarations: their properties are checked
// against small fixed schemas here (they are not hardware kinds), encoder calls are
// checked argument by argument, and probe paths are resolved against the design's instances.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as A from '../syntax/ast.js';
import { SourceText, type Span } from '../diagnostics/span.js';
import { parseStimulus } from '../data/read-stimulus.js';
import { D, type Dimension } from '../units/dimension.js';
import { fmtVal, moduleScope } from '../semantics/evaluate.js';
import { lookupDecl, type Decl } from '../semantics/modules.js';
import { findKind } from '../semantics/kinds/index.js';
import { METRICS } from '../semantics/metrics.js';
import { parseUnit } from '../units/units.js';
import { didYouMean } from '../semantics/suggest.js';
import { describeVal, type Val } from '../semantics/values.js';
import { signalsOf } from '../semantics/signals.js';
import type { ProbeIR, SimulationIR, StimulusIR, SweepIR, Value } from './ir.js';
import type { ElabContext } from './context.js';

type Spec = { dim?: Dimension; str?: true; list?: true; call?: true; ref?: Decl['kind'][]; integer?: true; min?: number };

const STIMULUS_PROPS: Record<string, Spec> = {
  file: { str: true }, dataset: { str: true }, encode: { call: true }, spikes: { list: true },
  channels: { dim: D.none, integer: true, min: 1 }, sample: { dim: D.none, integer: true, min: 0 },
  samples: { dim: D.none, integer: true, min: 1 }, amplitude: { dim: D.voltage }, width: { dim: D.time, min: 0 },
  duration: { dim: D.time, min: 0 },
};
const ENCODER_ARGS: Record<string, Record<string, Dimension>> = {
  latency: { t_max: D.time, threshold: D.none, t_step: D.time },
  poisson: { rate: D.frequency, channels: D.none, duration: D.time },
  pulses: { amplitude: D.voltage, frequency: D.frequency, width: D.time, channels: D.none, count: D.none, start: D.time, rise: D.time, fall: D.time, duty: D.none },
};
const SIM_PROPS: Record<string, Spec> = {
  design: { ref: ['macro', 'network'] }, stimulus: { ref: ['stimulus'] }, duration: { dim: D.time, min: 0 },
  seed: { dim: D.none, integer: true, min: 0 }, vcd: { str: true }, resolution: { dim: D.time, min: 0 }, json: { str: true },
};
const SWEEP_PROPS: Record<string, Spec> = { run: { ref: ['simulate'] }, metrics: { list: true }, workers: { dim: D.none, integer: true, min: 1 } };

function checkProps(cx: ElabContext, props: A.Property[], specs: Record<string, Spec>, owner: string, scope: ReturnType<typeof moduleScope>): Map<string, { v: Val; span: Span; expr: A.Expr }> {
  const out = new Map<string, { v: Val; span: Span; expr: A.Expr }>();
  for (const p of props) {
    const spec = specs[p.name.name];
    if (!spec) { cx.diags.report('SNN5001', p.name.span, { prop: p.name.name, kind: owner, hint: didYouMean(p.name.name, Object.keys(specs)) }); continue; }
    if (out.has(p.name.name)) { cx.diags.report('SNN5004', p.name.span, { prop: p.name.name, first: cx.locator.position(out.get(p.name.name)!.span) }); continue; }
    // metrics are words: keep the bare names
    if (p.name.name === 'metrics' && p.value.kind === 'List') {
      const words = p.value.items.map((it) => (it.kind === 'Name' ? it.parts.map((x) => x.name).join('.') : null));
      if (words.some((w) => w === null)) { cx.diags.report('SNN5008', p.value.span, { prop: 'metrics', kind: owner, expected: 'a list of metric names', actual: 'other values' }); continue; }
      out.set('metrics', { v: { k: 'list', items: words.map((w) => ({ k: 'word', value: w! })) }, span: p.name.span, expr: p.value });
      continue;
    }
    const v = cx.ev.eval(p.value, scope);
    if (v.k === 'poison') continue;
    let bad: string | null = null;
    if (spec.dim) {
      if (v.k !== 'q' || v.dim !== spec.dim) bad = spec.dim.describe;
      else if (spec.integer && !Number.isInteger(v.value)) bad = 'a whole number';
      else if (spec.min !== undefined && v.value < spec.min) {
        cx.diags.report('SNN5003', p.value.span, { prop: p.name.name, value: fmtVal(v), kind: owner, range: `must be >= ${spec.min}`, doc: '' });
        continue;
      }
    } else if (spec.str && v.k !== 'str') bad = 'a string';
    else if (spec.list && v.k !== 'list') bad = 'a list';
    else if (spec.call && v.k !== 'call') bad = `an encoder call: ${Object.keys(ENCODER_ARGS).join('(...), ')}(...)`;
    else if (spec.ref && (v.k !== 'ref' || !spec.ref.includes(v.decl.kind))) bad = `the name of a ${spec.ref.join(' or ')}`;
    if (bad) {
      const actual = v.k === 'q' ? `${fmtVal(v)} (${v.dim.name})` : describeVal(v);
      if (spec.dim && v.k === 'q') cx.diags.report('SNN3003', p.value.span, { prop: p.name.name, kind: owner, expected: bad, actual, hint: '' });
      else cx.diags.report('SNN5008', p.value.span, { prop: p.name.name, kind: owner, expected: bad, actual });
      continue;
    }
    out.set(p.name.name, { v, span: p.name.span, expr: p.value });
  }
  return out;
}

function toIR(v: Val): Value | null {
  if (v.k === 'q') return { q: v.value, unit: v.dim.symbol };
  if (v.k === 'str') return { str: v.value };
  if (v.k === 'bool') return { bool: v.value };
  if (v.k === 'word') return { enum: v.value };
  if (v.k === 'list' && v.items.every((x) => x.k === 'q')) {
    const d = (v.items[0] as { dim?: Dimension } | undefined)?.dim ?? D.none;
    return { list: v.items.map((x) => (x as { value: number }).value), unit: d.symbol };
  }
  return null;
}

function checkFile(cx: ElabContext, decl: Decl, rel: string, span: Span): string {
  const abs = path.resolve(path.dirname(decl.module.abs), rel);
  if (!fs.existsSync(abs)) cx.diags.report('SNN8002', span, { path: rel, reason: 'no such file' });
  return path.relative(path.dirname(cx.program.entry.abs), abs).split(path.sep).join('/');
}

export function elaborateStimulus(cx: ElabContext, decl: Decl): StimulusIR {
  const node = decl.node as A.StimulusDecl;
  const props = checkProps(cx, node.body, STIMULUS_PROPS, `stimulus ${decl.name}`, moduleScope(decl.module));
  const out: StimulusIR = { name: decl.name, props: {}, encoder: null, loc: cx.loc(node.name.span) };
  for (const [k, { v, expr }] of props) {
    if (k === 'encode' && v.k === 'call') {
      const allowed = ENCODER_ARGS[v.name];
      if (!allowed) { cx.diags.report('SNN5005', expr.span, { prop: 'encode', value: `${v.name}()`, choices: Object.keys(ENCODER_ARGS).join(', ') }); continue; }
      const args: Record<string, Value> = {};
      for (const a of v.args) {
        if (!a.name) { cx.diags.report('SNN2002', a.span, { found: 'a positional argument', context: `encoder arguments are named, e.g. ${v.name}(${Object.keys(allowed)[0]} = ...)` }); continue; }
        const dim = allowed[a.name];
        if (!dim) { cx.diags.report('SNN5001', a.span, { prop: a.name, kind: `encoder ${v.name}`, hint: didYouMean(a.name, Object.keys(allowed)) }); continue; }
        if (a.value.k === 'poison') continue;
        if (a.value.k !== 'q' || a.value.dim !== dim) {
          cx.diags.report('SNN3003', a.span, { prop: a.name, kind: `encoder ${v.name}`, expected: dim.describe, actual: a.value.k === 'q' ? `${fmtVal(a.value)} (${a.value.dim.name})` : describeVal(a.value), hint: '' });
          continue;
        }
        args[a.name] = { q: a.value.value, unit: dim.symbol };
      }
      out.encoder = { name: v.name, args };
    } else if ((k === 'file' || k === 'dataset') && v.k === 'str') {
      out.props[k] = { str: checkFile(cx, decl, v.value, expr.span) };
    } else if (k === 'spikes' && v.k === 'list') {
      // [[t, ch], ...]: times and channel numbers, flattened in pairs
      const flat: number[] = [];
      for (const it of v.items) {
        const ok = it.k === 'list' && it.items.length === 2 && it.items[0]!.k === 'q' && it.items[0]!.dim === D.time && it.items[1]!.k === 'q' && it.items[1]!.dim === D.none && Number.isInteger(it.items[1]!.value) && it.items[1]!.value >= 0;
        if (!ok) { cx.diags.report('SNN5008', expr.span, { prop: 'spikes', kind: `stimulus ${decl.name}`, expected: 'a list of [time, channel] pairs', actual: describeVal(it) }); flat.length = 0; break; }
        flat.push((it.items[0] as { value: number }).value, (it.items[1] as { value: number }).value);
      }
      if (flat.length) out.props.spikes = { list: flat, unit: '' };
    } else {
      const ir = toIR(v);
      if (ir) out.props[k] = ir;
    }
  }
  const sources = ['file', 'encode', 'spikes'].filter((k) => props.has(k));
  if (sources.length === 0) cx.diags.report('SNN5007', node.name.span, { what: `stimulus ${decl.name}`, detail: 'no spikes, file or encode given', hint: 'give one of spikes = [[t, ch], ...], file = "x.csv" or encode = ...' });
  if (sources.length > 1) cx.diags.report('SNN5006', node.name.span, { what: `stimulus ${decl.name}`, detail: `${sources.join(' and ')} are all given` });
  return out;
}

/**
 * Read a stimulus file now, so that `snn check` reports a malformed file (SNN8003) or a
 * channel the design does not have (SNN8001) with its line, before any simulation.
 */
export function checkStimulusChannels(cx: ElabContext, decl: Decl, st: StimulusIR, inputWidth: number | null): void {
  const file = st.props.file;
  if (file && 'str' in file) {
    const abs = path.resolve(path.dirname(cx.program.entry.abs), file.str);
    let text: string;
    try { text = fs.readFileSync(abs, 'utf8'); } catch { return; } // SNN8002 already reported
    const shown = path.relative(process.cwd(), abs) || abs;
    cx.program.sources.set(shown, new SourceText(shown, text));
    parseStimulus(text, shown, cx.diags, inputWidth !== null ? { inputCount: inputWidth } : {});
  }
  const spikes = st.props.spikes;
  if (spikes && 'list' in spikes && inputWidth !== null) {
    for (let i = 1; i < spikes.list.length; i += 2) {
      if (spikes.list[i]! >= inputWidth) {
        const node = decl.node as A.StimulusDecl;
        const prop = node.body.find((p) => p.name.name === 'spikes');
        cx.diags.report('SNN8001', prop?.value.span ?? node.name.span, { channel: String(spikes.list[i]), count: String(inputWidth) });
        break;
      }
    }
  }
}

export interface SimulateParts { sim: SimulationIR; design: Decl | null; stimulus: Decl | null }

export function readSimulate(cx: ElabContext, decl: Decl): { props: Map<string, { v: Val; span: Span; expr: A.Expr }>; design: Decl | null; stimulus: Decl | null } {
  const node = decl.node as A.SimulateDecl;
  const props = checkProps(cx, node.body.filter((x): x is A.Property => x.kind === 'Property'), SIM_PROPS, `simulate ${decl.name}`, moduleScope(decl.module));
  const design = props.get('design')?.v, stim = props.get('stimulus')?.v;
  if (!props.has('design')) cx.diags.report('SNN5002', node.name.span, { prop: 'design', kind: `simulate ${decl.name}`, doc: 'the macro or network to run' });
  return { props, design: design?.k === 'ref' ? design.decl : null, stimulus: stim?.k === 'ref' ? stim.decl : null };
}

export function finishSimulate(cx: ElabContext, decl: Decl, props: Map<string, { v: Val; span: Span; expr: A.Expr }>): SimulationIR {
  const node = decl.node as A.SimulateDecl;
  const num = (k: string, d: number) => { const v = props.get(k)?.v; return v && v.k === 'q' ? v.value : d; };
  const vcd = props.get('vcd')?.v;
  const sim: SimulationIR = {
    name: decl.name, duration: num('duration', 0), seed: num('seed', 1), vcd: vcd?.k === 'str' ? vcd.value : null,
    probes: [], props: {}, loc: cx.loc(node.name.span),
  };
  if (!props.has('duration')) cx.diags.report('SNN5002', node.name.span, { prop: 'duration', kind: `simulate ${decl.name}`, doc: 'how long to run, in data time' });
  for (const k of ['resolution', 'json']) { const v = props.get(k)?.v; if (v) { const ir = toIR(v); if (ir) sim.props[k] = ir; } }
  for (const item of node.body) if (item.kind === 'Probe') for (const p of item.paths) { const pr = resolveProbe(cx, p); if (pr) sim.probes.push(pr); }
  return sim;
}

/** `n[*].spike`, `n[0].v`, `xb.g[0, 0..9]`, `out.n[3].v`: instance path, signal, indices. */
export function resolveProbe(cx: ElabContext, p: A.Path): ProbeIR | null {
  const segs = p.segments;
  // the longest prefix of segment names that names an instance
  let instIdx = -1;
  for (let i = 0; i < segs.length; i++) {
    const name = segs.slice(0, i + 1).map((s) => s.name.name).join('.');
    if (cx.instance(name)) instIdx = i;
  }
  if (instIdx < 0) {
    cx.diags.report('SNN8004', segs[0]!.name.span, { probe: printPath(p), hint: didYouMean(segs[0]!.name.name, cx.instances.map((i) => i.path)) });
    return null;
  }
  const inst = cx.instance(segs.slice(0, instIdx + 1).map((s) => s.name.name).join('.'))!;
  const sigSeg = segs[instIdx + 1];
  if (!sigSeg || segs.length > instIdx + 2) {
    cx.diags.report('SNN8004', (sigSeg ?? segs[instIdx]!).name.span, { probe: printPath(p), hint: `name one signal of ${inst.path}: ${signalsOf(inst.kind).join(', ')}` });
    return null;
  }
  const signals = signalsOf(inst.kind);
  if (!signals.includes(sigSeg.name.name)) {
    cx.diags.report('SNN8004', sigSeg.name.span, { probe: printPath(p), hint: `${inst.kind} signals are ${signals.join(', ')}${didYouMean(sigSeg.name.name, signals).startsWith('did') ? '; ' + didYouMean(sigSeg.name.name, signals) : ''}` });
    return null;
  }
  const idx = segs[instIdx]!.indices ?? sigSeg.indices;
  let indices: number[][] | null = null;
  if (idx) {
    indices = [];
    const scope = moduleScope(cx.program.entry);
    idx.forEach((ix, dimI) => {
      const size = inst.shape[dimI] ?? 1;
      if (ix.kind === 'IndexStar') { indices!.push(Array.from({ length: size }, (_, i) => i)); return; }
      const num = (e: A.Expr) => { const v = cx.ev.quantity(e, scope, D.none); if (v.k !== 'q') return null; if (!Number.isInteger(v.value) || v.value < 0 || v.value >= size) { cx.diags.report('SNN7004', e.span, { index: fmtVal(v), name: inst.path, size: String(size) }); return null; } return v.value; };
      if (ix.kind === 'IndexExpr') { const n = num(ix.expr); if (n !== null) indices!.push([n]); return; }
      const a = num(ix.from), b = num(ix.to);
      if (a === null || b === null) return;
      const lo = Math.min(a, b), hi = Math.max(a, b);
      indices!.push(Array.from({ length: hi - lo + 1 }, (_, i) => lo + i));
    });
  }
  return { path: printPath(p), instance: inst.path, signal: sigSeg.name.name, indices, loc: cx.loc(p.span) };
}

/** The values of `vary ... over [...]`: quantities of one dimension, booleans, or bare words (MOD, hard). */
function sweepValues(cx: ElabContext, e: A.Expr, scope: ReturnType<typeof moduleScope>): Value[] | null {
  if (e.kind !== 'List' || e.items.length === 0) {
    const v = cx.ev.eval(e, scope);
    if (v.k !== 'poison') cx.diags.report('SNN3010', e.span, { expected: 'a non-empty list [a, b, ...]', actual: describeVal(v) });
    return null;
  }
  const out: Value[] = [];
  let dim: Dimension | null = null;
  for (const it of e.items) {
    if (it.kind === 'Name' && it.parts.length === 1 && !lookupDecl(scope.module, it.parts[0]!.name) && !parseUnit(it.parts[0]!.name)) { out.push({ enum: it.parts[0]!.name }); continue; }
    if (it.kind === 'Number' && it.unit !== null && !parseUnit(it.unit)) { out.push({ enum: it.raw }); continue; }
    const v = cx.ev.eval(it, scope);
    if (v.k === 'poison') return null;
    if (v.k === 'q') {
      if (dim && v.dim !== dim) { cx.diags.report('SNN3011', it.span, { expected: dim.describe, actual: v.dim.describe }); return null; }
      dim = v.dim;
    }
    const ir = toIR(v);
    if (!ir) { cx.diags.report('SNN3010', it.span, { expected: 'a quantity, a boolean or a word', actual: describeVal(v) }); return null; }
    out.push(ir);
  }
  const kinds = new Set(out.map((x) => Object.keys(x)[0]));
  if (kinds.size > 1) { cx.diags.report('SNN3011', e.span, { expected: 'one kind of value', actual: [...kinds].join(' and ') }); return null; }
  return out;
}

/**
 * `PE.n.tau_s` (macro, instance, property), `Digits64x10.xb.bits`, or `stim.amplitude`
 * (a stimulus property or encoder argument). Checked against the elaborated design when there
 * is one (inside `elaborate`); names only otherwise.
 */
function checkSweepTarget(cx: ElabContext, sweepDecl: Decl, p: A.Path): void {
  const segs = p.segments.map((s) => s.name);
  const target = printPath(p);
  const d = lookupDecl(sweepDecl.module, segs[0]!.name);
  if (!d || (d.kind !== 'macro' && d.kind !== 'stimulus')) {
    cx.diags.report('SNN5011', segs[0]!.span, { target, what: 'a macro or stimulus', hint: `write MACRO.instance.property or STIMULUS.property` });
    return;
  }
  if (d.kind === 'stimulus') {
    const prop = segs[1];
    const known = [...Object.keys(STIMULUS_PROPS), ...Object.values(ENCODER_ARGS).flatMap((a) => Object.keys(a))];
    if (!prop || segs.length !== 2 || !known.includes(prop.name)) cx.diags.report('SNN5011', (prop ?? segs[0]!).span, { target, what: 'a stimulus property or encoder argument', hint: prop ? didYouMean(prop.name, known) : '' });
    return;
  }
  if (segs.length !== 3) { cx.diags.report('SNN5011', p.span, { target, what: 'MACRO.instance.property', hint: '' }); return; }
  const macros = cx.macros.filter((m) => m.name === d.name);
  if (macros.length === 0) return; // the macro is not part of this design: names only
  const inst = macros.map((m) => cx.instance(m.path ? `${m.path}.${segs[1]!.name}` : segs[1]!.name)).find((x) => x);
  if (!inst) {
    const names = cx.instances.filter((i) => macros.some((m) => m.path === '' ? !i.path.includes('.') : i.path.startsWith(m.path + '.'))).map((i) => i.path.split('.').pop()!);
    cx.diags.report('SNN7005', segs[1]!.span, { name: segs[1]!.name, scope: `macro ${d.name}`, hint: didYouMean(segs[1]!.name, names) });
    return;
  }
  const kind = findKind(inst.kind)!;
  if (!kind.props.some((s) => s.name === segs[2]!.name)) {
    cx.diags.report('SNN5001', segs[2]!.span, { prop: segs[2]!.name, kind: kind.name, hint: didYouMean(segs[2]!.name, kind.props.map((s) => s.name)) });
  }
}

export function printPath(p: A.Path): string {
  return p.segments.map((s) => s.name.name + (s.indices ? `[${s.indices.map((i) => (i.kind === 'IndexStar' ? '*' : i.kind === 'IndexExpr' ? exprText(i.expr) : `${exprText(i.from)}..${exprText(i.to)}`)).join(', ')}]` : '')).join('.');
}

function exprText(e: A.Expr): string { return e.kind === 'Number' ? e.raw : e.kind === 'Name' ? e.parts.map((x) => x.name).join('.') : '?'; }

export function elaborateSweep(cx: ElabContext, decl: Decl): { sweep: SweepIR; run: Decl | null } {
  const node = decl.node as A.SweepDecl;
  const scope = moduleScope(decl.module);
  const props = checkProps(cx, node.body.filter((x): x is A.Property => x.kind === 'Property'), SWEEP_PROPS, `sweep ${decl.name}`, scope);
  const run = props.get('run')?.v;
  if (!props.has('run')) cx.diags.report('SNN5002', node.name.span, { prop: 'run', kind: `sweep ${decl.name}`, doc: 'the simulate block to repeat' });
  const metrics = props.get('metrics')?.v;
  const sweep: SweepIR = {
    name: decl.name, run: run?.k === 'ref' ? run.decl.name : '', vary: [], keep: [],
    metrics: metrics?.k === 'list' ? metrics.items.map((m) => (m.k === 'word' ? m.value : '')) : [], loc: cx.loc(node.name.span),
  };
  const metricsProp = node.body.find((x): x is A.Property => x.kind === 'Property' && x.name.name === 'metrics');
  if (metricsProp && metricsProp.value.kind === 'List') {
    for (const it of metricsProp.value.items) {
      const name = it.kind === 'Name' ? it.parts.map((x) => x.name).join('.') : null;
      if (name !== null && !(name in METRICS)) cx.diags.report('SNN5010', it.span, { name, hint: didYouMean(name, Object.keys(METRICS)) });
    }
  }
  for (const item of node.body) {
    if (item.kind === 'Vary') {
      checkSweepTarget(cx, decl, item.target);
      const vals = sweepValues(cx, item.values, scope);
      if (vals) sweep.vary.push({ target: printPath(item.target), values: vals, loc: cx.loc(item.span) });
    } else if (item.kind === 'Keep') {
      checkSweepTarget(cx, decl, item.target);
      sweep.keep.push({ target: printPath(item.target), expr: cx.program.sources.get(item.value.span.file)?.text.slice(item.value.span.start, item.value.span.end) ?? '', loc: cx.loc(item.span) });
    }
  }
  return { sweep, run: run?.k === 'ref' ? run.decl : null };
}
