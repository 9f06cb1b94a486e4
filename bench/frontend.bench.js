// Front-end throughput: lex + parse + check + elaborate of a generated 10,000-line file,
// in lines per second (median of several runs after a warm-up).
import '../dist/driver/tune.js';
import { check } from '../dist/driver/pipeline.js';
import { generateDesign } from './gen-design.js';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const text = generateDesign(10000);
const lines = text.split('\n').length;
const file = path.join(here, 'generated-10k.snn'); // never written: the text is passed in memory

const run = () => {
  const t0 = process.hrtime.bigint();
  const r = check(file, { entryText: text });
  const dt = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.diags.hasErrors) {
    console.error(r.diags.items.slice(0, 5));
    throw new Error('the generated design has errors');
  }
  return dt;
};
for (let i = 0; i < 3; i++) run();
const times = [];
for (let i = 0; i < 9; i++) times.push(run());
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(JSON.stringify({ name: 'frontend_lines_per_s', value: Math.round(lines / median), unit: 'lines/s' }));
console.log(JSON.stringify({ name: 'frontend_10k_lines_median', value: +(median * 1e3).toFixed(2), unit: 'ms' }));
