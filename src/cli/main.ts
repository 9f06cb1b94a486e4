// The `snn` command line: yargs wiring only. Each command's module is imported lazily so
// that `snn --help` does not load the compiler; the plain form of `snn sim FILE --option
// value...` is read without loading yargs at all (quick-args.ts, the same arguments). Exit status: 0 no errors (warnings allowed), 1 errors in the input, 2
// usage or internal errors. Nothing the user types produces a stack trace.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import { quickSimArgs } from './quick-args.js';

const FORMAT = { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'diagnostics as text or a JSON array' };
const OUTSIDE = { type: 'boolean' as const, default: false, describe: "allow imports outside the entry file's folder" };

function version(): string {
  try {
    const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json');
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  } catch { return 'unknown'; }
}

/** Runs the command line `argv`; `quick: false` sends even the plain `snn sim` form through yargs (tests). */
export async function main(argv: string[], opts: { quick?: boolean } = {}): Promise<void> {
  const quick = opts.quick === false ? null : quickSimArgs(argv);
  if (quick) {
    process.exitCode = await (await import('./sim.js')).runSim(quick);
    return;
  }
  const { default: yargs } = await import('yargs');
  let status = 0;
  const run = (p: Promise<number>) => p.then((s) => { status = s; });
  const cli = yargs(argv)
    .scriptName('snn')
    .usage('snn: memristive SNN macros from one description\n\nUsage: snn <command> [options]')
    .command('check <files..>', 'report every error and warning in .snn files', (y) => y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: '.snn files' })
      .option('format', FORMAT).option('allow-outside-imports', OUTSIDE),
    (a) => run(import('./check.js').then((m) => m.runCheck({ files: a.files as string[], format: a.format, allowOutsideImports: a['allow-outside-imports'] }))))
    .command('elaborate <file>', 'flatten a design into the IR (every quantity in SI, every default filled in)', (y) => y
      .positional('file', { type: 'string', demandOption: true })
      .option('top', { type: 'string', describe: 'the macro, network or simulate to elaborate (default: the last simulate, else network, else macro)' })
      .option('json', { type: 'boolean', default: false, describe: 'print the IR as JSON (else a summary)' })
      .option('output', { alias: 'o', type: 'string', describe: 'write to a file instead of stdout' })
      .option('format', FORMAT).option('allow-outside-imports', OUTSIDE),
    (a) => run(import('./elaborate.js').then((m) => m.runElaborate({
      file: a.file, json: a.json, format: a.format, allowOutsideImports: a['allow-outside-imports'],
      ...(a.top !== undefined ? { top: a.top } : {}), ...(a.output !== undefined ? { output: a.output } : {}),
    }))))
    .command('fmt <files..>', 'print .snn files in the canonical layout', (y) => y
      .positional('files', { type: 'string', array: true, demandOption: true })
      .option('write', { alias: 'w', type: 'boolean', default: false, describe: 'rewrite the files in place' })
      .option('check', { type: 'boolean', default: false, describe: 'exit 1 if a file is not formatted' })
      .option('format', FORMAT),
    (a) => run(import('./fmt.js').then((m) => m.runFmt({ files: a.files as string[], write: a.write, check: a.check, format: a.format }))))
    .command('sim <file>', 'run the digital twin of a design: spikes, activity counters, VCD waveforms', (y) => y
      .positional('file', { type: 'string', demandOption: true })
      .option('run', { type: 'string', describe: 'the simulate block (or macro/network) to run; default: the last simulate' })
      .option('stimulus', { type: 'string', describe: 'input spikes from a CSV (time,channel) or JSON file instead of the run\'s stimulus' })
      .option('duration', { type: 'string', describe: 'data time to simulate, e.g. 1.5s or 300us' })
      .option('seed', { type: 'number', describe: 'seed of the run\'s random streams' })
      .option('vcd', { type: 'string', describe: 'write waveforms to this VCD file (and a .gtkw beside it)' })
      .option('probe', { type: 'string', array: true, default: [] as string[], describe: 'signals to trace, e.g. n[*].spike n[0].v' })
      .option('json', { type: 'string', nargs: 1, describe: "write the summary as JSON to a file, or '-' for stdout" })
      .option('resolution', { type: 'string', describe: 'time resolution (default 1fs; coarser, with a note, for runs longer than 2^53 ticks of 1fs)' })
      .option('format', FORMAT).option('allow-outside-imports', OUTSIDE),
    (a) => run(import('./sim.js').then((m) => m.runSim({
      file: a.file, probe: (a.probe as string[]) ?? [], format: a.format, allowOutsideImports: a['allow-outside-imports'],
      ...(a.run !== undefined ? { run: a.run } : {}), ...(a.stimulus !== undefined ? { stimulus: a.stimulus } : {}),
      ...(a.duration !== undefined ? { duration: a.duration } : {}), ...(a.seed !== undefined ? { seed: a.seed } : {}),
      ...(a.vcd !== undefined ? { vcd: a.vcd } : {}), ...(a.json !== undefined ? { json: a.json } : {}),
      ...(a.resolution !== undefined ? { resolution: a.resolution } : {}),
    }))))
    .command('compile <file>', 'generate the TypeScript twin of a design (a module with create, run, probe, counters, summary)', (y) => y
      .positional('file', { type: 'string', demandOption: true })
      .option('run', { type: 'string', describe: 'the simulate block (or macro/network) to compile; default: the last simulate' })
      .option('output', { alias: 'o', type: 'string', describe: 'write the module to this file (e.g. generated/NAME.ts) instead of stdout' })
      .option('runtime', { type: 'string', default: 'snn/twin', describe: 'module specifier the generated code imports the twin runtime from' })
      .option('format', FORMAT).option('allow-outside-imports', OUTSIDE),
    (a) => run(import('./compile.js').then((m) => m.runCompile({
      file: a.file, runtime: a.runtime, format: a.format, allowOutsideImports: a['allow-outside-imports'],
      ...(a.run !== undefined ? { run: a.run } : {}), ...(a.output !== undefined ? { output: a.output } : {}),
    }))))
    .demandCommand(1, 'name a command: check, elaborate, fmt, sim, compile')
    .strict()
    .version(version())
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err) throw err;
      process.stderr.write(`snn: error SNN9004: ${msg}\nRun 'snn --help' for usage.\n`);
      process.exit(2);
    });
  await cli.parseAsync();
  process.exitCode = status;
}
