// The plain `snn sim FILE --option value...` form is read without yargs (src/cli/quick-args.ts).
// Whatever it accepts must reach runSim exactly as yargs would pass it: generated argument
// lists (file names, options, values and forms that yargs reads in its own ways) go through
// both, runSim replaced by a recorder; a list the quick reader declines goes to yargs as before.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SimArgs } from '../../src/cli/sim.js';

const calls: SimArgs[] = [];
vi.mock('../../src/cli/sim.js', () => ({ runSim: async (a: SimArgs) => { calls.push(a); return 0; } }));

const { main } = await import('../../src/cli/main.js');
const { quickSimArgs } = await import('../../src/cli/quick-args.js');

class Exit extends Error { constructor(readonly code: number | undefined) { super(`exit ${code}`); } }

/** What the yargs path hands to runSim for argv, or 'refused' when it exits with a usage error instead. */
async function throughYargs(argv: string[]): Promise<SimArgs | 'refused'> {
  calls.length = 0;
  try {
    await main(argv, { quick: false });
  } catch (e) {
    if (e instanceof Exit) return 'refused';
    throw e;
  }
  expect(calls).toHaveLength(1);
  return calls[0]!;
}

describe('quickSimArgs', () => {
  let exitCode: typeof process.exitCode;
  beforeEach(() => {
    exitCode = process.exitCode;
    vi.spyOn(process, 'exit').mockImplementation((code) => { throw new Exit(code as number | undefined); });
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => { vi.restoreAllMocks(); process.exitCode = exitCode; });

  it('reads the usual invocations as yargs does', async () => {
    const lists = [
      ['sim', 'bench/pe128x24.snn', '--json', '/tmp/s.json'],
      ['sim', 'examples/s1_pe_macro.snn'],
      ['sim', 'd.snn', '--json', '-', '--duration', '50ms', '--seed', '3', '--vcd', 'out/a.vcd'],
      ['sim', 'd.snn', '--probe', 'n[*].spike', 'xb.i[0]', '--run', 'learn', '--allow-outside-imports'],
      ['sim', 'd.snn', '--allow-outside-imports', '--format', 'json', '--resolution', '1fs', '--stimulus', 'in.csv'],
    ];
    for (const argv of lists) {
      const q = quickSimArgs(argv);
      expect(q, argv.join(' ')).not.toBeNull();
      expect(q).toEqual(await throughYargs(argv));
    }
    expect(quickSimArgs(lists[3]!)).toEqual({ file: 'd.snn', probe: ['n[*].spike', 'xb.i[0]'], run: 'learn', format: 'text', allowOutsideImports: true });
  });

  it('leaves everything else to yargs', () => {
    for (const argv of [
      [], ['sim'], ['check', 'd.snn'], ['sim', '--help'], ['sim', 'd.snn', '--help'], ['--version'], ['sim', 'd.snn', '-h'],
      ['sim', 'd.snn', '--json=x.json'], ['sim', 'd.snn', '--seed', '1e3'], ['sim', 'd.snn', '--seed', '-1'],
      ['sim', 'd.snn', '--format', 'xml'], ['sim', 'd.snn', '--run', 'a', '--run', 'b'], ['sim', 'd.snn', 'extra'],
      ['sim', '12', '--json', 'x'], ['sim', 'd.snn', '--allowOutsideImports'], ['sim', 'd.snn', '--allow-outside-imports', 'false'],
      ['sim', 'd.snn', '--no-allow-outside-imports'], ['sim', 'd.snn', '--vcd'], ['sim', 'd.snn', '--probe'], ['sim', 'd.snn', '--run', ''],
    ]) expect(quickSimArgs(argv), argv.join(' ')).toBeNull();
  });

  it('on generated argument lists: accepted ones give what yargs gives', async () => {
    const names = ['run', 'stimulus', 'duration', 'seed', 'vcd', 'probe', 'json', 'resolution', 'format', 'allow-outside-imports',
      'allowOutsideImports', 'no-allow-outside-imports', 'help', 'version', 'bogus'];
    const values = ['x', 'out.json', 'a b', '-', '', ' ', '5', '007', '1e3', '12.5', '0x10', 'true', 'false', 'json', 'text',
      'n[*].spike', 'xb.i[0]', 'a=b', '--x', '-x', 'NaN', '99999999999999999999', '100us', 'ñ'];
    // mostly well-formed options (one value each, one or more for --probe, none for the flag), some anything
    const value = fc.constantFrom(...values);
    const plainValue = fc.constantFrom(...values.filter((v) => v !== '' && !v.startsWith('-')), '42', '0');
    const wellFormed = fc.oneof(
      fc.tuple(fc.constantFrom('run', 'stimulus', 'duration', 'vcd', 'json', 'resolution', 'seed', 'format'), plainValue).map(([n, v]) => [`--${n}`, v]),
      fc.array(plainValue, { minLength: 1, maxLength: 3 }).map((vs) => ['--probe', ...vs]),
      fc.constant(['--allow-outside-imports']),
    );
    const anything = fc.record({
      name: fc.constantFrom(...names), values: fc.array(value, { maxLength: 3 }), joined: fc.boolean(),
    }).map(({ name, values: vs, joined }) => (joined && vs.length > 0 ? [`--${name}=${vs[0]}`, ...vs.slice(1)] : [`--${name}`, ...vs]));
    const option = fc.oneof({ arbitrary: wellFormed, weight: 4 }, { arbitrary: anything, weight: 1 });
    const file = fc.oneof({ arbitrary: fc.constant('d.snn'), weight: 4 },
      { arbitrary: fc.constantFrom('examples/s1 pe.snn', 'sim', '123', '1.5', '0x1f', 'Infinity', '-d.snn', '', 'true', 'ñ.snn'), weight: 1 });
    let accepted = 0;
    await fc.assert(fc.asyncProperty(file, fc.array(option, { maxLength: 4 }), fc.option(fc.constantFrom('extra', '7'), { freq: 8 }),
      async (f, opts, stray) => {
        const argv = ['sim', f, ...opts.flat(), ...(stray !== null ? [stray] : [])];
        const q = quickSimArgs(argv);
        if (q === null) return;
        accepted++;
        expect(await throughYargs(argv), argv.join(' ')).toEqual(q);
      }), { numRuns: 600 });
    expect(accepted).toBeGreaterThan(60); // the property is not vacuous
  });
});
