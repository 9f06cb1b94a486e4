// Independent readers of VCD text for tests, to check what other tools get from our files.
// Input: VCD text (ours, or fst2vcd's). Output: per hierarchical name ("pe.n[3].v"), the
//   list of [time, value] changes. readWithVcdStream() uses the vcd-stream package for
//   wires and vectors; readReals() is a small tokenizer for real changes, which vcd-stream
//   does not report. Invariants: names are scopes and var name joined with '.', without a
//   trailing [msb:0].
import { createRequire } from 'node:module';

type Change<T> = Array<[bigint, T]>;

interface VcdStreamScope { kind: 'scope' | 'var'; name: string; type?: string; link?: string; size?: number; body?: VcdStreamScope[] }
interface VcdStreamParser {
  change: { any(fn: (id: string, time: bigint, cmd: number, value?: bigint, mask?: bigint) => void): void };
  info: { wires: VcdStreamScope; timescale?: string };
  on(ev: string, fn: () => void): void;
  write(b: Buffer): void;
  end(): void;
}
const vcdStream = createRequire(import.meta.url)('vcd-stream') as {
  createVCD(): Promise<unknown>;
  webVcdParser(mod: unknown): Promise<VcdStreamParser>;
};

/**
 * Wires and vectors through vcd-stream (its WebAssembly parser). Two limits of
 * vcd-stream 1.5 are worked around here: it mis-parses a `$var` split across write()
 * chunks (the text goes in as one chunk) and it folds the digits of a real change (`r...`)
 * into the next vector value (real-change lines are removed first; see readReals).
 */
export async function readWithVcdStream(text: string): Promise<{ timescale: string; changes: Map<string, Change<bigint | 'x'>> }> {
  const parser = await vcdStream.webVcdParser(await vcdStream.createVCD());
  const byId = new Map<string, string[]>();
  const changes = new Map<string, Change<bigint | 'x'>>();
  const walk = (node: VcdStreamScope, path: string[]): void => {
    for (const c of node.body ?? []) {
      if (c.kind === 'scope') walk(c, [...path, c.name]);
      else if (c.link !== undefined && c.type !== 'real') {
        const name = [...path, c.name].join('.');
        byId.set(c.link, [...(byId.get(c.link) ?? []), name]);
        changes.set(name, []);
      }
    }
  };
  parser.on('$enddefinitions', () => walk(parser.info.wires, []));
  parser.change.any((id, time, cmd, value, mask) => {
    const v: bigint | 'x' = cmd === 14 ? 0n : cmd === 15 ? 1n : cmd === 30 && mask === 0n && value !== undefined ? value : 'x';
    for (const name of byId.get(id) ?? []) changes.get(name)!.push([time, v]);
  });
  const done = new Promise<void>((resolve) => parser.on('finish', () => resolve()));
  parser.write(Buffer.from(text.replace(/^[rR]\S* \S+\n/gm, ''), 'latin1'));
  parser.end();
  await done;
  return { timescale: (parser.info.timescale ?? '').trim(), changes };
}

/** Real-valued changes, by a whitespace tokenizer of the VCD grammar. */
export function readReals(text: string): Map<string, Change<number>> {
  const tok = text.split(/\s+/).filter((t) => t !== '');
  const scope: string[] = [];
  const realIds = new Map<string, string[]>();
  const out = new Map<string, Change<number>>();
  let i = 0;
  for (; i < tok.length && tok[i] !== '$enddefinitions'; i++) {
    if (tok[i] === '$scope') { scope.push(tok[i + 2]!); i += 3; }
    else if (tok[i] === '$upscope') { scope.pop(); i += 1; }
    else if (tok[i] === '$var') {
      const [type, , id, name] = tok.slice(i + 1, i + 5);
      if (type === 'real') {
        const full = [...scope, name!].join('.');
        realIds.set(id!, [...(realIds.get(id!) ?? []), full]);
        out.set(full, []);
      }
      while (tok[i] !== '$end') i++;
    } else if (tok[i]!.startsWith('$')) {
      while (tok[i] !== '$end') i++;
    }
  }
  let time = 0n;
  for (; i < tok.length; i++) {
    const t = tok[i]!;
    const c = t[0];
    if (c === '#') time = BigInt(t.slice(1));
    else if (c === 'b' || c === 'B') i++;
    else if (c === 'r' || c === 'R') {
      const id = tok[++i]!;
      for (const name of realIds.get(id) ?? []) out.get(name)!.push([time, parseCReal(t.slice(1))]);
    }
  }
  return out;
}

/** A real as C's strtod reads it (so "nan", "inf", "-inf" too). */
export function parseCReal(s: string): number {
  const l = s.toLowerCase();
  if (l === 'nan' || l === '-nan' || l === '+nan') return NaN;
  if (l === 'inf' || l === '+inf' || l === 'infinity') return Infinity;
  if (l === '-inf' || l === '-infinity') return -Infinity;
  return Number(s);
}
