// Headless GTKWave for tests: load files under xvfb-run with a Tcl script and read its report.
// Input: the files to open (a .vcd/.fst, optionally a .gtkw) and a Tcl body that prints
//   lines; the helper appends gtkwave::/File/Quit so GTKWave exits.
// Output: GTKWave's stdout+stderr, the lines the script printed with a tag, and the lines
//   in which GTKWave complained (it reports a malformed VCD even when it exits 0).
// Invariants: a hard timeout kills the whole process group (a script that does not quit
//   would otherwise hang); requires the tools listed in GTKWAVE_TOOLS.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool, type ToolResult } from './tools.js';

export const GTKWAVE_TOOLS = ['xvfb-run', 'gtkwave'] as const;

/** Words GTKWave uses when it rejects or repairs input. */
export const GTKWAVE_COMPLAINT = /malformed|error|problem|unknown|warning|invalid|backtrack|cannot|can't|could not|not found|failed|encountered|truncat/i;

export interface GtkwaveRun extends ToolResult {
  readonly output: string;
  /** Lines of GTKWave's own output (not the script's tagged lines) that match GTKWAVE_COMPLAINT. */
  readonly complaints: string[];
  /** Tagged lines printed by the script: `puts "TAG<TAB>rest"` gives tagged('TAG') -> ['rest']. */
  tagged(tag: string): string[];
}

/** Tcl: puts a tagged line; GTKWave returns '[' as NUL inside some facility names, mapped back here. */
export const TCL_PRELUDE = `proc snn_out {tag args} { puts "$tag\\t[string map [list \\x00 {[}] [join $args { }]]"; flush stdout }\n`;

export async function runGtkwave(files: readonly string[], tclBody: string, timeoutMs = 60_000): Promise<GtkwaveRun> {
  const dir = mkdtempSync(join(tmpdir(), 'snn-gtkwave-'));
  const script = join(dir, 'script.tcl');
  writeFileSync(script, `${TCL_PRELUDE}${tclBody}\nputs "SNN_DONE"\nflush stdout\ngtkwave::/File/Quit\n`);
  let r = await runTool('xvfb-run', ['-a', 'gtkwave', '-S', script, ...files], { timeoutMs, cwd: dir });
  // two `xvfb-run -a` starting at once can pick the same display: try once more
  if (/Xvfb failed to start/.test(r.stderr)) r = await runTool('xvfb-run', ['-a', 'gtkwave', '-S', script, ...files], { timeoutMs, cwd: dir });
  const output = (r.stdout + '\n' + r.stderr).replace(/\0/g, '[');
  const lines = output.split('\n');
  return {
    ...r,
    output,
    complaints: lines.filter((l) => !/^[A-Z_]+\t/.test(l) && GTKWAVE_COMPLAINT.test(l)), // script lines echo user names
    tagged: (tag: string) => lines.filter((l) => l.startsWith(tag + '\t')).map((l) => l.slice(tag.length + 1)),
  };
}

/** Tcl that lists every facility as `FAC<TAB>name` and the count as `NUMFACS<TAB>n`. */
export const TCL_LIST_FACILITIES = `
set n [gtkwave::getNumFacs]
snn_out NUMFACS $n
for {set i 0} {$i < $n} {incr i} { snn_out FAC [gtkwave::getFacName $i] }
`;

/** Tcl that lists the traces shown (after loading a .gtkw) as `TRACE<TAB>name<TAB>hexflags`. */
export const TCL_LIST_TRACES = `
set n [gtkwave::getTotalNumTraces]
snn_out NUMTRACES $n
for {set i 0} {$i < $n} {incr i} {
  snn_out TRACE "[gtkwave::getTraceNameFromIndex $i]\\t[format %x [gtkwave::getTraceFlagsFromIndex $i]]"
}
`;
