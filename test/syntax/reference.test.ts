// The examples of lang/reference.md's declarations section parse without errors, and the
// lexical examples lex as the reference says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, tokens } from './helpers.js';

const md = readFileSync(new URL('../../lang/reference.md', import.meta.url), 'utf8');
const section = (from: string, to: string) => md.slice(md.indexOf(from), md.indexOf(to));
const blocks = (text: string) => [...text.matchAll(/```\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('lang/reference.md', () => {
  it('every declaration example parses', () => {
    const examples = blocks(section('## 2. Declarations', '## 3. Expressions'));
    expect(examples.length).toBeGreaterThan(8);
    for (const ex of examples) expect(parse(ex).diags.map((d) => d.message), ex).toEqual([]);
  });

  it('the quantity examples are single tokens or angle quantities', () => {
    const [numbers, quantities, compound] = blocks(section('### Numbers and quantities', '### Strings'));
    for (const n of numbers!.trim().split(/\s+/)) expect(tokens(n)).toEqual([`NumberLiteral:${n}`]);
    for (const q of quantities!.trim().split(/\s+/)) expect(tokens(q)).toEqual([`NumberLiteral:${q}`]);
    for (const line of compound!.trim().split('\n')) {
      const e = line.replace(/\/\/.*$/, '').trim();
      expect(parse(`const X = ${e};`).diags, e).toEqual([]);
    }
  });
});
