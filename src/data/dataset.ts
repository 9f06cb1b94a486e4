// Labelled data sets in CSV, e.g. S4's 8 x 8 digits as `label,p0,...,p63`.
// Input: CSV text and the file name (pure), or a path (readDatasetFile, the thin fs wrapper).
// Output: {labels, samples, featureCount, maxValue}: samples[i] is a Float64Array view of
// featureCount values normalised to [0, 1] by dividing by maxValue.
// Format: one sample per line, the integer label (>= 0) first, then featureCount finite
// values >= 0; blank lines and '#' lines are skipped; an optional header (first field starts
// with a letter) fixes featureCount to its field count - 1, otherwise options.features does,
// otherwise the first data row.
// maxValue: options.maxValue (e.g. 16 for sklearn's digits, whose pixels are 0..16); a value
// above it is an error. Without it, the largest value in the file (1 if all are 0).
// Invariants: never throws; a malformed row is reported (SNN8003, "line N: ...") and
// skipped; a read failure is SNN8002; labels.length === samples.length.
import { readFileSync } from 'node:fs';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { DataReporter, parseDecimal, readFailure, splitLines } from './data-report.js';

export interface Dataset {
  labels: Int32Array;
  samples: Float64Array[];
  featureCount: number;
  /** The divisor used for normalisation. */
  maxValue: number;
}

export interface DatasetOptions {
  maxValue?: number;  // > 0
  features?: number;  // expected features per row
}

function emptyDataset(featureCount: number, maxValue: number): Dataset {
  return { labels: new Int32Array(0), samples: [], featureCount, maxValue };
}

/** Parses a labelled CSV data set. Pure apart from reporting into `diags`; never throws. */
export function parseDataset(text: string, file: string, diags: Diagnostics, opts: DatasetOptions = {}): Dataset {
  try {
    const rep = new DataReporter(file, text, diags);
    const fixedMax = opts.maxValue;
    if (fixedMax !== undefined && !(Number.isFinite(fixedMax) && fixedMax > 0)) {
      rep.whole(`maxValue must be finite and > 0, not ${fixedMax}`);
      return emptyDataset(0, NaN);
    }
    let features = opts.features !== undefined && Number.isInteger(opts.features) && opts.features >= 0 ? opts.features : -1;
    const labels: number[] = [];
    const raw: number[] = [];
    let largest = 0;
    let first = true;
    for (const ln of splitLines(text)) {
      const trimmed = ln.text.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      const end = ln.start + ln.text.length;
      const fields = ln.text.split(',');
      if (first) {
        first = false;
        if (/^"?[A-Za-z_]/.test(fields[0]!.trim())) {
          if (features >= 0 && fields.length - 1 !== features) {
            rep.malformed(ln.start, end, `the header has ${fields.length - 1} features, expected ${features}`);
            rep.finish();
            return emptyDataset(features, fixedMax ?? NaN);
          }
          features = fields.length - 1;
          continue;
        }
      }
      if (features < 0) features = fields.length - 1;
      if (fields.length !== features + 1) {
        rep.malformed(ln.start, end, `expected a label and ${features} values, found ${fields.length} fields`);
        continue;
      }
      const label = parseDecimal(fields[0]!);
      if (label === null || !Number.isInteger(label) || label < 0 || label > 0x7fffffff) {
        rep.malformed(ln.start, end, `label '${fields[0]!.trim()}' is not an integer >= 0`);
        continue;
      }
      const row: number[] = [];
      let bad: string | null = null;
      for (let k = 1; k < fields.length && !bad; k++) {
        const v = parseDecimal(fields[k]!);
        if (v === null) bad = `value ${k} '${fields[k]!.trim()}' is not a number`;
        else if (v < 0) bad = `value ${k} = ${v} is negative`;
        else if (fixedMax !== undefined && v > fixedMax) bad = `value ${k} = ${v} exceeds the maximum ${fixedMax}`;
        else row.push(v);
      }
      if (bad) { rep.malformed(ln.start, end, bad); continue; }
      labels.push(label);
      for (const v of row) { raw.push(v); if (v > largest) largest = v; }
    }
    rep.finish();
    const maxValue = fixedMax ?? (largest > 0 ? largest : 1);
    const flat = new Float64Array(raw.length);
    for (let i = 0; i < raw.length; i++) flat[i] = raw[i]! / maxValue;
    const fc = Math.max(features, 0);
    const samples: Float64Array[] = [];
    for (let i = 0; i < labels.length; i++) samples.push(flat.subarray(i * fc, (i + 1) * fc));
    return { labels: Int32Array.from(labels), samples, featureCount: fc, maxValue };
  } catch (e) {
    diags.report('SNN9001', null, { detail: `data set reader failed on '${file}': ${e instanceof Error ? e.message : String(e)}` });
    return emptyDataset(0, NaN);
  }
}

/** Reads and parses a data set file; a read failure is SNN8002. Never throws. */
export function readDatasetFile(path: string, diags: Diagnostics, opts: DatasetOptions = {}): Dataset {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    diags.report('SNN8002', null, { path, reason: readFailure(e) });
    return emptyDataset(0, opts.maxValue ?? NaN);
  }
  return parseDataset(text, path, diags, opts);
}
