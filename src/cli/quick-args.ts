// `snn sim FILE [--option value]...` read without yargs: the usual invocation, recognised
// only in its plain form, so that a run does not pay for loading and running yargs (about
// 0.1 s of start-up). Anything else returns null and main.ts hands the arguments to yargs,
// which parses them as always: help and version, other commands, unknown or repeated
// options, `--option=value`, short or negated flags, values that are empty or start with
// '-' (except `--json -`), a --seed that is not plain digits, a --format that is not one of
// its choices, a file name that reads as a number, stray positional arguments.
// Invariant: for an argument list it accepts, the SimArgs are exactly those that main.ts's
// yargs definition gives (test/cli/quick-args.test.ts compares the two on generated lists).
import type { SimArgs } from './sim.js';

/** Options that take one string value, as SimArgs fields of the same name. */
const STRING_OPTIONS = ['run', 'stimulus', 'duration', 'vcd', 'json', 'resolution'] as const;
type StringOption = (typeof STRING_OPTIONS)[number];
const isStringOption = (name: string): name is StringOption => (STRING_OPTIONS as readonly string[]).includes(name);

/** A value yargs takes as it is: not empty, not something that could be an option. */
const plain = (s: string): boolean => s.length > 0 && s[0] !== '-';

/** The arguments of `snn sim` when `argv` is in the plain form, else null (see the header). */
export function quickSimArgs(argv: readonly string[]): SimArgs | null {
  if (argv[0] !== 'sim' || argv.length < 2) return null;
  const file = argv[1]!;
  if (!plain(file) || !Number.isNaN(Number(file))) return null;
  const out: SimArgs = { file, probe: [], format: 'text', allowOutsideImports: false };
  const seen = new Set<string>();
  let i = 2;
  while (i < argv.length) {
    const token = argv[i++]!;
    if (!token.startsWith('--')) return null;
    const name = token.slice(2);
    if (seen.has(name)) return null;
    seen.add(name);
    if (name === 'allow-outside-imports') {
      // a flag: what follows must be another option (yargs would read true/false as its value)
      out.allowOutsideImports = true;
      continue;
    }
    if (name === 'probe') {
      // an array: every plain value up to the next option
      const from = i;
      while (i < argv.length && plain(argv[i]!)) i++;
      if (i === from) return null;
      out.probe = argv.slice(from, i);
      continue;
    }
    const value = argv[i++];
    if (value === undefined) return null;
    if (name === 'json' && value === '-') out.json = value;
    else if (!plain(value)) return null;
    else if (isStringOption(name)) out[name] = value;
    else if (name === 'seed' && /^[0-9]{1,15}$/.test(value)) out.seed = Number(value);
    else if (name === 'format' && (value === 'text' || value === 'json')) out.format = value;
    else return null;
  }
  return out;
}
