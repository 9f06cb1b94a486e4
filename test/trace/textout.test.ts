// Output destinations: atomic publication of files.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { AtomicFileOut, MemoryOut } from '../../src/trace/textout.js';

describe('AtomicFileOut', () => {
  it('replaces an existing file only on close', () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-out-'));
    const path = join(dir, 'x.vcd');
    writeFileSync(path, 'old');
    const o = new AtomicFileOut(path, { fsync: false });
    o.write('new ');
    o.write('text');
    expect(readFileSync(path, 'latin1')).toBe('old');
    o.close();
    expect(readFileSync(path, 'latin1')).toBe('new text');
    expect(readdirSync(dir)).toEqual(['x.vcd']);
    expect(() => o.write('more')).toThrow(/closed/);
  });

  it('deletes its temporary file when the process exits without close', () => {
    // The child runs the compiled module: test/global-setup.ts builds dist/ before the suites.
    const dist = new URL('../../dist/trace/textout.js', import.meta.url).pathname;
    expect(existsSync(dist), 'dist/ missing: run npm run build').toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'snn-out-'));
    const r = spawnSync(process.execPath, ['--input-type=module', '-e',
      `import { AtomicFileOut } from ${JSON.stringify(dist)}; const o = new AtomicFileOut(${JSON.stringify(join(dir, 'y.vcd'))}); o.write('x'); process.exit(3);`]);
    expect(r.status, r.stderr.toString()).toBe(3);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('MemoryOut', () => {
  it('concatenates chunks', () => {
    const m = new MemoryOut();
    m.write('a'); m.write('b');
    expect(m.text()).toBe('ab');
    m.write('c');
    expect(m.text()).toBe('abc');
  });
});
