// The generated twin (what `snn sim` runs: the module `snn compile` writes, its model classes
// specialised to the design) against the runtime's unspecialised model classes (simulate()),
// on the twin benchmark's workload as a design (bench/pe128x24.snn: 128 x 24 PE macro, SRM
// neurons, about 10^6 Poisson input spikes over 300 us).
// Run after `npm run build`: node bench/twin-generated.bench.js [runs]
// Prints JSON lines: synaptic events per second of the generated twin (create + run, median
// of `runs`), of simulate() on the same IR and stimulus, and their ratio; the two must give
// identical spike times (checked; the bench fails otherwise).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { frontEnd } from '../dist/driver/pipeline.js';
import { compileTwin } from '../dist/twin/compiled.js';
import { simulate } from '../dist/twin/simulate.js';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.argv[2] ?? 7);
const N = 1_000_000, SPAN = 300e-6, ROWS = 128, RES = 1e-15;

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(12345);
const times = new Float64Array(N);
for (let i = 0; i < N; i++) times[i] = Math.round((rand() * SPAN) / RES) * RES;
times.sort();
const channels = new Int32Array(N);
for (let i = 0; i < N; i++) channels[i] = Math.floor(rand() * ROWS);
const nan = () => new Float64Array(N).fill(NaN);
const stimulus = { times, channels, amplitudes: nan(), widths: nan(), rises: nan(), falls: nan(), count: N };

const fe = frontEnd(join(here, 'pe128x24.snn'));
if (!fe.ir) throw new Error('bench/pe128x24.snn does not elaborate');
const ir = fe.ir, baseDir = here, duration = SPAN * 1.01;
const { module: twin } = await compileTwin(ir, { baseDir, cacheDir: mkdtempSync(join(tmpdir(), 'snn-bench-gen-')) });

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const gen = [], rt = [];
let a = null, b = null;
for (let k = 0; k < RUNS + 1; k++) { // the first round warms up
  let t0 = process.hrtime.bigint();
  const t = twin.create();
  const errors = twin.run(t, stimulus, duration);
  if (errors.length > 0) throw new Error(errors.join('; '));
  const sg = Number(process.hrtime.bigint() - t0) / 1e9;
  a = twin.summary(t);
  t0 = process.hrtime.bigint();
  b = simulate(ir, stimulus, { baseDir, duration });
  const sr = Number(process.hrtime.bigint() - t0) / 1e9;
  if (k > 0) { gen.push(sg); rt.push(sr); }
}
if (JSON.stringify(a.spikes) !== JSON.stringify(b.spikes) || a.synaptic_ops !== b.synaptic_ops) throw new Error('generated twin and simulate() differ');
const ops = a.synaptic_ops;
console.log(JSON.stringify({ name: 'twin_generated_s1_synaptic_events_per_s', value: Math.round(ops / median(gen)), unit: 'events/s' }));
console.log(JSON.stringify({ name: 'twin_runtime_classes_s1_synaptic_events_per_s', value: Math.round(ops / median(rt)), unit: 'events/s' }));
console.log(JSON.stringify({ name: 'twin_generated_speedup_vs_runtime_classes', value: +(median(rt) / median(gen)).toFixed(3), unit: 'x' }));
