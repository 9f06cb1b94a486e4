// Reading spike-event stimulus files into a SpikeList.
// Input: the file's text and name (pure), or a path (readStimulusFile, the thin fs wrapper);
// optionally the design's input-channel count and a forced format.
// Output: the valid events, sorted (see spikes.ts); problems go to the Diagnostics collector:
//   SNN8003 malformed entry, message "malformed stimulus '<file>': line N: <reason>";
//   SNN8001 channel >= the design's input count (the event is dropped);
//   SNN8002 the file cannot be read (wrapper only); SNN9001 if this reader has a bug.
// Invariants: never throws; a bad entry is reported and skipped, the rest are kept.
//
// Formats (chosen by `format`, else by the extension .csv/.txt/.json, else by the first
// non-blank character: '{' or '[' means JSON):
// CSV  One event per line, comma-separated; blank lines and lines starting with '#' are
//      skipped. An optional header line (its first field starts with a letter) names the columns
//      in any order: time|t, channel|ch, amplitude|amp, width|w, rise, fall. Time-like names
//      take a unit suffix _s _ms _us _ns _ps (e.g. time_ms), amplitude _v or _mv; no suffix
//      means seconds and volts. Without a header the columns are
//      time,channel[,amplitude[,width[,rise[,fall]]]] in seconds and volts.
// JSON {"events":[{"t":0.001,"ch":3}, ...]} (other top-level keys are ignored) or a bare
//      array [[0.001,3], ...]. An event is an object with the same names as the CSV columns
//      (with unit suffixes) or a tuple [t, ch, amplitude?, width?, rise?, fall?] in seconds
//      and volts; null for amplitude or width means the input port's default.
// Field rules: time finite and >= 0; channel an integer in [0, 2^31 - 1]; amplitude finite;
// width finite and > 0; rise and fall finite and >= 0.
import { readFileSync } from 'node:fs';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { DataReporter, parseDecimal, readFailure, splitLines } from './data-report.js';
import { parseJsonWithSpans, type JNode } from './json-spans.js';
import { emptySpikes, SpikeBuilder, type SpikeList } from './spikes.js';

export type StimulusFormat = 'csv' | 'json';

export interface StimulusOptions {
  /** The design's number of input channels; events on channels >= this give SNN8001. */
  inputCount?: number;
  format?: StimulusFormat;
}

type Field = 'time' | 'channel' | 'amplitude' | 'width' | 'rise' | 'fall';
const POSITIONAL: readonly Field[] = ['time', 'channel', 'amplitude', 'width', 'rise', 'fall'];
const NAMES: ReadonlyMap<string, Field> = new Map<string, Field>([
  ['time', 'time'], ['t', 'time'], ['channel', 'channel'], ['ch', 'channel'],
  ['amplitude', 'amplitude'], ['amp', 'amplitude'], ['width', 'width'], ['w', 'width'],
  ['rise', 'rise'], ['fall', 'fall'],
]);
const TIME_UNITS: ReadonlyMap<string, number> = new Map([
  ['s', 1], ['ms', 1e-3], ['us', 1e-6], ['µs', 1e-6], ['μs', 1e-6], ['ns', 1e-9], ['ps', 1e-12],
]);
const VOLT_UNITS: ReadonlyMap<string, number> = new Map([['v', 1], ['mv', 1e-3]]);

interface Column { field: Field; scale: number }

/** A column or key name such as "time_ms" -> {time, 1e-3}; a reason string if unknown. */
export function columnSpec(rawName: string): Column | string {
  const name = rawName.trim().replace(/^"(.*)"$/, '$1').toLowerCase();
  const direct = NAMES.get(name);
  if (direct) return { field: direct, scale: 1 };
  const us = name.lastIndexOf('_');
  const base = us > 0 ? NAMES.get(name.slice(0, us)) : undefined;
  if (!base) return `unknown column '${rawName.trim()}' (expected time, channel, amplitude, width, rise, fall)`;
  const unit = name.slice(us + 1);
  const table = base === 'channel' ? null : base === 'amplitude' ? VOLT_UNITS : TIME_UNITS;
  const scale = table?.get(unit);
  if (scale === undefined) return `unknown unit '${unit}' in column '${rawName.trim()}'`;
  return { field: base, scale };
}

/** Collects checked events; one per call to `event`. */
class EventSink {
  readonly builder = new SpikeBuilder();
  private readonly badChannels = new Set<number>();
  constructor(private readonly rep: DataReporter, private readonly inputCount: number | undefined) {}

  /** Values are already scaled to SI; NaN means absent. Reports and skips a bad event. */
  event(v: Record<Field, number>, start: number, end: number): void {
    const problem = checkEvent(v);
    if (problem) { this.rep.malformed(start, end, problem); return; }
    if (this.inputCount !== undefined && v.channel >= this.inputCount) {
      if (!this.badChannels.has(v.channel)) {
        this.badChannels.add(v.channel);
        this.rep.badChannel(start, end, v.channel, this.inputCount);
      }
      return;
    }
    this.builder.push(v.time, v.channel, v.amplitude, v.width, Number.isNaN(v.rise) ? 0 : v.rise, Number.isNaN(v.fall) ? 0 : v.fall);
  }
}

function checkEvent(v: Record<Field, number>): string | null {
  if (Number.isNaN(v.time)) return 'missing time';
  if (Number.isNaN(v.channel)) return 'missing channel';
  if (!Number.isFinite(v.time) || v.time < 0) return `time ${v.time} must be finite and >= 0`;
  if (!Number.isInteger(v.channel) || v.channel < 0 || v.channel > 0x7fffffff) {
    return `channel ${v.channel} must be an integer >= 0`;
  }
  if (!Number.isNaN(v.amplitude) && !Number.isFinite(v.amplitude)) return `amplitude ${v.amplitude} must be finite`;
  if (!Number.isNaN(v.width) && !(v.width > 0 && v.width < Infinity)) return `width ${v.width} must be finite and > 0`;
  if (!Number.isNaN(v.rise) && !(v.rise >= 0 && v.rise < Infinity)) return `rise ${v.rise} must be finite and >= 0`;
  if (!Number.isNaN(v.fall) && !(v.fall >= 0 && v.fall < Infinity)) return `fall ${v.fall} must be finite and >= 0`;
  return null;
}

function blank(): Record<Field, number> {
  return { time: NaN, channel: NaN, amplitude: NaN, width: NaN, rise: NaN, fall: NaN };
}

function readCsv(text: string, rep: DataReporter, sink: EventSink): void {
  let columns: Column[] | null = null;
  let first = true;
  for (const ln of splitLines(text)) {
    const trimmed = ln.text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const lineEnd = ln.start + ln.text.length;
    const fields = ln.text.split(',');
    if (first) {
      first = false;
      if (/^"?[A-Za-z_]/.test(fields[0]!.trim())) {
        const cols: Column[] = [];
        const seen = new Set<Field>();
        for (const f of fields) {
          const c = columnSpec(f);
          if (typeof c === 'string') { rep.malformed(ln.start, lineEnd, `header: ${c}`); return; }
          if (seen.has(c.field)) { rep.malformed(ln.start, lineEnd, `header: column ${c.field} appears twice`); return; }
          seen.add(c.field);
          cols.push(c);
        }
        if (!seen.has('time') || !seen.has('channel')) {
          rep.malformed(ln.start, lineEnd, 'header: needs a time and a channel column');
          return;
        }
        columns = cols;
        continue;
      }
    }
    const cols = columns ?? POSITIONAL.map((field) => ({ field, scale: 1 }));
    if (columns ? fields.length !== cols.length : fields.length < 2 || fields.length > cols.length) {
      const want = columns ? `${cols.length}` : '2 to 6';
      rep.malformed(ln.start, lineEnd, `expected ${want} comma-separated fields, found ${fields.length}`);
      continue;
    }
    const v = blank();
    let bad: string | null = null;
    for (let k = 0; k < fields.length && !bad; k++) {
      const x = parseDecimal(fields[k]!);
      if (x === null) bad = `${cols[k]!.field} '${fields[k]!.trim()}' is not a number`;
      else v[cols[k]!.field] = x * cols[k]!.scale;
    }
    if (bad) { rep.malformed(ln.start, lineEnd, bad); continue; }
    sink.event(v, ln.start, lineEnd);
  }
}

function jsonEvent(node: JNode, rep: DataReporter, sink: EventSink): void {
  const v = blank();
  if (node.kind === 'array') {
    if (node.items.length < 2 || node.items.length > POSITIONAL.length) {
      rep.malformed(node.start, node.end, `an event tuple has 2 to 6 elements, not ${node.items.length}`);
      return;
    }
    for (let k = 0; k < node.items.length; k++) {
      const it = node.items[k]!;
      const f = POSITIONAL[k]!;
      if (it.kind === 'number') v[f] = it.value;
      else if (!(it.kind === 'null' && k >= 2)) { rep.malformed(it.start, it.end, `${f} must be a number, not ${it.kind}`); return; }
    }
  } else if (node.kind === 'object') {
    const seen = new Set<Field>();
    for (const e of node.entries) {
      const c = columnSpec(e.key);
      if (typeof c === 'string') { rep.malformed(e.keyStart, e.value.end, c.replace('column', 'key')); return; }
      if (seen.has(c.field)) { rep.malformed(e.keyStart, e.value.end, `${c.field} given twice`); return; }
      seen.add(c.field);
      if (e.value.kind === 'number') v[c.field] = e.value.value * c.scale;
      else if (!(e.value.kind === 'null' && (c.field === 'amplitude' || c.field === 'width'))) {
        rep.malformed(e.value.start, e.value.end, `${c.field} must be a number, not ${e.value.kind}`);
        return;
      }
    }
  } else {
    rep.malformed(node.start, node.end, `an event is an object {"t":..,"ch":..} or a tuple [t, ch], not ${node.kind}`);
    return;
  }
  sink.event(v, node.start, node.end);
}

function readJson(text: string, rep: DataReporter, sink: EventSink): void {
  const parsed = parseJsonWithSpans(text);
  if (!parsed.ok) { rep.malformed(parsed.offset, parsed.offset + 1, parsed.reason); return; }
  const root = parsed.value;
  let events: JNode | undefined;
  if (root.kind === 'array') events = root;
  else if (root.kind === 'object') {
    const hits = root.entries.filter((e) => e.key === 'events');
    if (hits.length !== 1) {
      rep.malformed(root.start, root.start + 1, hits.length === 0 ? 'no "events" key' : '"events" given twice');
      return;
    }
    events = hits[0]!.value;
    if (events.kind !== 'array') { rep.malformed(events.start, events.end, `"events" must be an array, not ${events.kind}`); return; }
  } else {
    rep.malformed(root.start, root.end, `expected {"events": [...]} or [[t, ch], ...], not ${root.kind}`);
    return;
  }
  for (const item of events.items) jsonEvent(item, rep, sink);
}

/** The format named by options, the extension, or the first non-blank character. */
export function detectFormat(text: string, file: string, forced?: StimulusFormat): StimulusFormat {
  if (forced) return forced;
  const ext = /\.([A-Za-z]+)$/.exec(file)?.[1]?.toLowerCase();
  if (ext === 'json') return 'json';
  if (ext === 'csv' || ext === 'txt') return 'csv';
  const m = /[^\s\uFEFF]/.exec(text);
  return m && (m[0] === '{' || m[0] === '[') ? 'json' : 'csv';
}

/** Parses stimulus text. Pure apart from reporting into `diags`; never throws. */
export function parseStimulus(text: string, file: string, diags: Diagnostics, opts: StimulusOptions = {}): SpikeList {
  try {
    const rep = new DataReporter(file, text, diags);
    const inputCount = opts.inputCount !== undefined && Number.isFinite(opts.inputCount) ? opts.inputCount : undefined;
    const sink = new EventSink(rep, inputCount);
    if (detectFormat(text, file, opts.format) === 'json') readJson(text, rep, sink);
    else readCsv(text, rep, sink);
    rep.finish();
    return sink.builder.build();
  } catch (e) {
    diags.report('SNN9001', null, { detail: `stimulus reader failed on '${file}': ${e instanceof Error ? e.message : String(e)}` });
    return emptySpikes();
  }
}

/** Reads and parses a stimulus file; a read failure is SNN8002. Never throws. */
export function readStimulusFile(path: string, diags: Diagnostics, opts: StimulusOptions = {}): SpikeList {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    diags.report('SNN8002', null, { path, reason: readFailure(e) });
    return emptySpikes();
  }
  return parseStimulus(text, path, diags, opts);
}
