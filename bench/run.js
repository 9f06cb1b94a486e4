// `npm run bench`: runs every bench/*.bench.js in name order, each in its own Node process
// (so one bench's heap and JIT state cannot skew another), and forwards the JSON lines
// {"name":...,"value":...,"unit":...} they print on stdout. Other stdout lines and all of
// stderr are passed to stderr. Run after `npm run build` (benches import ../dist/...).
// Usage: node bench/run.js [substring ...]   (only benches whose file name contains one)
// Exit code: 1 if any bench failed (the others still run).
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();

let failed = 0;
for (const f of files) {
  process.stderr.write(`bench: ${f}\n`);
  const r = spawnSync(process.execPath, [join(here, f)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  for (const line of (r.stdout ?? '').split('\n')) {
    if (line.trim() === '') continue;
    let ok = false;
    try {
      const o = JSON.parse(line);
      ok = o !== null && typeof o === 'object' && typeof o.name === 'string' && 'value' in o && typeof o.unit === 'string';
    } catch { /* not JSON */ }
    if (ok) process.stdout.write(line + '\n');
    else process.stderr.write(`${f}: ${line}\n`);
  }
  if (r.status !== 0) {
    failed++;
    process.stderr.write(`bench: ${f} failed (${r.error ? r.error.message : `exit ${r.status ?? r.signal}`})\n`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
