// Name sanitizing and identifier codes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { idCode, SAFE_NAME, sanitizeName, sanitizeText, uniqueName } from '../../src/trace/names.js';

describe('sanitizeName', () => {
  it('keeps plain identifiers and scope indices', () => {
    expect(sanitizeName('v_mem')).toBe('v_mem');
    expect(sanitizeName('n[3]', true)).toBe('n[3]');
    expect(sanitizeName('xbar[2][15]', true)).toBe('xbar[2][15]');
  });

  it('drops brackets from signal names and from malformed indices', () => {
    expect(sanitizeName('w[3]')).toBe('w_3_');
    expect(sanitizeName('n[a]', true)).toBe('n_a_');
    expect(sanitizeName('[3]', true)).toBe('_3_');
    expect(sanitizeName('n[3', true)).toBe('n_3');
  });

  it('is total, idempotent and always yields one safe token', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.boolean(), (raw, scope) => {
      const s = sanitizeName(raw, scope);
      expect(s).toMatch(SAFE_NAME);
      if (!scope) expect(s).not.toMatch(/[[\]]/);
      expect(sanitizeName(s, scope)).toBe(s);
    }));
  });
});

describe('uniqueName', () => {
  it('suffixes before a trailing index', () => {
    expect(uniqueName('a', new Set(['b']))).toBe('a');
    expect(uniqueName('a', new Set(['a', 'a_1']))).toBe('a_2');
    expect(uniqueName('n[3]', new Set(['n[3]']))).toBe('n_1[3]');
  });
});

describe('sanitizeText', () => {
  it('yields one printable ASCII line without $', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (raw) => {
      expect(sanitizeText(raw)).toMatch(/^[\x20-\x23\x25-\x7e]*$/);
    }));
  });
});

describe('idCode', () => {
  it('is injective, printable and avoids $', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 93 * 93 + 200; i++) {
      const c = idCode(i);
      expect(c).toMatch(/^[!-#%-~]+$/);
      seen.add(c);
    }
    expect(seen.size).toBe(93 * 93 + 200);
    expect([idCode(0), idCode(92), idCode(93), idCode(93 + 93)]).toEqual(['!', '~', '!!', '!"']);
  });
});
