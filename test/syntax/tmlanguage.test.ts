// The editor grammar lang/snn.tmLanguage.json: valid JSON, and its main regexes match what the
// lexer matches (checked with JavaScript regexes, which agree with Oniguruma on these).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Rule { name?: string; match?: string; begin?: string; end?: string; patterns?: Rule[] }
const grammar = JSON.parse(readFileSync(new URL('../../lang/snn.tmLanguage.json', import.meta.url), 'utf8')) as {
  scopeName: string; patterns: Rule[]; repository: Record<string, Rule>;
};

function re(rule: Rule | undefined, key: 'match' | 'begin' = 'match'): RegExp {
  const src = rule?.[key];
  if (!src) throw new Error('no regex');
  return new RegExp(src, 'gm'); // TextMate matches line by line: $ is the end of a line
}
function ruleNamed(name: string): Rule {
  const stack: Rule[] = Object.values(grammar.repository);
  while (stack.length > 0) {
    const r = stack.pop()!;
    if (r.name === name) return r;
    stack.push(...(r.patterns ?? []));
  }
  throw new Error(`no rule ${name}`);
}
const all = (r: RegExp, s: string) => [...s.matchAll(r)].map((m) => m[0]);

describe('snn.tmLanguage.json', () => {
  it('is a TextMate grammar for source.snn whose includes resolve', () => {
    expect(grammar.scopeName).toBe('source.snn');
    const includes = JSON.stringify(grammar).match(/"include":\s*"#([\w-]+)"/g) ?? [];
    for (const inc of includes) expect(grammar.repository).toHaveProperty(inc.replace(/.*#/, '').replace(/"$/, ''));
  });

  it('every regex compiles', () => {
    const stack: Rule[] = [...grammar.patterns, ...Object.values(grammar.repository)];
    while (stack.length > 0) {
      const r = stack.pop()!;
      for (const k of ['match', 'begin', 'end'] as const) if (r[k]) expect(() => new RegExp(r[k]!)).not.toThrow();
      stack.push(...(r.patterns ?? []));
    }
  });

  it('quantities, numbers, keywords, comments', () => {
    const q = re(grammar.repository['quantities']);
    expect(all(q, 'a = 10.14pF * 4.56kOhm + 3% - 2kΩ + 1e-3us;')).toEqual(['10.14pF', '4.56kOhm', '3%', '2kΩ', '1e-3us']);
    expect(all(q, 'x1 = 50000; r = 0..9;')).toEqual([]);
    const n = re(grammar.repository['numbers']);
    expect(all(n, 'x1 = 50000 + 0.3 + 1e-3 + 10pF; r[0..9]')).toEqual(['50000', '0.3', '1e-3', '0', '9']);
    const kw = re(ruleNamed('keyword.other.snn'));
    expect(all(kw, 'connect a -> b; vary x over y; neurons inputs per')).toEqual(['connect', 'vary', 'over', 'per']);
    expect(all(re(ruleNamed('comment.line.double-slash.snn')), 'a = 1; // note\nb')).toEqual(['// note']);
    expect(re(ruleNamed('comment.block.snn'), 'begin').test('/* x */')).toBe(true);
  });

  it('declaration names', () => {
    const decl = grammar.repository['declarations']!.patterns!;
    const m = new RegExp(decl[0]!.match!).exec('neuron SRM10 : SRM50 {');
    expect(m?.slice(1)).toEqual(['neuron', 'SRM10', ':', 'SRM50']);
    expect(new RegExp(decl[1]!.match!).exec('macro PE(rows = 1)')?.[2]).toBe('PE');
    expect(new RegExp(grammar.repository['instances']!.match!).exec('  crossbar xb[rows, cols] {')?.slice(1)).toEqual(['crossbar', 'xb']);
  });
});
