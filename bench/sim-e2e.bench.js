// End-to-end time of `snn sim` on the twin benchmark's workload (bench/pe128x24.snn: a
// 128 x 24 PE macro, about 10^6 Poisson input spikes over 300 us), as a user runs it: a new
// Node process that parses, elaborates, builds the stimulus, loads the compiled twin and runs
// it. "cold": an empty twin cache (the twin is generated with ts-morph and transpiled);
// "warm": the cache already holds it. Medians of several runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'bin', 'snn.js');
const design = join(here, 'pe128x24.snn');
const RUNS = Number(process.argv[2] ?? 5);

function once(cacheDir) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, 'sim', design, '--json', join(cacheDir, 'summary.json')], {
    encoding: 'utf8', env: { ...process.env, SNN_CACHE_DIR: cacheDir },
  });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`snn sim failed: ${r.stderr}`);
  return s;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const cold = [], warm = [];
for (let i = 0; i < RUNS; i++) cold.push(once(mkdtempSync(join(tmpdir(), 'snn-bench-cold-'))));
const shared = mkdtempSync(join(tmpdir(), 'snn-bench-warm-'));
once(shared);
for (let i = 0; i < RUNS; i++) warm.push(once(shared));
console.log(JSON.stringify({ name: 'snn_sim_e2e_cold_128x24_1M_spikes', value: +median(cold).toFixed(3), unit: 's' }));
console.log(JSON.stringify({ name: 'snn_sim_e2e_warm_128x24_1M_spikes', value: +median(warm).toFixed(3), unit: 's' }));
