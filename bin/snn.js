#!/usr/bin/env node
// Launcher: the compiled CLI lives in dist/ (built by `npm ci` through the prepare script).
import('../dist/driver/tune.js').then(() => import('../dist/cli/main.js')).then((m) => m.main(process.argv.slice(2))).catch((err) => {
  process.stderr.write(`snn: internal error SNN9001: ${err && err.message ? err.message : String(err)}\n`);
  process.exit(2);
});
