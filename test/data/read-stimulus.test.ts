import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { columnSpec, detectFormat, parseStimulus, readStimulusFile } from '../../src/data/read-stimulus.js';
import { isSorted, type SpikeList } from '../../src/data/spikes.js';

const ev = (l: SpikeList): Array<[number, number]> => Array.from({ length: l.count }, (_, i) => [l.times[i]!, l.channels[i]!]);
const parse = (text: string, file = 'in.csv', inputCount?: number) => {
  const d = new Diagnostics();
  const spikes = parseStimulus(text, file, d, inputCount === undefined ? {} : { inputCount });
  return { spikes, d, msgs: d.items.map((x) => `${x.code} ${x.message}`) };
};

describe('CSV', () => {
  it('reads time,channel without a header, sorting the events', () => {
    const { spikes, d } = parse('0.002,1\n0.001,3\n0.001,0\n');
    expect(d.items).toEqual([]);
    expect(ev(spikes)).toEqual([[0.001, 0], [0.001, 3], [0.002, 1]]);
    expect(isSorted(spikes)).toBe(true);
  });

  it('accepts the headers time,channel / time_s,channel / reordered columns with units', () => {
    expect(ev(parse('time,channel\n0.5,2\n').spikes)).toEqual([[0.5, 2]]);
    expect(ev(parse('time_s,channel\n0.5,2\n').spikes)).toEqual([[0.5, 2]]);
    const r = parse('channel, time_ms , amplitude_mv, width_us\n3,10,1800,250\n');
    expect(r.d.items).toEqual([]);
    expect(r.spikes.times[0]).toBeCloseTo(0.010, 15);
    expect(r.spikes.channels[0]).toBe(3);
    expect(r.spikes.amplitudes[0]).toBeCloseTo(1.8, 12);
    expect(r.spikes.widths[0]).toBeCloseTo(250e-6, 18);
  });

  it('reads time,channel,amplitude,width and leaves missing fields to the port default', () => {
    const r = parse('time,channel,amplitude,width\n0.001,0,1.6,0.00025\n');
    expect([r.spikes.times[0], r.spikes.channels[0], r.spikes.amplitudes[0], r.spikes.widths[0]]).toEqual([0.001, 0, 1.6, 0.00025]);
    const p = parse('0.001,0\n0.002,1,1.8\n');
    expect(Number.isNaN(p.spikes.amplitudes[0]!)).toBe(true);
    expect(p.spikes.amplitudes[1]).toBe(1.8);
    expect(Number.isNaN(p.spikes.widths[1]!)).toBe(true);
  });

  it('skips blank lines and # comments, handles CRLF and a BOM', () => {
    const r = parse('\uFEFF# S4 test spikes\r\ntime,channel\r\n\r\n0.010,0\r\n# mid\r\n0.110,0\r\n');
    expect(r.d.items).toEqual([]);
    expect(ev(r.spikes)).toEqual([[0.010, 0], [0.110, 0]]);
  });

  it('reports malformed lines with the file and 1-based line, keeping the good ones', () => {
    const text = [
      'time,channel', // 1
      '0.001,0',      // 2
      '0.002,abc',    // 3 channel not a number
      '',             // 4
      '0.003',        // 5 too few fields
      '-1,2',         // 6 negative time
      '0.004,1.5',    // 7 non-integer channel
      '0x10,1',       // 8 hex is not accepted
      '0.005,1',      // 9
    ].join('\n');
    const r = parse(text, 'spikes.csv');
    expect(ev(r.spikes)).toEqual([[0.001, 0], [0.005, 1]]);
    expect(r.d.items.every((x) => x.code === 'SNN8003')).toBe(true);
    expect(r.msgs).toEqual([
      "SNN8003 malformed stimulus 'spikes.csv': line 3: channel 'abc' is not a number",
      "SNN8003 malformed stimulus 'spikes.csv': line 5: expected 2 comma-separated fields, found 1",
      "SNN8003 malformed stimulus 'spikes.csv': line 6: time -1 must be finite and >= 0",
      "SNN8003 malformed stimulus 'spikes.csv': line 7: channel 1.5 must be an integer >= 0",
      "SNN8003 malformed stimulus 'spikes.csv': line 8: time '0x10' is not a number",
    ]);
    const lineStart = text.indexOf('0.002,abc');
    expect(r.d.items[0]!.span).toEqual({ file: 'spikes.csv', start: lineStart, end: lineStart + '0.002,abc'.length });
  });

  it('rejects an unknown header column or unit, and stops there', () => {
    expect(parse('time,chan\n0,1\n').msgs).toEqual([
      "SNN8003 malformed stimulus 'in.csv': line 1: header: unknown column 'chan' (expected time, channel, amplitude, width, rise, fall)",
    ]);
    expect(parse('time_min,channel\n').msgs[0]).toContain("unknown unit 'min'");
    expect(parse('time,time_ms,channel\n').msgs[0]).toContain('column time appears twice');
    expect(parse('time,amplitude\n').msgs[0]).toContain('needs a time and a channel column');
  });

  it('gives SNN8001 for a channel >= the design input count, once per channel, and drops the events', () => {
    const r = parse('0.001,0\n0.002,30\n0.003,30\n0.004,31\n0.005,29\n', 'p.csv', 30);
    expect(ev(r.spikes)).toEqual([[0.001, 0], [0.005, 29]]);
    expect(r.msgs).toEqual([
      'SNN8001 stimulus refers to channel 30, but the design has 30 input channels',
      'SNN8001 stimulus refers to channel 31, but the design has 30 input channels',
    ]);
    expect(r.d.items[0]!.span?.start).toBe('0.001,0\n'.length);
  });

  it('shows at most 20 problems, then one summary', () => {
    const r = parse(Array.from({ length: 100 }, () => 'x1,y').join('\n').replace(/^x1,y/, '0,0'));
    expect(r.d.items.length).toBe(21);
    expect(r.msgs[20]).toBe("SNN8003 malformed stimulus 'in.csv': 79 more problems not shown");
  });
});

describe('JSON', () => {
  it('reads {"events":[{"t":..,"ch":..}]} and [[t, ch], ...]', () => {
    const a = parse('{"name":"S4","events":[{"t":0.110,"ch":0},{"t":0.010,"ch":0},{"time_ms":150,"channel":1}]}', 'x.json');
    expect(a.d.items).toEqual([]);
    expect(ev(a.spikes)).toEqual([[0.010, 0], [0.110, 0], [0.150, 1]]);
    const b = parse('[[0.2, 1], [0.1, 2, 1.8, 0.00025], [0.3, 0, null, 0.001]]', 'y.json');
    expect(b.d.items).toEqual([]);
    expect(ev(b.spikes)).toEqual([[0.1, 2], [0.2, 1], [0.3, 0]]);
    expect([b.spikes.amplitudes[0], b.spikes.widths[0]]).toEqual([1.8, 0.00025]);
    expect(Number.isNaN(b.spikes.amplitudes[2]!)).toBe(true);
    expect(b.spikes.widths[2]).toBe(0.001);
  });

  it('reports a syntax error at its line', () => {
    const r = parse('{"events": [\n  [0.1, 1],\n  [0.2, 2]\n  [0.3, 3]\n]}', 'bad.json');
    expect(r.spikes.count).toBe(0);
    expect(r.msgs).toEqual(["SNN8003 malformed stimulus 'bad.json': line 4: expected ',' or ']' but found '['"]);
    expect(parse('', 'e.json').msgs).toEqual(["SNN8003 malformed stimulus 'e.json': line 1: expected a value but found the end of the text"]);
  });

  it('reports bad events at their line and keeps the rest', () => {
    const text = [
      '{"events": [',            // 1
      '  {"t": 0.1, "ch": 0},',  // 2
      '  {"t": "x", "ch": 1},',  // 3
      '  {"t": 0.2},',           // 4
      '  {"t": 0.3, "ch": 2, "colour": 1},', // 5
      '  [0.4],',                // 6
      '  7,',                    // 7
      '  {"t": 0.5, "ch": -1},', // 8
      '  [0.6, 3]',              // 9
      ']}',
    ].join('\n');
    const r = parse(text, 'ev.json');
    expect(ev(r.spikes)).toEqual([[0.1, 0], [0.6, 3]]);
    expect(r.msgs).toEqual([
      "SNN8003 malformed stimulus 'ev.json': line 3: time must be a number, not string",
      "SNN8003 malformed stimulus 'ev.json': line 4: missing channel",
      "SNN8003 malformed stimulus 'ev.json': line 5: unknown key 'colour' (expected time, channel, amplitude, width, rise, fall)",
      "SNN8003 malformed stimulus 'ev.json': line 6: an event tuple has 2 to 6 elements, not 1",
      'SNN8003 malformed stimulus \'ev.json\': line 7: an event is an object {"t":..,"ch":..} or a tuple [t, ch], not number',
      "SNN8003 malformed stimulus 'ev.json': line 8: channel -1 must be an integer >= 0",
    ]);
  });

  it('needs an events array at the top level', () => {
    expect(parse('{"evts": []}', 'a.json').msgs[0]).toContain('no "events" key');
    expect(parse('{"events": {}}', 'a.json').msgs[0]).toContain('"events" must be an array, not object');
    expect(parse('"hello"', 'a.json').msgs[0]).toContain('not string');
  });

  it('deep nesting is an error, not a stack overflow', () => {
    expect(parse('['.repeat(100000), 'deep.json').msgs[0]).toContain('nesting deeper than 64 levels');
  });
});

describe('format and names', () => {
  it('detects the format by option, extension, then content', () => {
    expect(detectFormat('0,1', 'a.json')).toBe('json');
    expect(detectFormat('[', 'a.csv')).toBe('csv');
    expect(detectFormat('  [[0,1]]', 'a.stim')).toBe('json');
    expect(detectFormat('0,1', 'a.stim')).toBe('csv');
    expect(detectFormat('0,1', 'a.json', 'csv')).toBe('csv');
  });

  it('maps column names and unit suffixes to SI scales', () => {
    expect(columnSpec('time_us')).toEqual({ field: 'time', scale: 1e-6 });
    expect(columnSpec('T')).toEqual({ field: 'time', scale: 1 });
    expect(columnSpec('"ch"')).toEqual({ field: 'channel', scale: 1 });
    expect(columnSpec('amp_mv')).toEqual({ field: 'amplitude', scale: 1e-3 });
    expect(typeof columnSpec('channel_ms')).toBe('string');
    expect(typeof columnSpec('width_mv')).toBe('string');
  });
});

describe('never throws', () => {
  const check = (text: string, file: string): void => {
    const d = new Diagnostics();
    const s = parseStimulus(text, file, d, { inputCount: 8 });
    expect(d.items.some((x) => x.code === 'SNN9001')).toBe(false);
    expect(isSorted(s)).toBe(true);
    for (let i = 0; i < s.count; i++) expect(s.channels[i]!).toBeLessThan(8);
    expect(d.items.length).toBeLessThanOrEqual(21);
  };
  const alphabet = fc.constantFrom(...'0123456789.,-+eE \n\r#[]{}":_tchmsuvnul'.split(''));

  it('on random text, as CSV and JSON (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.constantFrom('a.csv', 'a.json', 'a'), check), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ unit: alphabet, maxLength: 200 }), fc.constantFrom('a.csv', 'a.json', 'a'), check), { numRuns: 1000 });
  });

  it('on mutations of valid files (property)', () => {
    const valid = ['time_ms,channel,amplitude\n1,0,1.8\n2,3,1.6\n', '{"events":[{"t":0.1,"ch":1},[0.2,2,null,0.001]]}'];
    fc.assert(fc.property(
      fc.constantFrom(...valid), fc.nat(), fc.nat({ max: 5 }), fc.string({ unit: alphabet, maxLength: 4 }),
      (base, at, del, ins) => {
        const p = at % (base.length + 1);
        check(base.slice(0, p) + ins + base.slice(p + del), base.startsWith('{') ? 'm.json' : 'm.csv');
      },
    ), { numRuns: 1000 });
  });
});

describe('readStimulusFile', () => {
  it('reads a file and reports a missing one as SNN8002', () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-stim-'));
    try {
      const f = join(dir, 's4.csv');
      writeFileSync(f, 'time_ms,channel\n10,0\n110,0\n150,0\n200,0\n');
      const d = new Diagnostics();
      const s = readStimulusFile(f, d);
      expect(d.items).toEqual([]);
      expect(s.count).toBe(4);
      const missing = join(dir, 'nope.csv');
      const s2 = readStimulusFile(missing, d);
      expect(s2.count).toBe(0);
      expect(d.items.map((x) => x.message)).toEqual([`cannot read stimulus '${missing}': no such file`]);
      expect(d.items[0]!.code).toBe('SNN8002');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
