// Builds dist/ once before the suites, so that CLI tests run the compiled `snn` exactly as a
// user does (bin/snn.js -> dist/cli/main.js) and never a stale build. tsc emits even when a
// file has type errors; those are reported by test/typecheck.test.ts, not here, so that one
// file's type error does not hide every other suite's results.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) process.stderr.write(`global setup: tsc reported errors (see test/typecheck.test.ts):\n${r.stdout.slice(0, 2000)}\n`);
}
