// Policy for tests that need an external program (gtkwave, xvfb-run, vcd2fst, ngspice, admsXml).
// Input: tool names; the environment variable SNN_REQUIRE_TOOLS.
// Output: itWithTools(): a vitest test that runs when every tool is on PATH; when one is
//   missing it FAILS if SNN_REQUIRE_TOOLS=1 (CI), else it is skipped with a visible reason
//   in its title and a warning on stderr. runTool(): spawn with a hard timeout that kills
//   the whole process group (xvfb-run leaves Xvfb and the program behind otherwise).
// Invariants: a missing tool never makes a required test pass; lookups are cached.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { spawn } from 'node:child_process';
import { it } from 'vitest';

const found = new Map<string, string | null>();

/** Absolute path of an executable on PATH, or null. */
export function findTool(name: string): string | null {
  const hit = found.get(name);
  if (hit !== undefined) return hit;
  let path: string | null = null;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    try { accessSync(p, constants.X_OK); path = p; break; } catch { /* keep looking */ }
  }
  found.set(name, path);
  return path;
}

/** True when SNN_REQUIRE_TOOLS=1: missing tools fail tests instead of skipping them. */
export function toolsRequired(): boolean {
  return process.env.SNN_REQUIRE_TOOLS === '1';
}

/** The tools in `names` that are not on PATH. */
export function missingTools(names: readonly string[]): string[] {
  return names.filter((n) => findTool(n) === null);
}

/**
 * True if all tools are present. If some are missing: throws when SNN_REQUIRE_TOOLS=1,
 * else warns once on stderr and returns false (the caller skips).
 */
export function requireTool(...names: string[]): boolean {
  const miss = missingTools(names);
  if (miss.length === 0) return true;
  const msg = `missing tool(s): ${miss.join(', ')}`;
  if (toolsRequired()) throw new Error(`${msg} (SNN_REQUIRE_TOOLS=1)`);
  warnOnce(`[snn tests] SKIP: ${msg}; set SNN_REQUIRE_TOOLS=1 to make this a failure`);
  return false;
}

const warned = new Set<string>();
function warnOnce(msg: string): void {
  if (warned.has(msg)) return;
  warned.add(msg);
  process.stderr.write(msg + '\n');
}

/** `it` that needs external tools (see the file comment for the skip/fail policy). */
export function itWithTools(
  tools: string | readonly string[],
  title: string,
  fn: () => unknown | Promise<unknown>,
  timeoutMs?: number,
): void {
  const names = typeof tools === 'string' ? [tools] : [...tools];
  const miss = missingTools(names);
  if (miss.length === 0) { it(title, fn, timeoutMs); return; }
  if (toolsRequired()) {
    it(title, () => { throw new Error(`missing tool(s): ${miss.join(', ')} (SNN_REQUIRE_TOOLS=1)`); });
    return;
  }
  warnOnce(`[snn tests] SKIP: missing tool(s): ${miss.join(', ')}; set SNN_REQUIRE_TOOLS=1 to make this a failure`);
  it.skip(`${title} [skipped: missing ${miss.join(', ')}]`, fn);
}

export interface ToolResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

export interface RunOptions {
  readonly cwd?: string;
  /** Hard limit; on expiry the whole process group gets SIGKILL (default 60 s). */
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs a program in its own process group, collecting stdout/stderr, with a hard timeout. */
export function runTool(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd, env: opts.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '', stderr = '', timedOut = false;
    child.stdout.setEncoding('latin1').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('latin1').on('data', (d: string) => { stderr += d; });
    const killGroup = (): void => {
      if (child.pid === undefined) return;
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* group already gone */ }
    };
    const timer = setTimeout(() => { timedOut = true; killGroup(); }, opts.timeoutMs ?? 60_000);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      killGroup(); // leftovers of a finished xvfb-run, if any
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}
