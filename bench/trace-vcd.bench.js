// VCD writer throughput and memory: 10^7 value changes into a file, like a long twin run.
// Run after `npm run build`: node bench/trace-vcd.bench.js [changes]
// Prints JSON lines: changes per second, and peak RSS of the whole process (which must stay
// flat: the writer holds one bounded text buffer, whatever the trace length).
import { openVcdFile } from '../dist/trace/vcd.js';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const target = Number(process.argv[2] ?? 1e7);
const dir = mkdtempSync(join(tmpdir(), 'snn-bench-vcd-'));
const path = join(dir, 'bench.vcd');

// A processing element: 256 neurons (membrane potential, spike), 64 synapse-row counters.
const N = 256, R = 64;
const w = openVcdFile(path, { resolution: '1ps' });
const v = [], spike = [], row = [];
for (let i = 0; i < N; i++) {
  v.push(w.declare({ scope: ['pe', `n[${i}]`], name: 'v_mem', kind: 'real', init: -0.07 }));
  spike.push(w.declare({ scope: ['pe', `n[${i}]`], name: 'spike', kind: 'wire' }));
}
for (let r = 0; r < R; r++) row.push(w.declare({ scope: ['pe', 'xbar'], name: `row${r}`, kind: 'vector', width: 16 }));

const vm = new Float64Array(N).fill(-0.07);
const cnt = new Uint16Array(R);
const sp = new Uint8Array(N);
let changes = 0;
let t = 0;
const t0 = process.hrtime.bigint();
while (changes < target) {
  t += 1000;
  w.time(t);
  // every tick: all potentials move (real), one in 8 neurons toggles its spike, one in 4
  // rows counts; every write is a real change, so `changes` counts lines written
  for (let i = 0; i < N; i++) {
    vm[i] += 1e-6 * (1 + (i % 5));
    w.real(v[i], vm[i]);
  }
  changes += N;
  for (let i = (t / 1000) & 7; i < N; i += 8) { sp[i] ^= 1; w.bit(spike[i], sp[i]); changes++; }
  for (let r = (t / 1000) & 3; r < R; r += 4) { cnt[r]++; w.vec(row[r], cnt[r]); changes++; }
}
w.close();
const dt = Number(process.hrtime.bigint() - t0) / 1e9;
const bytes = statSync(path).size;
rmSync(dir, { recursive: true, force: true });
const peakMiB = process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB

console.log(JSON.stringify({ name: 'vcd_changes_per_s', value: Math.round(changes / dt), unit: '1/s' }));
console.log(JSON.stringify({ name: 'vcd_peak_rss_10M_changes', value: +peakMiB.toFixed(1), unit: 'MiB' }));
console.log(JSON.stringify({ name: 'vcd_bytes_per_change', value: +(bytes / changes).toFixed(2), unit: 'B' }));
