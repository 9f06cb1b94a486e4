import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { SourceText } from '../../src/diagnostics/span.js';
import { formatSource } from '../../src/format/fmt.js';
import { lex } from '../../src/syntax/lexer.js';
import { parse, strip } from '../syntax/helpers.js';

function fmt(text: string): string | null {
  return formatSource(new SourceText('f.snn', text), new Diagnostics());
}

/** Format, and check the two guarantees on the way. */
function fmtChecked(text: string): string {
  const out = fmt(text);
  expect(out).not.toBeNull();
  expect(strip(parse(out!).program)).toEqual(strip(parse(text).program));
  expect(fmt(out!)).toBe(out);
  return out!;
}

const EXAMPLE = `import "std/devices.snn";          // a file of the standard library
const VDD = 1.8V;

technology cmos180 { node = 180nm; vdd = VDD; cap_density = <2 fF per um^2>; }

device HfO2 : rram {               // kinds at least: rram, ts_memristor, nmos
  g_min = 2uS; g_max = 150uS; levels = 32;
  program_sigma = 3%; read_noise = 1%; read_voltage = 0.2V;
}

neuron SRM50 : srm { tau_s = 50ms; tau_r = 5ms; theta = 1.0; threshold = 0.5V; clip = [0V, VDD]; }
neuron SRM10 : SRM50 { tau_s = 10ms; tau_r = 1ms; }   // derive and override

macro PE(rows = 128, cols = 24) {  // parameters with defaults
  timescale = 50000;               // hardware runs 50,000x faster
  crossbar xb[rows, cols] { cell = 1T1R; config = MOD; device = HfO2; selector_wl = 65; differential = true; }
  tia t[cols] { gain = 10kOhm; differential = true; clip = [0V, VDD]; }
  neurons n[cols] : SRM50;
  io { spike_width = 1ns; spike_amplitude = 0.2V; }
  connect xb.columns -> t -> n;
}
network digits {
  input pixels[64];
  layer out : PE(rows = 64, cols = 10) weights "weights/digits64x10.json";
}
stimulus latency_digits { dataset = "data/digits8x8.csv"; encode = latency(t_max = 20us, threshold = 0.3); }
simulate run1 { design = digits; stimulus = latency_digits; duration = 100us; seed = 1;
                probe n[*].spike, n[0].v, xb.g[0, 0..9]; vcd = "out/run1.vcd"; }
sweep tau { run = run1; vary PE.neurons.tau_s over [10ms, 30ms, 50ms, 70ms]; keep tau_r = tau_s / 10;
            metrics = [accuracy, energy_per_inference, area]; }
`;

const EXPECTED = `import "std/devices.snn"; // a file of the standard library
const VDD = 1.8V;

technology cmos180 {
  node = 180nm;
  vdd = VDD;
  cap_density = <2 fF per um^2>;
}

device HfO2 : rram { // kinds at least: rram, ts_memristor, nmos
  g_min = 2uS;
  g_max = 150uS;
  levels = 32;
  program_sigma = 3%;
  read_noise = 1%;
  read_voltage = 0.2V;
}

neuron SRM50 : srm {
  tau_s = 50ms;
  tau_r = 5ms;
  theta = 1.0;
  threshold = 0.5V;
  clip = [0V, VDD];
}
neuron SRM10 : SRM50 {
  tau_s = 10ms;
  tau_r = 1ms;
} // derive and override

macro PE(rows = 128, cols = 24) { // parameters with defaults
  timescale = 50000; // hardware runs 50,000x faster
  crossbar xb[rows, cols] {
    cell = 1T1R;
    config = MOD;
    device = HfO2;
    selector_wl = 65;
    differential = true;
  }
  tia t[cols] {
    gain = 10kOhm;
    differential = true;
    clip = [0V, VDD];
  }
  neurons n[cols] : SRM50;
  io {
    spike_width = 1ns;
    spike_amplitude = 0.2V;
  }
  connect xb.columns -> t -> n;
}
network digits {
  input pixels[64];
  layer out : PE(rows = 64, cols = 10) weights "weights/digits64x10.json";
}
stimulus latency_digits {
  dataset = "data/digits8x8.csv";
  encode = latency(t_max = 20us, threshold = 0.3);
}
simulate run1 {
  design = digits;
  stimulus = latency_digits;
  duration = 100us;
  seed = 1;
  probe n[*].spike, n[0].v, xb.g[0, 0..9];
  vcd = "out/run1.vcd";
}
sweep tau {
  run = run1;
  vary PE.neurons.tau_s over [10ms, 30ms, 50ms, 70ms];
  keep tau_r = tau_s / 10;
  metrics = [accuracy, energy_per_inference, area];
}
`;

describe('formatSource', () => {
  it('formats the language example canonically', () => {
    expect(fmtChecked(EXAMPLE)).toBe(EXPECTED);
  });

  it('spacing of expressions; numbers and strings as written', () => {
    expect(fmtChecked('const X=-2^2+(3*tau)/10-min(a,b=1);')).toBe('const X = -2^2 + (3 * tau) / 10 - min(a, b = 1);\n');
    expect(fmtChecked('const X = 10.14pF*4.56kOhm;const Y=[ ];const Z="a\\"b";')).toBe(
      'const X = 10.14pF * 4.56kOhm;\nconst Y = [];\nconst Z = "a\\"b";\n');
    expect(fmtChecked('const X=<2fF/um^2>;const Y=< 1 J per m*s^-1 >;const Z=<3 per s>;')).toBe(
      'const X = <2 fF per um^2>;\nconst Y = <1 J per m * s^-1>;\nconst Z = <3 per s>;\n');
    expect(fmtChecked('const X = 1e-3 - - 2 ;')).toBe('const X = 1e-3 - -2;\n');
  });

  it('empty blocks, instance forms, parameters', () => {
    expect(fmtChecked('macro M(){}circuit C{}')).toBe('macro M {}\ncircuit C {}\n');
    expect(fmtChecked('macro M(a,b=2){x y;x y[1,2]:T;x y:T(a=1){}io{}}')).toBe(
      'macro M(a, b = 2) {\n  x y;\n  x y[1, 2] : T;\n  x y : T(a = 1) {}\n  io {}\n}\n');
  });

  it('blank lines: at most one kept, none at the start of a block or file', () => {
    expect(fmtChecked('\n\n\nconst A = 1;\n\n\n\nconst B = 2;\nconst C = 3;\n\n\n')).toBe(
      'const A = 1;\n\nconst B = 2;\nconst C = 3;\n');
    expect(fmtChecked('device D : rram {\n\n  a = 1;\n\n\n  b = 2;\n\n}\n')).toBe(
      'device D : rram {\n  a = 1;\n\n  b = 2;\n}\n');
  });

  it('comments: leading, trailing, dangling, inside expressions, end of file', () => {
    const text = [
      '// header',
      '',
      '/* about A */ const A = 1; // trailing A',
      'device D : rram { // after brace',
      '  // leading a',
      '  a = 1 + /* inside */ 2;',
      '  b = 2; /* t1 */ /* t2 */',
      '  // dangling before }',
      '}',
      'macro M {',
      '  io {',
      '    // only a comment',
      '  }',
      '}',
      '/* multi',
      '   line */',
      '// the end   ',
    ].join('\n');
    expect(fmtChecked(text)).toBe([
      '// header',
      '',
      '/* about A */',
      'const A = 1; // trailing A',
      'device D : rram { // after brace',
      '  // leading a',
      '  a = 1 + 2; /* inside */',
      '  b = 2; /* t1 */ /* t2 */',
      '  // dangling before }',
      '}',
      'macro M {',
      '  io {',
      '    // only a comment',
      '  }',
      '}',
      '/* multi',
      '   line */',
      '// the end',
      '',
    ].join('\n'));
  });

  it('a line comment inside a statement moves to its end', () => {
    expect(fmtChecked('const A = 1 + // one\n  2 // two\n  ;\nconst B = 2;')).toBe(
      'const A = 1 + 2; // one\n// two\nconst B = 2;\n');
  });

  it('returns null and reports the errors when the input does not parse', () => {
    const d = new Diagnostics();
    expect(formatSource(new SourceText('bad.snn', 'const X = ;'), d)).toBeNull();
    expect(d.items.map((x) => x.code)).toEqual(['SNN2001']);
    expect(fmt('const X = 1 @;')).toBeNull();
    expect(fmt('')).toBe('');
    expect(fmt('// only\n')).toBe('// only\n');
  });

  it('keeps the AST and is idempotent when comments and blank lines are sprinkled anywhere', () => {
    const toks = lex(new SourceText('e.snn', EXAMPLE), new Diagnostics()).tokens;
    const cuts = toks.map((t) => t.startOffset);
    const insert = fc.array(
      fc.tuple(fc.constantFrom(...cuts), fc.constantFrom('// c\n', '/* c */', '/* a\n b */', '\n\n', '\n\n\n// x\n\n')),
      { maxLength: 8 },
    ).map((ins) => {
      let s = EXAMPLE;
      for (const [at, what] of [...ins].sort((a, b) => b[0] - a[0])) s = s.slice(0, at) + what + ' ' + s.slice(at);
      return s;
    });
    fc.assert(fc.property(insert, (text) => { fmtChecked(text); }), { numRuns: 200 });
  });
});
