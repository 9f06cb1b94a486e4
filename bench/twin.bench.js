// Digital-twin throughput on S1's PE macro: 128 x 24 crossbar, differential pairs, TIA,
// SRM neurons (tau_s = 1 us, tau_r = 0.1 us), 1 ns input spikes, about 10^6 spikes over
// 300 us, threshold set so that about half of the columns fire.
// Run after `npm run build`: node bench/twin.bench.js [runs]
// Prints JSON lines: synaptic events per second without tracing (median of `runs`), with
// tracing into the VCD writer (src/trace/vcd.ts; a NullSink if it is missing, named in the
// metric): output spikes only, and the full raster of input and output spikes, each with
// its slowdown (the median ratio of traced to untraced runs taken in pairs); and the
// workload's shape (spikes, synaptic events, output spikes, firing columns). A synaptic
// event is one active cell read: an input pulse times the 24 columns.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../dist/twin/engine/engine.js';
import { buildS1 } from '../dist/twin/macro-s1-build.js';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.argv[2] ?? 5);
const ROWS = 128, COLS = 24, N_SPIKES = 1_000_000, SPAN = 300e-6, RES = 1e-15;

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

// Stimulus: a Poisson process of N_SPIKES over SPAN (uniform order statistics), uniform rows.
const rand = mulberry32(12345);
const times = new Float64Array(N_SPIKES);
for (let i = 0; i < N_SPIKES; i++) times[i] = Math.round((rand() * SPAN) / RES);
times.sort();
const chs = new Int32Array(N_SPIKES);
for (let i = 0; i < N_SPIKES; i++) chs[i] = Math.floor(rand() * ROWS);

// Weights: column means from -0.5 to +0.5 plus spread, so the columns range from silent
// to strongly driven; v_th puts the firing boundary in the middle.
const weights = new Float64Array(ROWS * COLS);
for (let i = 0; i < ROWS; i++) {
  for (let j = 0; j < COLS; j++) {
    const m = -0.5 + j / (COLS - 1);
    weights[i * COLS + j] = Math.max(-1, Math.min(1, m + 0.4 * (2 * rand() - 1)));
  }
}
const design = {
  path: 'pe', rows: ROWS, cols: COLS, weights,
  io: { width: 1e-9, amplitude: 0.2 },
  crossbar: { g_min: 1e-6, g_max: 1e-4, w_max: 1, differential: true },
  tia: { gain: 5e4, rails: [-10, 10] },
  srm: { tau_s: 1e-6, tau_r: 0.1e-6, theta: 1, v_th: 0.25 },
};

async function vcdSink(path) {
  const file = join(here, '..', 'dist', 'trace', 'vcd.js');
  if (!existsSync(file)) return null;
  const { openVcdFile } = await import('../dist/trace/vcd.js');
  return openVcdFile(path, { resolution: '1fs', fsync: false });
}

function runOnce(sink, probes) {
  const t0 = process.hrtime.bigint(), c0 = process.cpuUsage();
  const e = new Engine({ resolution: RES, seed: 7, sink, probes: sink ? probes : null });
  const b = buildS1(e, design, true);
  e.stimulus(b.input, 'in', times, chs);
  e.run(e.ticks(SPAN + 5e-6));
  e.finish();
  if (sink) sink.close();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cu = process.cpuUsage(c0), cpu = (cu.user + cu.system) / 1e6;
  const m = b.output;
  const xb = m.instances().find((x) => x.kind === 'crossbar').counters;
  const rec = e.spikes[e.models.indexOf(m)];
  const firing = new Set();
  for (let k = 0; k < rec.n; k++) firing.add(rec.ch[k]);
  return { wall, cpu, syn: xb.synaptic_ops, out: rec.n, firing: firing.size, events: e.totalEvents() };
}

const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };

// Machine calibration: a fixed plain-JS kernel (24-column decay + threshold test, the shape
// of the twin's inner loop). Shared 2-core VMs vary by 2x from minute to minute; divide the
// rates by this figure's inverse to compare runs taken at different times.
function calibrate() {
  const C = 24, S = new Float64Array(C).fill(0.5), a = new Float64Array(128 * C).fill(1e-3), hs = new Float64Array(C);
  let c = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < 1e6; i++) {
    const base = (i & 127) * C;
    for (let j = 0; j < C; j++) { const d = S[j] * 0.9999 + 1e-3 * a[base + j]; S[j] = d; if ((d > 0 ? d : 0) + 0.01 - hs[j] * 0.5 >= 10) c++; }
  }
  return { ns: Number(process.hrtime.bigint() - t0) / 1e6, c };
}
calibrate();
const calib = median([calibrate().ns, calibrate().ns, calibrate().ns]);

runOnce(null); runOnce(null); // warm-up (JIT)
const plain = [], plainCpu = [];
let shape;
for (let r = 0; r < RUNS; r++) { shape = runOnce(null); plain.push(shape.syn / shape.wall); plainCpu.push(shape.syn / shape.cpu); }

const dir = mkdtempSync(join(tmpdir(), 'snn-bench-twin-'));
let sinkKind = 'vcd';
// Each traced run is paired with an untraced run just before it, and the slowdown is the
// median of the pairs' ratios: a drift of this shared machine's speed between the phases of
// the bench then does not enter the ratio (the traced rate itself is the median traced run).
async function traced(probes, tag) {
  const rates = [], ratios = [];
  for (let r = 0; r < RUNS; r++) {
    const base = runOnce(null);
    const file = join(dir, `twin-${tag}-${r}.vcd`);
    let sink = await vcdSink(file);
    if (!sink) {
      sinkKind = 'null';
      const { NullSink } = await import('../dist/trace/sink.js');
      sink = new NullSink();
    }
    const s = runOnce(sink, probes);
    rmSync(file, { force: true });
    rates.push(s.syn / s.wall);
    ratios.push(s.wall / base.wall);
  }
  return { rate: median(rates), slowdown: median(ratios) };
}
// outputs only (24 spike wires), and the full raster (128 input and 24 output wires:
// about 2 x 10^6 value changes, bound by the VCD writer's own throughput)
const tracedOut = await traced(['pe.out*'], 'out');
const tracedAll = await traced(['pe.in*', 'pe.out*'], 'all');
rmSync(dir, { recursive: true, force: true });

const out = (name, value, unit) => console.log(JSON.stringify({ name, value, unit }));
const p = median(plain);
out('twin_s1_synaptic_events_per_s', Math.round(p), '1/s');
// per CPU second of this process: less sensitive to other load on a shared machine
out('twin_s1_synaptic_events_per_cpu_s', Math.round(median(plainCpu)), '1/s');
out('twin_s1_synaptic_events_per_s_best', Math.round(Math.max(...plain)), '1/s');
out(`twin_s1_synaptic_events_per_s_traced_${sinkKind}_outputs`, Math.round(tracedOut.rate), '1/s');
out(`twin_s1_synaptic_events_per_s_traced_${sinkKind}_inputs_outputs`, Math.round(tracedAll.rate), '1/s');
out('twin_s1_trace_slowdown_outputs', +tracedOut.slowdown.toFixed(2), 'x');
out('twin_s1_trace_slowdown_inputs_outputs', +tracedAll.slowdown.toFixed(2), 'x');
out('twin_s1_wall_per_run', +(shape.syn / p).toFixed(4), 's');
out('twin_machine_calibration_kernel', +calib.toFixed(1), 'ns per 24-column pass');
out('twin_s1_input_spikes', N_SPIKES, '1');
out('twin_s1_synaptic_events', shape.syn, '1');
out('twin_s1_events', shape.events, '1');
out('twin_s1_output_spikes', shape.out, '1');
out('twin_s1_firing_columns', shape.firing, `of ${COLS}`);
