// The elaborator's entry points. Input: a loaded Program; output: the DesignIR of one top
// declaration (elaborate) or only diagnostics for every declaration of the entry file
// (check). Invariant: the IR is built only from checked values; a stage after this one never
// reads the syntax tree.
import type * as A from '../syntax/ast.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { lookupDecl, type Decl, type Program } from '../semantics/modules.js';
import { didYouMean } from '../semantics/suggest.js';
import { runDesignChecks } from '../semantics/checks/index.js';
import { ElabContext } from './context.js';
import { IR_VERSION, type DesignIR, type NetworkIR, type SimulationIR, type StimulusIR, type SweepIR } from './ir.js';
import { elaborateMacro } from './macro.js';
import { elaborateNetwork } from './network.js';
import { checkStimulusChannels, elaborateStimulus, elaborateSweep, finishSimulate, readSimulate, resolveProbe } from './run.js';
import { SourceText } from '../diagnostics/span.js';
import { parseSource } from '../syntax/parse.js';
import type { ProbeIR } from './ir.js';

/**
 * Probes given on the command line are parsed as the body of a probe statement, then every
 * diagnostic is moved onto a source of their own named `--probe N` holding just the
 * argument, so that carets point into what the user typed.
 */
function commandLineProbes(cx: ElabContext, probes: readonly string[]): ProbeIR[] {
  const out: ProbeIR[] = [];
  probes.forEach((text, i) => {
    const name = `--probe ${i + 1}`, wrapped = `${name} (parsed)`;
    const prefix = 'simulate cli { probe ';
    const src = new SourceText(wrapped, `${prefix}${text}; }`);
    cx.program.sources.set(wrapped, src);
    cx.program.sources.set(name, new SourceText(name, text));
    const before = cx.diags.items.length;
    const prog = parseSource(src, cx.diags);
    const sim = prog.items[0];
    if (prog.items.length !== 1 || !sim || sim.kind !== 'Simulate' || sim.body.length !== 1 || sim.body[0]!.kind !== 'Probe') {
      if (cx.diags.items.length === before) cx.diags.report('SNN9004', { file: wrapped, start: prefix.length, end: prefix.length + text.length }, { detail: 'a --probe takes probe paths only, e.g. n[*].spike or n[0].v' });
    } else {
      for (const p of sim.body[0].paths) { const r = resolveProbe(cx, p); if (r) out.push(r); }
    }
    for (const d of cx.diags.items.slice(before)) {
      if (d.span?.file !== wrapped) continue;
      const clamp = (x: number) => Math.max(0, Math.min(text.length, x - prefix.length));
      d.span = { file: name, start: clamp(d.span.start), end: Math.max(clamp(d.span.start), clamp(d.span.end)) };
    }
  });
  return out;
}

const TOP_KINDS = ['simulate', 'network', 'macro'] as const;

/** The declaration `--top NAME` names, or the default: the last simulate, else network, else macro of the entry file. */
export function chooseTop(program: Program, diags: Diagnostics, name?: string): Decl | null {
  const entry = program.entry;
  if (name !== undefined) {
    const d = lookupDecl(entry, name);
    if (!d) {
      const cands = [...entry.decls.values()].filter((x) => (TOP_KINDS as readonly string[]).includes(x.kind)).map((x) => x.name);
      diags.report('SNN4013', null, { detail: `no macro, network or simulate named '${name}' in ${entry.display}`, hint: didYouMean(name, cands) });
      return null;
    }
    if (!(TOP_KINDS as readonly string[]).includes(d.kind)) {
      diags.report('SNN4013', null, { detail: `'${name}' is ${d.what}, not a macro, network or simulate`, hint: '' });
      return null;
    }
    return d;
  }
  const decls = [...entry.decls.values()];
  for (const k of TOP_KINDS) {
    const all = decls.filter((d) => d.kind === k);
    if (all.length) return all[all.length - 1]!;
  }
  diags.report('SNN4013', null, { detail: `${entry.display} declares no macro, network or simulate`, hint: 'declare one, or import this file from one that does' });
  return null;
}

export interface ElaborateOptions {
  /** Extra probe paths (from `snn sim --probe`), added to the simulation's probes. */
  probes?: readonly string[];
}

export function elaborate(program: Program, diags: Diagnostics, top: Decl, opts: ElaborateOptions = {}): DesignIR {
  const cx = new ElabContext(program, diags);
  let network: NetworkIR | null = null, stimulus: StimulusIR | null = null, simulation: SimulationIR | null = null;
  const sweeps: SweepIR[] = [];
  let inputWidth: number | null = null;
  const design = (d: Decl, at: A.Ident) => {
    if (d.kind === 'macro') inputWidth = elaborateMacro(cx, d, { values: new Map() }, '', [], at.span)?.input?.width ?? null;
    else if (d.kind === 'network') {
      const net = elaborateNetwork(cx, d);
      network = net;
      inputWidth = net.inputs.reduce((a, i) => a + i.width, 0);
    }
  };
  const topName = (top.node as { name: A.Ident }).name;
  if (top.kind === 'simulate') {
    const parts = readSimulate(cx, top);
    if (parts.design) design(parts.design, topName);
    if (parts.stimulus) {
      const st = elaborateStimulus(cx, parts.stimulus);
      stimulus = st;
      checkStimulusChannels(cx, parts.stimulus, st, inputWidth);
    }
    simulation = finishSimulate(cx, top, parts.props);
    for (const p of commandLineProbes(cx, opts.probes ?? [])) if (!simulation.probes.some((x) => x.path === p.path)) simulation.probes.push(p);
    for (const d of program.entry.decls.values()) {
      if (d.kind !== 'sweep') continue;
      const s = elaborateSweep(cx, d);
      if (s.run === top) sweeps.push(s.sweep);
    }
  } else {
    design(top, topName);
    if (opts.probes?.length) diags.report('SNN9004', null, { detail: `--probe needs a simulate block to run ('${top.name}' is ${top.what})` });
  }
  const ir: DesignIR = {
    ir_version: IR_VERSION,
    top: { kind: top.kind as DesignIR['top']['kind'], name: top.name },
    files: program.modules.map((m) => cx.irFile(m.display)),
    macros: cx.macros, instances: cx.instances, connections: cx.connections,
    network, stimulus, simulation, sweeps, warnings: [],
  };
  const before = diags.items.length;
  runDesignChecks(ir, (code, path, args) => diags.report(code, cx.instanceSpans.get(path) ?? null, args));
  for (const d of diags.items.slice(before)) {
    if (d.severity === 'warning') ir.warnings.push({ code: d.code, message: d.message, loc: d.span ? cx.loc(d.span) : null });
  }
  return ir;
}

/** Check every declaration of the entry file (and the types it uses), without a top. */
export function checkAll(program: Program, diags: Diagnostics): void {
  const cx = new ElabContext(program, diags);
  for (const d of program.entry.decls.values()) {
    switch (d.kind) {
      case 'const': cx.ev.constValue(d); break;
      case 'type': cx.components.resolveType(d); break;
      case 'stimulus': elaborateStimulus(cx, d); break;
      case 'sweep': elaborateSweep(cx, d); break;
      case 'macro': case 'network': case 'simulate': {
        // Macros whose parameters all have defaults elaborate on their own; the others are
        // checked through the declarations that instantiate them.
        const node = d.node as A.MacroDecl;
        if (d.kind === 'macro' && node.params.some((p) => p.default === null)) break;
        elaborate(program, diags, d);
        break;
      }
    }
  }
}
