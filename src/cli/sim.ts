// `snn sim FILE [--run NAME] [--stimulus F] [--duration T] [--seed N] [--vcd F] [--probe P...]
// [--json F|-]`: elaborate, build the stimulus, run the twin, write the VCD (and a GTKWave
// save file beside it) and the summary. A failed run leaves no VCD behind. The resolution is
// 1 fs unless --resolution gives one; a run longer than 2^53 ticks of 1 fs (9 s of hardware
// time) gets a coarser one (src/twin/resolution.ts) with a note on stderr, and a given
// --resolution that cannot count the run is a usage error.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Diagnostics } from '../diagnostics/diagnostic.js';
import { frontEnd } from '../driver/pipeline.js';
import { designInputWidth } from '../elaborate/inputs.js';
import { readStimulusFile } from '../data/read-stimulus.js';
import { stimulusFromIR } from '../data/stimulus-ir.js';
import { emptySpikes } from '../data/spikes.js';
import { createRng } from '../twin/rng.js';
import type { SimResult } from '../twin/simulate.js';
import { loadTwin } from '../twin/compiled.js';
import { openVcdFile, type VcdWriter } from '../trace/vcd.js';
import { groupByInstance, gtkwPaths, renderGtkw } from '../trace/gtkw.js';
import { D } from '../units/dimension.js';
import { formatQuantity } from '../units/quantity.js';
import { EXIT_USAGE, exitCodeFor, ioReason, printDiagnostics, usageError, writeFileAtomic, type Format } from './output.js';
import { parseQuantityArg } from './quantity-arg.js';
import { startProgress } from './progress.js';
import { resolutionNote, runResolution } from '../twin/resolution.js';
import { runLength } from '../twin/runtime.js';
import { timescaleOf } from '../twin/build-values.js';

export interface SimArgs {
  file: string; run?: string; stimulus?: string; duration?: string; seed?: number; vcd?: string;
  probe: string[]; json?: string; resolution?: string; format: Format; allowOutsideImports: boolean;
}

export async function runSim(a: SimArgs): Promise<number> {
  const duration = a.duration !== undefined ? parseQuantityArg(a.duration, D.time, 'duration') : undefined;
  const asked = a.resolution !== undefined ? parseQuantityArg(a.resolution, D.time, 'resolution') : undefined;
  for (const v of [duration, asked]) if (typeof v === 'string') usageError(v);
  if (duration !== undefined && !((duration as number) > 0)) usageError(`--duration must be > 0, not ${a.duration}`);
  // The twin counts time in whole ticks (exact to 2^53 ticks): finer than 1 as, or coarser
  // than 1 ns (which would merge the events of a 1 ns spike), is refused.
  if (asked !== undefined && !((asked as number) >= 1e-18 && (asked as number) <= 1e-9)) usageError(`--resolution must be between 1as and 1ns, not ${a.resolution}`);
  if (a.seed !== undefined && !(Number.isInteger(a.seed) && a.seed >= 0)) usageError(`--seed expects a whole number >= 0, not ${a.seed}`);

  const r = frontEnd(a.file, { ...(a.run !== undefined ? { top: a.run } : {}), probes: a.probe, allowOutsideImports: a.allowOutsideImports });
  const diags = r.diags;
  const ir = r.ir;
  if (!ir) { printDiagnostics(diags.items, r.sources, a.format); return exitCodeFor(diags.items) || 1; }
  const baseDir = path.dirname(path.resolve(a.file));
  const seed = a.seed ?? ir.simulation?.seed ?? 1;
  const inputCount = designInputWidth(ir);

  // ---- stimulus (data time)
  const simDiags = new Diagnostics();
  const runDuration = (duration as number | undefined) ?? ir.simulation?.duration;
  let stim = emptySpikes();
  if (a.stimulus) stim = readStimulusFile(a.stimulus, simDiags, inputCount !== null ? { inputCount } : {});
  else if (ir.stimulus) stim = stimulusFromIR(ir.stimulus, { baseDir, duration: runDuration ?? 0, inputCount, rng: createRng(seed), diags: simDiags });
  else if (runDuration === undefined) usageError('nothing to run: the design has no stimulus; give --stimulus FILE and --duration');
  if (simDiags.hasErrors) { printDiagnostics([...diags.items, ...simDiags.items], r.sources, a.format); return 1; }

  // ---- resolution: the run's hardware time must fit 2^53 ticks (as runTwin computes it)
  const hardware = runLength(stim, runDuration, null) / timescaleOf(ir, '');
  const choice = runResolution(ir, hardware, asked as number | undefined);
  if ('error' in choice) {
    if (asked !== undefined) usageError(`--resolution ${a.resolution}: ${choice.error}`);
    simDiags.report('SNN8005', null, { detail: choice.error });
    printDiagnostics([...diags.items, ...simDiags.items], r.sources, a.format);
    return 1;
  }
  const resolution = choice.resolution;
  if (choice.auto) process.stderr.write(`snn: note: ${resolutionNote(hardware, choice)}\n`);

  // ---- trace
  const vcdPath = a.vcd ?? (ir.simulation?.vcd ? path.resolve(baseDir, ir.simulation.vcd) : null);
  let sink: VcdWriter | null = null;
  if (vcdPath) {
    try { fs.mkdirSync(path.dirname(vcdPath), { recursive: true }); sink = openVcdFile(vcdPath, { resolution, comment: `snn sim ${path.basename(a.file)}${ir.simulation ? ` run ${ir.simulation.name}` : ''}, seed ${seed}` }); } catch (e) {
      simDiags.report('SNN9003', null, { path: vcdPath, reason: ioReason(e) });
      printDiagnostics([...diags.items, ...simDiags.items], r.sources, a.format);
      return EXIT_USAGE;
    }
  }

  // ---- run: the generated twin (compiled from the IR, cached), the same code `snn compile` writes
  const progress = startProgress(process.stderr);
  let result: SimResult;
  try {
    const twinModule = await loadTwin(ir, { baseDir, source: path.relative(process.cwd(), path.resolve(a.file)), run: ir.simulation?.name ?? null, resolution });
    const twin = twinModule.create({ seed, sink, probes: ir.simulation?.probes ?? [], resolution });
    twinModule.run(twin, stim, runDuration, progress.active ? progress.update : undefined);
    result = twinModule.summary(twin);
  } catch (e) {
    sink?.abort();
    throw e;
  } finally {
    progress.stop();
  }
  if (result.errors.length) {
    sink?.abort();
    for (const e of result.errors) simDiags.report('SNN8005', null, { detail: e });
    printDiagnostics([...diags.items, ...simDiags.items], r.sources, a.format);
    return 1;
  }
  printDiagnostics(diags.items, r.sources, 'text');

  // ---- outputs
  if (sink && vcdPath) {
    const gtkwPath = vcdPath.replace(/\.vcd$/i, '') + '.gtkw';
    writeFileAtomic(gtkwPath, renderGtkw({ ...gtkwPaths(gtkwPath, vcdPath), groups: groupByInstance(sink.signals()) }));
  }
  const summary = {
    design: ir.macros.find((m) => m.path === '')?.name ?? ir.network?.name ?? ir.top.name,
    run: ir.simulation?.name ?? null, seed, ...result,
    vcd: vcdPath ? path.relative(process.cwd(), vcdPath) : null,
  };
  if (a.json === '-') process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  else {
    if (a.json) writeFileAtomic(a.json, JSON.stringify(summary, null, 2) + '\n');
    process.stdout.write(textSummary(summary));
  }
  return 0;
}

function textSummary(s: SimResult & { design: string; run: string | null; seed: number; vcd: string | null }): string {
  const lines = [
    `${s.run ? `${s.run} (${s.design})` : s.design}: ${formatQuantity(s.duration_s, D.time)} data time = ${formatQuantity(s.hardware_duration_s, D.time)} hardware (timescale ${s.timescale}), seed ${s.seed}`,
    `  ${s.events} events, ${s.synaptic_ops} synaptic operations in ${formatQuantity(s.wall_s, D.time)} wall`,
  ];
  const neurons = Object.entries(s.spikes);
  const fired = neurons.filter(([, v]) => v.count > 0);
  lines.push(`  ${neurons.reduce((a, [, v]) => a + v.count, 0)} output spikes from ${fired.length} of ${neurons.length} neurons`);
  for (const [name, v] of fired.slice(0, 12)) lines.push(`    ${name}: ${v.count} spikes, first at ${formatQuantity(v.times[0]!, D.time)} (hardware time)`);
  if (fired.length > 12) lines.push(`    ... ${fired.length - 12} more (see --json)`);
  if (s.vcd) lines.push(`  waveforms: ${s.vcd} (open ${s.vcd.replace(/\.vcd$/i, '')}.gtkw in GTKWave)`);
  return lines.join('\n') + '\n';
}
