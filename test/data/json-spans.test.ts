import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonWithSpans, type JNode } from '../../src/data/json-spans.js';

function toValue(n: JNode): unknown {
  switch (n.kind) {
    case 'number': case 'string': case 'bool': return n.value;
    case 'null': return null;
    case 'array': return n.items.map(toValue);
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const e of n.entries) {
        Object.defineProperty(o, e.key, { value: toValue(e.value), enumerable: true, configurable: true, writable: true });
      }
      return o;
    }
  }
}

const jsonParses = (t: string): boolean => { try { JSON.parse(t); return true; } catch { return false; } };

describe('parseJsonWithSpans', () => {
  it('keeps offsets of values and keys', () => {
    const r = parseJsonWithSpans('{"a": [1, "x\\n"],\n "b": null}');
    expect(r.ok).toBe(true);
    if (!r.ok || r.value.kind !== 'object') return;
    const [a, b] = r.value.entries;
    expect(a!.keyStart).toBe(1);
    expect(a!.value).toMatchObject({ kind: 'array', start: 6, end: 16 });
    expect(a!.value.kind === 'array' && a!.value.items[1]).toMatchObject({ kind: 'string', value: 'x\n', start: 10, end: 15 });
    expect(b!.value).toMatchObject({ kind: 'null', start: 24, end: 28 });
  });

  it('reports the offset of the first error', () => {
    expect(parseJsonWithSpans('[1, 2,]')).toEqual({ ok: false, offset: 6, reason: "expected a value but found ']'" });
    expect(parseJsonWithSpans('[01]')).toEqual({ ok: false, offset: 2, reason: "expected ',' or ']' but found '1'" });
    expect(parseJsonWithSpans('{"a" 1}')).toEqual({ ok: false, offset: 5, reason: "expected ':' but found '1'" });
    expect(parseJsonWithSpans('"abc')).toEqual({ ok: false, offset: 0, reason: 'unterminated string' });
    expect(parseJsonWithSpans('[] x')).toEqual({ ok: false, offset: 3, reason: "unexpected 'x' after the JSON value" });
  });

  it('agrees with JSON.parse on generated JSON (property)', () => {
    fc.assert(fc.property(fc.json(), (t) => {
      const r = parseJsonWithSpans(t);
      expect(r.ok).toBe(true);
      if (r.ok) expect(toValue(r.value)).toEqual(JSON.parse(t));
    }), { numRuns: 500 });
  });

  it('accepts exactly what JSON.parse accepts on random text (property)', () => {
    const unit = fc.constantFrom(...'[]{}",:0123456789.-+eEtrufalsn \\/u\n'.split(''));
    fc.assert(fc.property(fc.string({ unit, maxLength: 30 }), (t) => {
      expect(parseJsonWithSpans(t).ok).toBe(jsonParses(t));
    }), { numRuns: 3000 });
  });
});
