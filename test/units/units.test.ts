// Units: dimension algebra and unit parsing, checked against SI definitions written out here
// (e.g. 1 F = 1 s^4 A^2 / (kg m^2), 1 Ohm = kg m^2 / (s^3 A^2)).
import { describe, expect, it } from 'vitest';
import { D, Dimension } from '../../src/units/dimension.js';
import { parseUnit, unitHint } from '../../src/units/units.js';
import { formatQuantity } from '../../src/units/quantity.js';

describe('dimensions', () => {
  it('are interned: equal vectors are the same object', () => {
    expect(Dimension.of([2, 1, -3, -2])).toBe(D.resistance);
    expect(D.resistance.mul(D.capacitance)).toBe(D.time);
    expect(D.voltage.div(D.resistance)).toBe(D.current);
    expect(D.conductance.mul(D.resistance)).toBe(D.none);
    expect(D.time.pow(-1)).toBe(D.frequency);
    expect(D.area.pow(0.5)).toBe(D.length);
  });
  it('match the SI base-unit definitions', () => {
    expect(D.capacitance.exps).toEqual([-2, -1, 4, 2, 0]);
    expect(D.energy.exps).toEqual([2, 1, -2, 0, 0]);
    expect(D.power.div(D.current)).toBe(D.voltage);
  });
  it('describe themselves for messages', () => {
    expect(D.time.describe).toBe('a time (s)');
    expect(D.conductance.describe).toBe('a conductance (S)');
    expect(D.capacitance.div(D.area).symbol).toBe('F/m^2');
    expect(Dimension.of([1, 0, -2]).symbol).toBe('m/s^2');
  });
});

describe('unit parsing', () => {
  const cases: Array<[string, number, Dimension]> = [
    ['pF', 1e-12, D.capacitance], ['kOhm', 1e3, D.resistance], ['kΩ', 1e3, D.resistance], ['ms', 1e-3, D.time],
    ['m', 1, D.length], ['mm', 1e-3, D.length], ['mS', 1e-3, D.conductance], ['uS', 1e-6, D.conductance],
    ['us', 1e-6, D.time], ['µs', 1e-6, D.time], ['ps', 1e-12, D.time], ['kHz', 1e3, D.frequency], ['%', 0.01, D.none],
    ['fF', 1e-15, D.capacitance], ['nm', 1e-9, D.length], ['MOhm', 1e6, D.resistance], ['GHz', 1e9, D.frequency],
    ['pJ', 1e-12, D.energy], ['uW', 1e-6, D.power], ['aF', 1e-18, D.capacitance], ['TS', 1e12, D.conductance],
  ];
  for (const [text, scale, dim] of cases) {
    it(`${text}`, () => {
      const u = parseUnit(text)!;
      expect(u.dim).toBe(dim);
      expect(u.scale).toBeCloseTo(scale, 30);
      expect(Math.abs(u.scale / scale - 1)).toBeLessThan(1e-12);
    });
  }
  it('rejects unknown units and hints at case mistakes', () => {
    expect(parseUnit('T1R')).toBeNull();
    expect(parseUnit('xs')).toBeNull();
    expect(parseUnit('ohm')).toBeNull();
    expect(unitHint('ohm')).toContain("'Ohm'");
    expect(unitHint('KOHM')).toContain("'kOhm'");
    expect(unitHint('qq')).toContain('prefixes');
  });
});

describe('formatting', () => {
  it('uses engineering prefixes', () => {
    expect(formatQuantity(10.14e-12, D.capacitance)).toBe('10.14 pF');
    expect(formatQuantity(4.56e3 * 10.14e-12, D.time)).toBe('46.24 ns');
    expect(formatQuantity(0.55, D.voltage)).toBe('550 mV');
    expect(formatQuantity(2e-15 / 1e-12, D.capacitance.div(D.area))).toBe('0.002 F/m^2');
    expect(formatQuantity(0, D.time)).toBe('0 s');
  });
});

describe('applying a prefix', () => {
  it('is correctly rounded: 10uS is exactly 1e-5 S, 3% is 0.03, 10.14pF is 1.014e-11 F', async () => {
    const { applyScale } = await import('../../src/units/units.js');
    expect(applyScale(10, 1e-6)).toBe(1e-5);
    expect(applyScale(3, 0.01)).toBe(0.03);
    expect(applyScale(10.14, 1e-12)).toBe(1.014e-11);
    expect(applyScale(4.56, 1e3)).toBe(4560);
  });
});
