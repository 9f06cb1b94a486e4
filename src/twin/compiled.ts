// Compiled twins: IR -> generated module (codegen/generate.ts) -> JavaScript -> a cached file
// -> import(). What `snn sim` runs, so the generated code is the one engine.
// Input: a DesignIR and options (build options as for simulate(), the cache folder, the
//   source name for the header).
// Output: the imported module (TwinModule: DESIGN, create, run, probe, counters, summary).
// Invariants: the cache key is a hash of (snn version, runtime URL, header fields, printed
//   IR, plan) computed before any code is generated, so a hit loads neither TypeScript nor
//   ts-morph (both are imported only on a miss); a cache file is written atomically
//   (temporary file, then rename), so concurrent runs never see half a file; the cached
//   module imports the runtime by the absolute file URL of dist/twin/runtime.js and so
//   loads from anywhere.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DesignIR } from '../elaborate/ir.js';
import { printIR } from '../elaborate/print.js';
import type { SpikeList } from '../data/spikes.js';
import type { Activity, CreateOptions, SimResult, Twin, TwinDesign } from './runtime.js';
import { buildPlan, planJson, type PlanOptions, type TwinPlan } from './codegen/plan.js';
import { snnVersion } from './codegen/version.js';

/** What a generated twin module exports (see the header of any file in generated/). */
export interface TwinModule {
  readonly DESIGN: TwinDesign;
  create(opts?: CreateOptions): Twin;
  run(twin: Twin, stimulus: SpikeList, untilSeconds?: number, onProgress?: (fraction: number) => void): string[];
  probe(twin: Twin, path: string, signal: string, ch?: number): number;
  counters(twin: Twin): Record<string, Activity>;
  summary(twin: Twin): SimResult;
}

export interface LoadOptions extends PlanOptions {
  /** Cache folder (default: $SNN_CACHE_DIR, else <OS temp>/.snn-cache). */
  cacheDir?: string;
  /** The input file as the user named it, for the header (default: the IR's top file). */
  source?: string;
  /** The run name for the header (default: none). */
  run?: string | null;
}

export interface Loaded {
  module: TwinModule;
  plan: TwinPlan;
  /** The cached JavaScript file. */
  file: string;
  /** True when the file was already there (no code was generated). */
  hit: boolean;
  key: string;
}

/** dist/twin/runtime.js as a file URL (from dist/twin/ directly; from src/twin/ via ../../dist). */
export function runtimeUrl(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const beside = path.join(here, 'runtime.js');
  return pathToFileURL(fs.existsSync(beside) ? beside : path.resolve(here, '..', '..', 'dist', 'twin', 'runtime.js')).href;
}

export function defaultCacheDir(): string {
  return process.env['SNN_CACHE_DIR'] || path.join(os.tmpdir(), '.snn-cache');
}

function writeAtomic(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** Plan, key, and (on a miss) generate + transpile + write; then import. */
export async function compileTwin(ir: DesignIR, opts: LoadOptions = {}): Promise<Loaded> {
  const plan = buildPlan(ir, opts);
  const version = snnVersion(), runtime = runtimeUrl();
  const source = opts.source ?? ir.files[0] ?? 'design.snn', run = opts.run ?? null;
  const key = createHash('sha256')
    .update(JSON.stringify([version, runtime, source, run])).update('\0')
    .update(printIR(ir)).update('\0')
    .update(planJson(plan))
    .digest('hex').slice(0, 32);
  const file = path.join(opts.cacheDir ?? defaultCacheDir(), `twin-${key}.mjs`);
  const hit = fs.existsSync(file);
  if (!hit) {
    // TypeScript as ts-morph bundles it (one copy of the compiler loaded, not two).
    const [{ generateTwin }, { ts }] = await Promise.all([import('./codegen/generate.js'), import('ts-morph')]);
    const text = generateTwin(ir, plan, { source, run, runtime, version });
    const js = ts.transpileModule(text, {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, sourceMap: false },
      fileName: 'twin.ts',
    }).outputText;
    writeAtomic(file, js);
  }
  const module = (await import(pathToFileURL(file).href)) as TwinModule;
  return { module, plan, file, hit, key };
}

/** The compiled twin of a design (see compileTwin). */
export async function loadTwin(ir: DesignIR, opts: LoadOptions = {}): Promise<TwinModule> {
  return (await compileTwin(ir, opts)).module;
}
