// GTKWave save file (.gtkw) for a VCD written by vcd.ts.
// Input: the dump file path as it should appear in the save file, and the declared signals
//   grouped by instance (groupByInstance gives one group per scope path).
// Output: .gtkw text: [dumpfile], [savefile], [treeopen] for every scope on a shown path, then per group
//   a group-begin trace, its signals (wires binary, vectors hex/dec/bin, reals as analog
//   traces followed by analog-height-extension rows), and a group-end trace.
// Invariants: pure (no disk access); no date, so the text is reproducible; every trace
//   line names an existing VCD facility (sanitized names, vectors with their [msb:0]);
//   flag words are GTKWave's TraceEnt flags (analyzer.h) in hex after '@'.
import { basename, dirname, relative, resolve, sep } from 'node:path';
import type { DeclaredSignal } from './signals.js';
import { sanitizeText } from './names.js';

// GTKWave TraceEnt flag bits.
const TR_HEX = 0x2, TR_DEC = 0x4, TR_BIN = 0x8, TR_RJUSTIFY = 0x20, TR_BLANK = 0x200;
const TR_ANALOG_STEP = 0x8000, TR_ANALOG_INTERPOLATED = 0x10000, TR_ANALOG_BLANK_STRETCH = 0x20000;
const TR_CLOSED = 0x400000, TR_GRP_BEGIN = 0x800000, TR_GRP_END = 0x1000000;

export interface GtkwGroup {
  /** Shown on the group's header row. */
  readonly title: string;
  readonly signals: readonly DeclaredSignal[];
  /** Start collapsed (default false). */
  readonly closed?: boolean;
}

export interface GtkwOptions {
  /** The VCD path written into [dumpfile] (see gtkwPaths). */
  readonly dumpfile: string;
  /**
   * The save file's own path written into [savefile]. With it GTKWave re-bases a
   * [dumpfile] it cannot open on the folder the .gtkw was actually loaded from, so a
   * relative pair (gtkwPaths) works from any working directory and after moving the folder.
   */
  readonly savefile?: string;
  readonly groups: readonly GtkwGroup[];
  /** How real signals are drawn (default 'step': the twin's values are piecewise constant). */
  readonly analog?: 'step' | 'interpolated';
  /** Rows added under each analog trace (default 3, so it is 4 rows tall). */
  readonly analogExtraRows?: number;
  /** Radix of vector values (default 'dec'). */
  readonly vectorRadix?: 'hex' | 'dec' | 'bin';
  /** A line for the `[*]` comment header, e.g. the generator and its input. */
  readonly note?: string;
}

/** The GTKWave facility name of a declared signal, e.g. "pe.n[3].v", "pe.addr[3:0]". */
export function facilityName(s: DeclaredSignal): string {
  const base = [...s.scope, s.name].join('.');
  return s.kind === 'vector' ? `${base}[${s.width - 1}:0]` : base;
}

/** One group per distinct scope path, in order of first appearance; top-level signals form "(top)". */
export function groupByInstance(signals: readonly DeclaredSignal[]): GtkwGroup[] {
  const by = new Map<string, DeclaredSignal[]>();
  for (const s of signals) {
    const key = s.scope.join('.');
    let g = by.get(key);
    if (!g) { g = []; by.set(key, g); }
    g.push(s);
  }
  return [...by].map(([key, sigs]) => ({ title: key === '' ? '(top)' : key, signals: sigs }));
}

/**
 * [dumpfile]/[savefile] values for a .gtkw at `gtkwPath` that opens `vcdPath`: the VCD
 * relative to the save file's folder, and the save file's base name (paths only, no disk access).
 */
export function gtkwPaths(gtkwPath: string, vcdPath: string): { dumpfile: string; savefile: string } {
  const rel = relative(dirname(resolve(gtkwPath)), resolve(vcdPath));
  return { dumpfile: rel.split(sep).join('/'), savefile: basename(gtkwPath) };
}

function hex(flags: number): string { return flags.toString(16); }

export function renderGtkw(opts: GtkwOptions): string {
  const extra = Math.max(0, Math.floor(opts.analogExtraRows ?? 3));
  const analog = (opts.analog ?? 'step') === 'step' ? TR_ANALOG_STEP : TR_ANALOG_INTERPOLATED;
  const radix = { hex: TR_HEX, dec: TR_DEC, bin: TR_BIN }[opts.vectorRadix ?? 'dec'];
  for (const p of [opts.dumpfile, opts.savefile ?? '']) {
    if (/[\r\n"]/.test(p)) throw new Error(`gtkw: a path in a save file cannot contain quotes or newlines: ${p}`);
  }

  let t = '[*]\n';
  if (opts.note !== undefined) t += `[*] ${sanitizeText(opts.note)}\n[*]\n`;
  t += `[dumpfile] "${opts.dumpfile}"\n`;
  if (opts.savefile !== undefined) t += `[savefile] "${opts.savefile}"\n`;
  t += '[timestart] 0\n[sst_expanded] 1\n';

  const open = new Set<string>();
  for (const g of opts.groups) {
    for (const s of g.signals) {
      for (let i = 1; i <= s.scope.length; i++) {
        const p = s.scope.slice(0, i).join('.') + '.';
        if (!open.has(p)) { open.add(p); t += `[treeopen] ${p}\n`; }
      }
    }
  }

  let cur = -1;
  const flags = (f: number): void => { if (f !== cur) { t += `@${hex(f)}\n`; cur = f; } };
  for (const g of opts.groups) {
    const title = sanitizeText(g.title) || '(group)';
    const closed = g.closed ? TR_CLOSED : 0;
    flags(TR_GRP_BEGIN | TR_BLANK | closed);
    t += `-${title}\n`;
    for (const s of g.signals) {
      if (s.kind === 'real') {
        flags(analog | TR_BIN | TR_RJUSTIFY);
        t += facilityName(s) + '\n';
        if (extra > 0) {
          flags(TR_ANALOG_BLANK_STRETCH);
          t += '-\n'.repeat(extra);
        }
      } else {
        flags((s.kind === 'wire' ? TR_BIN : radix) | TR_RJUSTIFY);
        t += facilityName(s) + '\n';
      }
    }
    flags(TR_GRP_END | TR_BLANK | closed);
    t += `-${title}\n`;
  }
  return t;
}
