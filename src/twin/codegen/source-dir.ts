// Where the runtime's TypeScript sources are: the templates of specialised model classes.
// Input: none (this module's own location).
// Output: the package's src/twin folder, or null when the package ships without sources.
// Invariants: light (no TypeScript or ts-morph loaded), so the twin cache can hash the
//   templates on every run without slowing a cache hit.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export function twinSourceDir(): string | null {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'package.json'))) {
      const src = path.join(dir, 'src', 'twin');
      return fs.existsSync(src) ? src : null;
    }
    dir = path.dirname(dir);
  }
  return null;
}
