// Throughput of the syntax layer on a generated 10,000-line file. The assertion is a loose floor
// (test machines are shared and noisy); the measured figures are printed for the record.
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { SourceText } from '../../src/diagnostics/span.js';
import { lex } from '../../src/syntax/lexer.js';
import { parseSource } from '../../src/syntax/parse.js';
import { parseTokens } from '../../src/syntax/parser.js';

/** A realistic file of `lines` lines: every construct, comments, quantities, calls, paths. */
export function generateSource(lines: number): string {
  const out: string[] = [];
  for (let i = 1; out.length < lines; i++) {
    out.push(
      `// block ${i}`,
      `const VDD${i} = 1.8V;`,
      `device HfO2_${i} : rram {`,
      '  g_min = 2uS; g_max = 150uS; levels = 32;',
      '  program_sigma = 3%; read_noise = 1%;',
      '  cap = <2 fF per um^2>;',
      '}',
      `neuron SRM${i} : srm {`,
      '  tau_s = 50ms; tau_r = 5ms; theta = 1.0;',
      `  clip = [0V, VDD${i}];`,
      '  x = -2^2 + (3 * tau_s) / 10 - min(a, b);',
      '}',
      `macro PE${i}(rows = 128, cols = 24) {`,
      '  timescale = 50000;',
      `  crossbar xb[rows, cols] { cell = 1T1R; config = MOD; device = HfO2_${i}; }`,
      `  neurons n[cols] : SRM${i};`,
      '  connect xb.columns -> t -> n;',
      '}',
      `simulate run${i} { design = digits; probe n[*].spike, n[0].v, xb.g[0, 0..9]; }`,
      '',
    );
  }
  return out.slice(0, lines).join('\n') + '\n';
}

function best(runs: number, f: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

describe('syntax throughput', () => {
  it('lexes and parses a 10,000-line file quickly', () => {
    const text = generateSource(10_000);
    const src = new SourceText('bench.snn', text);
    const d = new Diagnostics();
    const program = parseSource(src, d);
    expect(d.items).toEqual([]);
    expect(program.items.length).toBe(2500); // 5 declarations per 20-line block

    const tokens = lex(src, new Diagnostics()).tokens;
    const tLex = best(5, () => lex(src, new Diagnostics()));
    const tParse = best(5, () => parseTokens(tokens, text));
    const tAll = best(5, () => parseSource(src, new Diagnostics()));
    const rate = (ms: number) => Math.round(10_000 / (ms / 1000));
    console.log(
      `syntax throughput, 10,000 lines (${text.length} chars, ${tokens.length} tokens): `
      + `lex ${tLex.toFixed(1)} ms, parse ${tParse.toFixed(1)} ms -> lex+parse ${rate(tLex + tParse)} lines/s; `
      + `parseSource (lex, parse, AST) ${tAll.toFixed(1)} ms -> ${rate(tAll)} lines/s`,
    );
    expect(rate(tAll)).toBeGreaterThan(10_000); // catches a quadratic slip, not a noisy machine
  });
});
