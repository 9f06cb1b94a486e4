// The command line as a user meets it: help and version, exit statuses (0 clean, 1 input
// errors, 2 usage/internal), the JSON diagnostics format, no stack traces on hostile input,
// and no output file left behind by a failed run.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, snn } from '../helpers/cli.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'snn-cli-'));
const STACK = /\n\s+at .+\(.*:\d+:\d+\)|\bat Object\.|node:internal/;

describe('snn CLI', () => {
  it('prints help for the program and each command', () => {
    const r = snn(['--help']);
    expect(r.status).toBe(0);
    for (const c of ['check', 'elaborate', 'fmt']) expect(r.stdout).toContain(c);
    for (const c of ['check', 'elaborate', 'fmt']) {
      const h = snn([c, '--help']);
      expect(h.status).toBe(0);
      expect(h.stdout).toContain(`snn ${c}`);
    }
  });
  it('prints the package version', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(snn(['--version']).stdout.trim()).toBe(pkg.version);
  });
  it('exits 2 on usage errors', () => {
    const r = snn(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('SNN9004');
    expect(snn(['check']).status).toBe(2);
  });
  it('exits 1 with located errors, 0 when clean', () => {
    const d = tmp();
    fs.writeFileSync(path.join(d, 'bad.snn'), 'const a = 1V + 1A;\nconst b = 2V;\n');
    fs.writeFileSync(path.join(d, 'good.snn'), 'const a = 1V + 2V;\n');
    const bad = snn(['check', 'bad.snn'], { cwd: d });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('bad.snn:1:11: error SNN3002');
    expect(bad.stderr).toMatch(/\n1 \| const a = 1V \+ 1A;\n {2}\| {11}\^{7}\n/);
    expect(snn(['check', 'good.snn'], { cwd: d }).status).toBe(0);
  });
  it('prints JSON diagnostics with spans', () => {
    const d = tmp();
    fs.writeFileSync(path.join(d, 'bad.snn'), 'const a = 1V + 1A;\n');
    const r = snn(['check', '--format', 'json', 'bad.snn'], { cwd: d });
    expect(r.status).toBe(1);
    const arr = JSON.parse(r.stdout);
    expect(arr).toHaveLength(1);
    expect(arr[0]).toMatchObject({ code: 'SNN3002', severity: 'error', file: 'bad.snn', line: 1, column: 11, endLine: 1, endColumn: 18 });
  });
  it('never prints a stack trace, whatever the input', () => {
    const d = tmp();
    const bytes = Buffer.alloc(4096);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) { x = (x * 1103515245 + 12345) >>> 0; bytes[i] = x >>> 24; }
    fs.writeFileSync(path.join(d, 'noise.snn'), bytes);
    fs.writeFileSync(path.join(d, 'deep.snn'), `const a = ${'('.repeat(20000)}1${')'.repeat(20000)};\n`);
    fs.mkdirSync(path.join(d, 'dir.snn'));
    for (const f of ['noise.snn', 'deep.snn', 'dir.snn', 'missing.snn']) {
      for (const cmd of ['check', 'elaborate', 'fmt']) {
        const r = snn([cmd, f], { cwd: d });
        expect(r.status, `${cmd} ${f}: ${r.stderr}`).toBeGreaterThan(0);
        expect(r.status).toBeLessThan(3);
        expect(r.stderr + r.stdout).not.toMatch(STACK);
        expect(r.stderr).toMatch(/SNN\d{4}/);
      }
    }
  });
  it('leaves no output file behind when elaboration fails', () => {
    const d = tmp();
    fs.writeFileSync(path.join(d, 'bad.snn'), 'macro M { tia t[0] { } }\n');
    const r = snn(['elaborate', 'bad.snn', '--json', '-o', 'out/ir.json'], { cwd: d });
    expect(r.status).toBe(1);
    expect(fs.existsSync(path.join(d, 'out', 'ir.json'))).toBe(false);
    expect(fs.readdirSync(d).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('snn fmt on the shipped sources', () => {
  it('the examples and the standard library are in canonical layout', () => {
    const files = ['examples', 'lang/std'].flatMap((d) => fs.readdirSync(path.join(ROOT, d)).filter((f) => f.endsWith('.snn')).map((f) => `${d}/${f}`));
    const r = snn(['fmt', '--check', ...files]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('README', () => {
  it("the tour's .snn snippet checks clean", () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const m = /```snn\n([\s\S]*?)```/.exec(readme);
    expect(m).not.toBeNull();
    const d = tmp();
    fs.writeFileSync(path.join(d, 'tour.snn'), m![1]!);
    const r = snn(['check', 'tour.snn'], { cwd: d });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('review fixes', () => {
  it('fmt --write formats through a symlink and keeps the mode', () => {
    const d = tmp();
    fs.writeFileSync(path.join(d, 't.snn'), 'const   a=1V;\n', { mode: 0o640 });
    fs.chmodSync(path.join(d, 't.snn'), 0o640);
    fs.symlinkSync('t.snn', path.join(d, 'link.snn'));
    expect(snn(['fmt', '--write', 'link.snn'], { cwd: d }).status).toBe(0);
    expect(fs.lstatSync(path.join(d, 'link.snn')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(d, 't.snn'), 'utf8')).toBe('const a = 1V;\n');
    expect(fs.statSync(path.join(d, 't.snn')).mode & 0o777).toBe(0o640);
  });
  it('fmt --format json prints one array for several files', () => {
    const d = tmp();
    fs.writeFileSync(path.join(d, 'a.snn'), 'const a = ;\n');
    fs.writeFileSync(path.join(d, 'b.snn'), 'const b = ;\n');
    const r = snn(['fmt', '--format', 'json', 'a.snn', 'b.snn'], { cwd: d });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).map((x: { file: string }) => x.file)).toEqual(['a.snn', 'b.snn']);
  });
  it('an instance array over 2^24 elements is a located error, not a crash later', () => {
    const d = tmp();
    fs.writeFileSync(path.join(d, 'big.snn'), 'macro M { tia t[100000000] { } }\n');
    const r = snn(['check', 'big.snn'], { cwd: d });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('big.snn:1:17: error SNN7003');
  });
  it('a byte-order mark does not shift columns', () => {
    const d = tmp();
    fs.writeFileSync(path.join(d, 'bom.snn'), '\uFEFFconst a = 1V + 1A;\n');
    expect(snn(['check', 'bom.snn'], { cwd: d }).stderr).toContain('bom.snn:1:11: error SNN3002');
  });
  it('sim refuses a non-positive duration and an unusable resolution', () => {
    const s1 = path.join(ROOT, 'examples', 's1_pe_macro.snn');
    expect(snn(['sim', s1, '--duration', '-1s']).status).toBe(2);
    expect(snn(['sim', s1, '--resolution', '1s']).stderr).toContain('--resolution must be between 1as and 1ns');
  });
  it('standard-library files are named std/... in the IR', () => {
    const r = snn(['elaborate', path.join(ROOT, 'examples', 's3_adaptive_threshold.snn'), '--json']);
    expect(JSON.parse(r.stdout).files.filter((f: string) => f.startsWith('std'))).toEqual(['std/technology.snn', 'std/devices.snn', 'std/neurons.snn', 'std/circuits.snn']);
  });
});
