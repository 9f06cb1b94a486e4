// loadTwin: generate -> transpile -> cache -> import. A miss writes one file, a hit reuses it
// without generating (and, in a fresh process, without loading TypeScript or ts-morph); the
// loaded module runs like simulate(), from a cache folder outside the repository.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTwin } from '../../../src/twin/compiled.js';
import { simulate, type SimResult } from '../../../src/twin/simulate.js';
import type { SpikeList } from '../../../src/data/spikes.js';
import { mulberry32, poissonSpikes } from '../helpers.js';
import { EXAMPLES, ROOT, exampleIr } from './util.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'snn-twin-cache-'));


function weights(): Float64Array {
  const rand = mulberry32(1), w = new Float64Array(128 * 12);
  for (let i = 0; i < 128; i++) for (let j = 0; j < 12; j++) w[i * 12 + j] = Math.max(-1, Math.min(1, -0.5 + (1.5 * j) / 11 + 0.4 * (2 * rand() - 1)));
  return w;
}

const same = (r: SimResult) => JSON.stringify({ ...r, wall_s: 0 });

describe('loadTwin', () => {
  it('misses once, then hits the same file; the unfused S1 chain runs like simulate()', async () => {
    const ir = exampleIr('s1_pe_macro'), cacheDir = tmp(), w = { xb: weights() };
    const opts = { baseDir: EXAMPLES, fuse: false, weights: w, cacheDir };
    const a = await compileTwin(ir, opts);
    const b = await compileTwin(ir, opts);
    expect(a.hit).toBe(false);
    expect(b.hit).toBe(true);
    expect(b.file).toBe(a.file);
    expect(fs.readdirSync(cacheDir)).toEqual([path.basename(a.file)]);
    expect(a.plan.models.map((m) => m.ctor)).toEqual(['Crossbar', 'Tia', 'Srm', 'IoDriver']);

    const stim = poissonSpikes(1000, 128, 0.1, 5);
    const want = simulate(ir, stim, { baseDir: EXAMPLES, fuse: false, weights: w, duration: 0.1 });
    const twin = b.module.create();
    expect(b.module.run(twin, stim, 0.1)).toEqual([]);
    expect(Object.values(want.spikes).some((s) => s.count > 0)).toBe(true);
    expect(same(b.module.summary(twin))).toBe(same(want));
  });

  it('keys the cache by the plan: other weights or a retimed design are another file', async () => {
    const ir = exampleIr('s1_pe_macro'), cacheDir = tmp();
    const a = await compileTwin(ir, { baseDir: EXAMPLES, cacheDir });
    const b = await compileTwin(ir, { baseDir: EXAMPLES, cacheDir, weights: { xb: weights() } });
    const c = await compileTwin(ir, { baseDir: EXAMPLES, cacheDir, timescale: 1 });
    expect(new Set([a.key, b.key, c.key]).size).toBe(3);
    expect(c.module.DESIGN.timescale).toBe(1);
  });

  it('a design with a part the twin cannot build: the twin refuses to run, as simulate() does', async () => {
    const base = exampleIr('s1_pe_macro');
    const ir = { ...base, instances: base.instances.map((i) => (i.path === 't' ? { ...i, kind: 'no_such_kind' } : i)) };
    const L = await compileTwin(ir, { baseDir: EXAMPLES, cacheDir: tmp() });
    expect(L.module.DESIGN.errors).toEqual(["the twin has no model for 't' (kind no_such_kind) yet"]);
    const stim = poissonSpikes(100, 128, 0.01, 4);
    const twin = L.module.create();
    const want = simulate(ir, stim, { baseDir: EXAMPLES, duration: 0.01 });
    expect(L.module.run(twin, stim, 0.01)).toEqual(want.errors);
    expect(same(L.module.summary(twin))).toBe(same(want));
  });

  it('a warm load in a fresh process loads neither TypeScript nor ts-morph (cold and warm times printed)', () => {
    const cacheDir = tmp();
    const script = `
      import { createRequire } from 'node:module';
      const t0 = performance.now();
      const { frontEnd } = await import(${JSON.stringify(path.join(ROOT, 'dist/driver/pipeline.js'))});
      const { compileTwin } = await import(${JSON.stringify(path.join(ROOT, 'dist/twin/compiled.js'))});
      const ir = frontEnd(${JSON.stringify(path.join(EXAMPLES, 's1_pe_macro.snn'))}).ir;
      const t1 = performance.now();
      const L = await compileTwin(ir, { baseDir: ${JSON.stringify(EXAMPLES)}, cacheDir: ${JSON.stringify(cacheDir)} });
      const t2 = performance.now();
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => /node_modules[\\\\/](typescript|ts-morph|@ts-morph)[\\\\/]/.test(k));
      const twin = L.module.create();
      console.log(JSON.stringify({ hit: L.hit, loadTwin_ms: t2 - t1, startup_ms: t1 - t0, compilerLoaded: loaded.length > 0, inputs: twin.input.width }));
    `;
    const runOnce = () => {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: os.tmpdir(), encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as { hit: boolean; loadTwin_ms: number; compilerLoaded: boolean; inputs: number };
    };
    const cold = runOnce(), warm = runOnce();
    expect(cold).toMatchObject({ hit: false, compilerLoaded: true, inputs: 128 });
    expect(warm).toMatchObject({ hit: true, compilerLoaded: false, inputs: 128 });
    console.log(`loadTwin S1: cold ${cold.loadTwin_ms.toFixed(0)} ms, warm ${warm.loadTwin_ms.toFixed(1)} ms`);
  });
});
